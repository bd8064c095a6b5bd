import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, OnCallApi } from '../../shared/api';
import { DEFAULT_BURN_RULES, type Slo, type SloHistory, type SloSet } from '../../shared/slo';
import { copyText } from '../../renderer/src/actions/clipboard';
import { loadSloHistory } from '../../renderer/src/actions/slo-history';
import { createSloStore, newestEvaluation, subscribeSloStore } from '../../renderer/src/stores/slo-store';

/** The store looks at ids and evaluation times only; it does not validate (the transport does). */
const slo = (id: string, evaluatedAt: string | null = '2026-11-26T12:00:00Z') => ({ id, evaluatedAt }) as Slo;
const set = (...slos: Slo[]): SloSet => ({ slos, errors: [] });

function history(id: string, points = 3): SloHistory {
  const t = Array.from({ length: points }, (_, i) => 1_700_000_000 + i * 60);
  return { id, stepSeconds: 60, t, budgetRemaining: t.map(() => 0.5), burnRate1h: t.map(() => 1), rules: DEFAULT_BURN_RULES };
}

/** Answers getSloHistory by hand, in any order. */
function fakeHistoryApi() {
  const pending: { id: string; resolve: (value: SloHistory) => void; reject: (error: Error) => void }[] = [];
  const getSloHistory = vi.fn(
    ({ id }: { id: string }) =>
      new Promise<SloHistory>((resolve, reject) => {
        pending.push({ id, resolve, reject });
      }),
  );
  return { api: { getSloHistory } as Pick<OnCallApi, 'getSloHistory'>, getSloHistory, pending };
}

