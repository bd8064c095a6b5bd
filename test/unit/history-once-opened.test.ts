import { afterEach, describe, expect, it, vi } from 'vitest';
import { onceOpened, openedLater } from '../../electron/app/open-stores';
import type { AlertHistoryStore } from '../../electron/history/alert-history';

/** A store that writes down what it is asked, in order. */
function recordingStore(calls: string[], withBetween = true): AlertHistoryStore {
  return {
    record: (changes) => void calls.push(`record ${changes.length}`),
    recordAcknowledgement: (fingerprint) => void calls.push(`ack ${fingerprint}`),
    reconcile: (firing) => void calls.push(`reconcile ${firing.length}`),
    setRetention: (limits) => void calls.push(`retention ${limits.maxEpisodes}`),
    get: async (fingerprint) => ({ fingerprint, episodes: [] }) as never,
    search: async () => ({ episodes: [] }) as never,
    ...(withBetween ? { between: async () => [{ fingerprint: 'x' }] as never } : {}),
    close: async () => void calls.push('close'),
  };
}

describe('the history while its worker starts', () => {
  it('takes calls at once and passes them on in their order once open', async () => {
    const calls: string[] = [];
    let open!: (store: AlertHistoryStore) => void;
    const history = onceOpened(new Promise((resolve) => (open = resolve)));
    history.setRetention({ maxAgeMs: 1, maxEpisodes: 7 });
    history.record([], new Date());
    history.reconcile([{ fingerprint: 'a', startsAt: 't' }], new Date());
    const answer = history.get('a', new Date());
    expect(calls).toEqual([]);

    open(recordingStore(calls));
    await expect(answer).resolves.toMatchObject({ fingerprint: 'a' });
    expect(calls).toEqual(['retention 7', 'record 0', 'reconcile 1']);
    history.recordAcknowledgement('b', 't', { by: 'ana', comment: '', at: 't' });
    expect(calls.at(-1)).toBe('ack b');
    await history.close();
    expect(calls.at(-1)).toBe('close');
  });

  it('answers no episodes between two times when the store keeps none', async () => {
    expect(await onceOpened(Promise.resolve(recordingStore([], false))).between!(new Date(0), new Date(), 10)).toEqual([]);
    expect(await onceOpened(Promise.resolve(recordingStore([]))).between!(new Date(0), new Date(), 10)).toEqual([{ fingerprint: 'x' }]);
  });
});

describe('the history opened after the start', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function later() {
    vi.useFakeTimers();
    const calls: string[] = [];
    let opened = 0;
    const history = openedLater(async () => {
      opened++;
      return recordingStore(calls);
    }, 2_000);
    return { calls, history, opened: () => opened };
  }

  it('opens only after the delay, then passes on the writes made meanwhile in their order', async () => {
    const { calls, history, opened } = later();
    history.setRetention({ maxAgeMs: 1, maxEpisodes: 7 });
    history.record([], new Date());
    await vi.advanceTimersByTimeAsync(1_999);
    expect(opened()).toBe(0);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(opened()).toBe(1);
    expect(calls).toEqual(['retention 7', 'record 0']);
  });

  it('opens at once for a query, and only once', async () => {
    const { history, opened } = later();
    await expect(history.search({ text: '', limit: 10 } as never)).resolves.toEqual({ episodes: [] });
    await expect(history.get('a', new Date())).resolves.toMatchObject({ fingerprint: 'a' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(opened()).toBe(1);
  });

  it('closed before the delay, opens to write what was queued, then closes', async () => {
    const { calls, history, opened } = later();
    history.record([], new Date());
    await history.close();
    expect(opened()).toBe(1);
    expect(calls).toEqual(['record 0', 'close']);
  });
});
