import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload, OnCallApi } from '../../shared/api';
import type { RunbookSession, RunbookSummary } from '../../shared/runbook';
import { createAlertsStore } from '../../renderer/src/stores/alerts-store';
import { createRunbookStore } from '../../renderer/src/stores/runbook-store';
import { createUiStore, revealRunbook, subscribeUiStore } from '../../renderer/src/stores/ui-store';
import { runbookSession } from '../helpers/runbook-session';

const summary = (id: string): RunbookSummary => ({ id, title: id, file: `/runbooks/${id}`, services: [], alerts: null, severity: null, owner: null, tags: [], error: null });
const session = (id: string, runbookId: string, overrides: Partial<RunbookSession> = {}): RunbookSession =>
  runbookSession({ id, runbookId, runbookTitle: runbookId, startedAt: '2026-01-01T00:00:00Z', ...overrides });

function setup(sessions: RunbookSession[] = []) {
  const ui = createUiStore();
  const runbooks = createRunbookStore();
  runbooks.getState().applySnapshot({ runbooks: [summary('db/disk-full.md'), summary('cache.md')], sessions, errors: [] });
  return { ui, runbooks };
}

/** Only `on`: the events the store listens to, pushed by hand. */
function fakeEvents() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Pick<OnCallApi, 'on'> = {
    on: ((event: EventName, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }) as OnCallApi['on'],
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => listeners.get(event)?.forEach((listener) => listener(payload));
  return { api, emit, count: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0) };
}

describe('focusRunbook (deep link oncall://runbook/<id>)', () => {
  it('switches to the runbooks view and highlights the runbook, starting no session', () => {
    const { ui, runbooks } = setup();
    ui.getState().setView('alerts');
    revealRunbook(ui, runbooks, 'db/disk-full.md');
    expect(ui.getState().view).toBe('runbooks');
    expect(runbooks.getState()).toMatchObject({ selectedId: 'db/disk-full.md', openSessionId: null });
    expect(ui.getState().commandError).toBeNull();
  });

  it('opens its unfinished hand-opened session, not one that is finished or for an alert', () => {
    const { ui, runbooks } = setup([
      session('old', 'db/disk-full.md', { finishedAt: '2026-01-01T01:00:00Z' }),
      session('for-alert', 'db/disk-full.md', { alertFingerprint: 'abc' }),
      session('by-hand', 'db/disk-full.md'),
    ]);
    revealRunbook(ui, runbooks, 'db/disk-full.md');
    expect(runbooks.getState().openSessionId).toBe('by-hand');
  });

  it('drops a search that hides the runbook, and keeps one that shows it', () => {
    const { ui, runbooks } = setup();
    runbooks.getState().setQuery('cache');
    runbooks.getState().searchRequested(1);
    runbooks.getState().searchAnswered(1, { query: 'cache', ids: ['cache.md'] });
    revealRunbook(ui, runbooks, 'cache.md');
    expect(runbooks.getState().query).toBe('cache');
    revealRunbook(ui, runbooks, 'db/disk-full.md');
    expect(runbooks.getState()).toMatchObject({ query: '', selectedId: 'db/disk-full.md' });
  });

  it('says so when the runbook is not among the loaded ones', () => {
    const { ui, runbooks } = setup();
    revealRunbook(ui, runbooks, 'gone.md');
    expect(ui.getState().commandError).toContain('“gone.md”');
    expect(runbooks.getState().selectedId).toBeNull();
  });

  it('selects it anyway while the runbooks are still loading (a link at launch)', () => {
    const ui = createUiStore();
    const runbooks = createRunbookStore();
    revealRunbook(ui, runbooks, 'db/disk-full.md');
    expect(runbooks.getState().selectedId).toBe('db/disk-full.md');
    expect(ui.getState().commandError).toBeNull();
  });

  it('is wired to the event beside focusAlert, and both unsubscribe', () => {
    const { ui, runbooks } = setup();
    const events = fakeEvents();
    const unsubscribe = subscribeUiStore(ui, createAlertsStore(), runbooks, events.api);
    events.emit('focusRunbook', { id: 'cache.md' });
    expect(ui.getState().view).toBe('runbooks');
    expect(runbooks.getState().selectedId).toBe('cache.md');
    events.emit('focusAlert', { fingerprint: 'abc' });
    expect(ui.getState()).toMatchObject({ view: 'alerts', selectedFingerprint: 'abc' });
    expect(events.count()).toBe(2);
    unsubscribe();
    expect(events.count()).toBe(0);
  });
});