describe('SLO store: snapshot and events', () => {
  it('holds nothing until the first set, then the SLOs and the file errors', () => {
    const store = createSloStore();
    expect(store.getState()).toMatchObject({ loaded: false, slos: [], errors: [] });
    store.getState().applySnapshot({ slos: [slo('checkout')], errors: ['slos/bad.yaml: spec.budgetingMethod: only Occurrences is supported'] });
    expect(store.getState()).toMatchObject({ loaded: true, awaitingSnapshot: false, errors: ['slos/bad.yaml: spec.budgetingMethod: only Occurrences is supported'] });
    expect(store.getState().slos.map((s) => s.id)).toEqual(['checkout']);
  });

  it('replaces the whole set on every slosChanged, and forgets the history of SLOs that went away', () => {
    const store = createSloStore();
    store.getState().applySnapshot(set(slo('checkout'), slo('search')));
    store.getState().historyRequested('search', '2026-11-26T12:00:00Z', 1);
    store.getState().historyRequested('checkout', '2026-11-26T12:00:00Z', 2);
    store.getState().applyEvent(set(slo('checkout')));
    expect(store.getState().slos.map((s) => s.id)).toEqual(['checkout']);
    expect([...store.getState().history.keys()]).toEqual(['checkout']);
  });

  it('after a reconnect, keeps an event that came before the snapshot only when it is newer', () => {
    const store = createSloStore();
    store.getState().applySnapshot(set(slo('a', '2026-11-26T11:00:00Z')));

    store.getState().beginResync();
    store.getState().applyEvent(set(slo('a', '2026-11-26T12:02:00Z')));
    store.getState().applySnapshot(set(slo('a', '2026-11-26T12:01:00Z')));
    expect(store.getState().slos[0]?.evaluatedAt).toBe('2026-11-26T12:02:00Z');

    store.getState().beginResync();
    store.getState().applyEvent(set(slo('a', '2026-11-26T12:03:00Z')));
    store.getState().applySnapshot(set(slo('a', '2026-11-26T12:04:00Z')));
    expect(store.getState().slos[0]?.evaluatedAt).toBe('2026-11-26T12:04:00Z');
  });

  it('lets the reconnect snapshot win over values held from before the disconnect, however new they look', () => {
    const store = createSloStore();
    store.getState().applyEvent(set(slo('a', '2026-11-26T12:05:00Z')));
    store.getState().applySnapshot(set(slo('a', '2026-11-26T12:06:00Z')));
    store.getState().beginResync();
    // A restarted engine has not evaluated yet.
    store.getState().applySnapshot(set(slo('a', null)));
    expect(store.getState().slos[0]?.evaluatedAt).toBeNull();
  });

  it('finds the newest evaluation of a set, ignoring unevaluated SLOs', () => {
    expect(newestEvaluation([slo('a', '2026-11-26T12:00:00Z'), slo('b', null), slo('c', '2026-11-26T12:01:00Z')])).toBe(Date.parse('2026-11-26T12:01:00Z'));
    expect(newestEvaluation([slo('a', null)])).toBe(Number.NEGATIVE_INFINITY);
  });

  it('subscribes to slosChanged and unsubscribes', () => {
    const listeners = new Set<(payload: EventPayload<'slosChanged'>) => void>();
    const api = {
      on: (event: EventName, listener: (payload: EventPayload<'slosChanged'>) => void) => {
        expect(event).toBe('slosChanged');
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    } as unknown as Pick<OnCallApi, 'on'>;
    const store = createSloStore();
    const stop = subscribeSloStore(store, api);
    listeners.forEach((listener) => listener(set(slo('checkout'))));
    expect(store.getState().slos.map((s) => s.id)).toEqual(['checkout']);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('selects, opens and closes the detail', () => {
    const store = createSloStore();
    store.getState().openDetail();
    expect(store.getState().detailOpen).toBe(false);
    store.getState().select('search');
    store.getState().openDetail();
    expect(store.getState()).toMatchObject({ selectedId: 'search', detailOpen: true });
    store.getState().openDetail('checkout');
    expect(store.getState()).toMatchObject({ selectedId: 'checkout', detailOpen: true });
    store.getState().closeDetail();
    expect(store.getState()).toMatchObject({ selectedId: 'checkout', detailOpen: false });
  });
});

describe('SLO history loading', () => {
  it('loads when asked, with a loading state first', async () => {
    const { api, getSloHistory, pending } = fakeHistoryApi();
    const slos = createSloStore();
    const done = loadSloHistory({ api, slos }, 'checkout', 'e1');
    expect(slos.getState().history.get('checkout')).toMatchObject({ state: 'loading', history: null, forEvaluatedAt: 'e1' });
    pending[0]!.resolve(history('checkout'));
    await done;
    expect(getSloHistory).toHaveBeenCalledWith({ id: 'checkout' });
    expect(slos.getState().history.get('checkout')).toMatchObject({ state: 'loaded', error: null, history: { id: 'checkout' } });
  });

  it('asks once per evaluation: not again while loading or loaded, again once the SLO is evaluated anew', async () => {
    const { api, getSloHistory, pending } = fakeHistoryApi();
    const slos = createSloStore();
    const first = loadSloHistory({ api, slos }, 'checkout', 'e1');
    await loadSloHistory({ api, slos }, 'checkout', 'e1');
    pending[0]!.resolve(history('checkout', 3));
    await first;
    await loadSloHistory({ api, slos }, 'checkout', 'e1');
    expect(getSloHistory).toHaveBeenCalledTimes(1);

    const second = loadSloHistory({ api, slos }, 'checkout', 'e2');
    // The previous chart stays while the new one loads.
    expect(slos.getState().history.get('checkout')).toMatchObject({ state: 'loading', forEvaluatedAt: 'e2', history: { t: { length: 3 } } });
    pending[1]!.resolve(history('checkout', 5));
    await second;
    expect(getSloHistory).toHaveBeenCalledTimes(2);
    expect(slos.getState().history.get('checkout')?.history?.t).toHaveLength(5);
  });

  it('keeps only the answer to the latest request when answers cross', async () => {
    const { api, pending } = fakeHistoryApi();
    const slos = createSloStore();
    const older = loadSloHistory({ api, slos }, 'checkout', 'e1');
    const newer = loadSloHistory({ api, slos }, 'checkout', 'e2');
    pending[1]!.resolve(history('checkout', 7));
    await newer;
    pending[0]!.resolve(history('checkout', 2));
    await older;
    expect(slos.getState().history.get('checkout')).toMatchObject({ state: 'loaded', forEvaluatedAt: 'e2' });
    expect(slos.getState().history.get('checkout')?.history?.t).toHaveLength(7);
  });

  it('records a failure in words, keeps the previous chart, and retries when forced or on reopening', async () => {
    const { api, getSloHistory, pending } = fakeHistoryApi();
    const slos = createSloStore();
    const first = loadSloHistory({ api, slos }, 'checkout', 'e1');
    pending[0]!.resolve(history('checkout'));
    await first;
    const failing = loadSloHistory({ api, slos }, 'checkout', 'e2');
    pending[1]!.reject(new Error('prod-prom: connect ECONNREFUSED 127.0.0.1:9090'));
    await failing;
    expect(slos.getState().history.get('checkout')).toMatchObject({
      state: 'error',
      error: 'prod-prom: connect ECONNREFUSED 127.0.0.1:9090',
      history: { id: 'checkout' },
    });
    const retry = loadSloHistory({ api, slos }, 'checkout', 'e2');
    expect(getSloHistory).toHaveBeenCalledTimes(3);
    pending[2]!.resolve(history('checkout'));
    await retry;
    expect(slos.getState().history.get('checkout')?.state).toBe('loaded');

    const forced = loadSloHistory({ api, slos }, 'checkout', 'e2', true);
    expect(getSloHistory).toHaveBeenCalledTimes(4);
    pending[3]!.resolve(history('checkout'));
    await forced;
  });

  it('refuses a history that belongs to another SLO', async () => {
    const { api, pending } = fakeHistoryApi();
    const slos = createSloStore();
    const done = loadSloHistory({ api, slos }, 'checkout', 'e1');
    pending[0]!.resolve(history('search'));
    await done;
    expect(slos.getState().history.get('checkout')).toMatchObject({ state: 'error', error: 'the engine answered with the history of "search"' });
  });
});

describe('copyText', () => {
  it('reports whether the clipboard took the text', async () => {
    const writeText = vi.fn(async () => undefined);
    expect(await copyText('sum(rate(x[5m]))', { writeText })).toBe(true);
    expect(writeText).toHaveBeenCalledWith('sum(rate(x[5m]))');
    expect(await copyText('q', { writeText: async () => Promise.reject(new Error('Document is not focused')) })).toBe(false);
    expect(await copyText('q', undefined)).toBe(false);
  });
});
