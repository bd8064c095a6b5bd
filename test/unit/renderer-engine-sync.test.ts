import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, OnCallApi } from '../../shared/api';
import type { PendingAction, Silence } from '../../shared/actions';
import type { Incident } from '../../shared/incident';
import type { Snapshot } from '../../shared/model';
import { emptySnapshot } from '../helpers/snapshots';
import type { RunbookSession, RunbookSet } from '../../shared/runbook';
import type { Slo, SloSet } from '../../shared/slo';
import type { ConnectionStatus, EngineConnection } from '../../renderer/src/api/connection';
import { createAppServices } from '../../renderer/src/create-app-services';
import { startEngineSync, type SyncTargets } from '../../renderer/src/stores/engine-sync';
import { makeAlert } from '../helpers/alerts';

const checkout = makeAlert({ fingerprint: 'checkout', labels: { alertname: 'HighErrorRate', service: 'checkout' } });
const search = makeAlert({ fingerprint: 'search', labels: { alertname: 'HighErrorRate', service: 'search' } });

/** Only the fields the sync and the store look at; the store does not validate. */
const sloAt = (id: string, evaluatedAt: string) => ({ id, evaluatedAt }) as Slo;
const NO_SLOS: SloSet = { slos: [], errors: [] };
const NO_RUNBOOKS: RunbookSet = { runbooks: [], sessions: [], errors: [] };
/** Only the fields the stores look at. */
const sessionAt = (id: string) => ({ id, runbookId: 'disk.md', finishedAt: null }) as RunbookSession;
const incidentNamed = (id: string, title: string) => ({ id, title, status: 'investigating', severity: 'SEV2' }) as Incident;
const silenceNamed = (id: string) => ({ id, sources: ['prod-am'], state: 'active' }) as Silence;
const actionNamed = (id: string) => ({ id, target: 'prod-am', state: 'queued' }) as PendingAction;

function snapshot(revision: number, alerts = [checkout], slos: SloSet = NO_SLOS, runbooks: RunbookSet = NO_RUNBOOKS, incidents: Incident[] = []): Snapshot {
  return emptySnapshot({
    revision,
    alerts,
    sources: [{ name: 'prod-am', type: 'alertmanager', status: 'ok', lastSuccessAt: null, lastAttemptAt: null, lastError: null, warnings: [], alertCount: 1, consecutiveFailures: 0, circuit: 'closed', nextAttemptAt: null, fromCache: false }],
    preferences: { theme: 'light', groupBy: 'service', author: 'dev' },
    config: { path: '/etc/oncall.yaml', demo: false, error: null },
    slos,
    runbooks,
    incidents,
  });
}

/** An engine connection whose events, status and snapshot answers the test drives by hand. */
function fakeConnection(getSnapshot: () => Promise<Snapshot>) {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', lastError: null };
  const api = {
    getSnapshot: vi.fn(getSnapshot),
    on: (event: EventName, listener: (payload: never) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as OnCallApi & { getSnapshot: ReturnType<typeof vi.fn> };
  const connection: EngineConnection = {
    api,
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close: () => undefined,
  };
  return {
    connection,
    api,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      listeners.get(event)?.forEach((listener) => listener(payload as never));
    },
    setStatus(next: ConnectionStatus) {
      status = next;
      statusListeners.forEach((listener) => listener(next));
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0) + statusListeners.size,
  };
}

/** Every store the sync feeds, fresh (the api is the fake connection's). */
function stores(): SyncTargets {
  return createAppServices({} as OnCallApi);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startEngineSync', () => {
  it('loads a snapshot once connected, into both stores, and never before', async () => {
    const fake = fakeConnection(async () => snapshot(4));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    expect(fake.api.getSnapshot).not.toHaveBeenCalled();
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.alerts.getState().revision).toBe(4));
    expect(targets.engine.getState().preferences).toEqual({ theme: 'light', groupBy: 'service', author: 'dev' });
    expect(targets.engine.getState().sources.map((source) => source.name)).toEqual(['prod-am']);
    expect(targets.engine.getState().connection.state).toBe('connected');
  });

  it('fetches a fresh snapshot after every reconnect, and only then', async () => {
    let revision = 1;
    const fake = fakeConnection(async () => snapshot(revision++));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    fake.setStatus({ state: 'connected', lastError: null });
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.alerts.getState().revision).toBe(1));
    fake.setStatus({ state: 'disconnected', lastError: 'event stream closed (code 1006)' });
    expect(targets.engine.getState().connection).toEqual({ state: 'disconnected', lastError: 'event stream closed (code 1006)' });
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.alerts.getState().revision).toBe(2));
    expect(fake.api.getSnapshot).toHaveBeenCalledTimes(2);
  });

  it('routes events to the stores that subscribe to them', async () => {
    const fake = fakeConnection(async () => snapshot(1));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.alerts.getState().revision).toBe(1));

    fake.emit('alertsChanged', { revision: 2, upserted: [search], removed: [] });
    fake.emit('configChanged', { path: '/etc/oncall.yaml', demo: false, error: '/etc/oncall.yaml: sources[0].url: Invalid URL' });
    fake.emit('notificationsChanged', { minSeverity: 'critical', onResolve: true, pausedUntil: '2026-11-26T11:00:00Z', silenceExpiryWarningMs: 600_000 });
    fake.emit('preferencesChanged', { theme: 'dark', groupBy: 'alertname', author: 'dev' });
    fake.emit('sourcesChanged', []);

    expect([...targets.alerts.getState().alerts.keys()].sort()).toEqual(['checkout', 'search']);
    expect(targets.engine.getState().config?.error).toContain('sources[0].url');
    expect(targets.engine.getState().notifications?.pausedUntil).toBe('2026-11-26T11:00:00Z');
    expect(targets.engine.getState().preferences.theme).toBe('dark');
    expect(targets.engine.getState().sources).toEqual([]);
  });

  it('loads the SLOs from the snapshot, then takes every slosChanged', async () => {
    const fake = fakeConnection(async () => snapshot(1, [checkout], { slos: [sloAt('checkout', '2026-11-26T10:00:00Z')], errors: ['slos/bad.yaml: kind: not SLO'] }));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    expect(targets.slos.getState().loaded).toBe(false);
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.slos.getState().loaded).toBe(true));
    expect(targets.slos.getState().errors).toEqual(['slos/bad.yaml: kind: not SLO']);

    fake.emit('slosChanged', { slos: [sloAt('checkout', '2026-11-26T10:01:00Z'), sloAt('search', '2026-11-26T10:01:00Z')], errors: [] });
    expect(targets.slos.getState().slos.map((slo) => slo.id)).toEqual(['checkout', 'search']);
    expect(targets.slos.getState().errors).toEqual([]);
  });

  it('keeps an slosChanged that overtook the reconnect snapshot when it is the newer', async () => {
    let answer: (value: Snapshot) => void = () => undefined;
    const fake = fakeConnection(() => new Promise<Snapshot>((resolve) => (answer = resolve)));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    fake.setStatus({ state: 'connected', lastError: null });
    fake.emit('slosChanged', { slos: [sloAt('checkout', '2026-11-26T10:02:00Z')], errors: [] });
    answer(snapshot(1, [checkout], { slos: [sloAt('checkout', '2026-11-26T10:01:00Z')], errors: [] }));
    await vi.waitFor(() => expect(targets.alerts.getState().revision).toBe(1));
    expect(targets.slos.getState().slos[0]?.evaluatedAt).toBe('2026-11-26T10:02:00Z');
  });

  it('loads runbooks and incidents from the snapshot, then takes every runbooksChanged and incidentsChanged', async () => {
    const runbooks: RunbookSet = { runbooks: [], sessions: [sessionAt('s1')], errors: ['runbooks/missing: no such folder'] };
    const fake = fakeConnection(async () => snapshot(1, [checkout], NO_SLOS, runbooks, [incidentNamed('i1', 'Checkout down')]));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.runbooks.getState().loaded).toBe(true));
    expect(targets.runbooks.getState().errors).toEqual(['runbooks/missing: no such folder']);
    expect(targets.incidents.getState().incidents.map((incident) => incident.title)).toEqual(['Checkout down']);

    fake.emit('runbooksChanged', { runbooks: [], sessions: [sessionAt('s1'), sessionAt('s2')], errors: [] });
    fake.emit('incidentsChanged', [incidentNamed('i1', 'Checkout down'), incidentNamed('i2', 'Search slow')]);
    expect(targets.runbooks.getState().sessions.map((session) => session.id)).toEqual(['s1', 's2']);
    expect(targets.incidents.getState().incidents.map((incident) => incident.id)).toEqual(['i1', 'i2']);
  });

  it('keeps runbook and incident events that overtook the reconnect snapshot: they were sent after it was asked for', async () => {
    let answer: (value: Snapshot) => void = () => undefined;
    const fake = fakeConnection(() => new Promise<Snapshot>((resolve) => (answer = resolve)));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    fake.setStatus({ state: 'connected', lastError: null });
    fake.emit('runbooksChanged', { runbooks: [], sessions: [sessionAt('new')], errors: [] });
    fake.emit('incidentsChanged', [incidentNamed('i1', 'Renamed')]);
    answer(snapshot(1, [checkout], NO_SLOS, { runbooks: [], sessions: [], errors: [] }, [incidentNamed('i1', 'Old title')]));
    await vi.waitFor(() => expect(targets.alerts.getState().revision).toBe(1));
    expect(targets.runbooks.getState().sessions.map((session) => session.id)).toEqual(['new']);
    expect(targets.incidents.getState().incidents[0]?.title).toBe('Renamed');

    // The next reconnect's snapshot applies again.
    fake.setStatus({ state: 'disconnected', lastError: 'closed' });
    fake.setStatus({ state: 'connected', lastError: null });
    answer(snapshot(2, [checkout], NO_SLOS, NO_RUNBOOKS, [incidentNamed('i1', 'Newest')]));
    await vi.waitFor(() => expect(targets.incidents.getState().incidents[0]?.title).toBe('Newest'));
    expect(targets.runbooks.getState().sessions).toEqual([]);
  });

  it('takes connectivity, silences and actions from the snapshot, then from their events', async () => {
    const fake = fakeConnection(async () => ({ ...snapshot(1), silences: [silenceNamed('s1')], actions: [actionNamed('a1')] }));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    expect(targets.silences.getState().loaded).toBe(false);
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.silences.getState().loaded).toBe(true));
    expect(targets.engine.getState().connectivity?.state).toBe('online');
    expect(targets.silences.getState().silences.map((silence) => silence.id)).toEqual(['s1']);
    expect(targets.silences.getState().actions.map((action) => action.id)).toEqual(['a1']);

    fake.emit('connectivityChanged', { state: 'offline', network: true, reason: 'no source reachable (prod-am: connection refused)', since: '2026-01-01T00:05:00.000Z' });
    fake.emit('silencesChanged', []);
    fake.emit('actionsChanged', [actionNamed('a1'), actionNamed('a2')]);
    expect(targets.engine.getState().connectivity).toMatchObject({ state: 'offline', reason: 'no source reachable (prod-am: connection refused)' });
    expect(targets.silences.getState().silences).toEqual([]);
    expect(targets.silences.getState().actions.map((action) => action.id)).toEqual(['a1', 'a2']);
  });

  it('keeps silences and actions pushed while the reconnect snapshot was on its way, and takes the next snapshot again', async () => {
    let answer: (value: Snapshot) => void = () => undefined;
    const fake = fakeConnection(() => new Promise<Snapshot>((resolve) => (answer = resolve)));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    fake.setStatus({ state: 'connected', lastError: null });
    fake.emit('actionsChanged', [actionNamed('pushed')]);
    answer({ ...snapshot(1), silences: [silenceNamed('from-snapshot')], actions: [actionNamed('older')] });
    await vi.waitFor(() => expect(targets.silences.getState().loaded).toBe(true));
    expect(targets.silences.getState().actions.map((action) => action.id)).toEqual(['pushed']);
    expect(targets.silences.getState().silences.map((silence) => silence.id)).toEqual(['from-snapshot']);

    fake.setStatus({ state: 'disconnected', lastError: 'closed' });
    fake.setStatus({ state: 'connected', lastError: null });
    answer({ ...snapshot(2), silences: [], actions: [actionNamed('newest')] });
    await vi.waitFor(() => expect(targets.silences.getState().actions.map((action) => action.id)).toEqual(['newest']));
    expect(targets.silences.getState().silences).toEqual([]);
  });

  it('focusAlert switches to the alerts view', async () => {
    const fake = fakeConnection(async () => snapshot(1, [checkout]));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    targets.ui.getState().setView('slos');
    fake.emit('focusAlert', { fingerprint: 'checkout' });
    expect(targets.ui.getState()).toMatchObject({ view: 'alerts', selectedFingerprint: 'checkout', detailOpen: true });
  });

  it('focusAlert selects the alert, opens its detail and clears a filter that hides it', async () => {
    const fake = fakeConnection(async () => snapshot(1, [checkout, search]));
    const targets = stores();
    startEngineSync(fake.connection, targets);
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.alerts.getState().revision).toBe(1));

    targets.ui.getState().setFilterText('service="search"');
    fake.emit('focusAlert', { fingerprint: 'search' });
    expect(targets.ui.getState()).toMatchObject({ selectedFingerprint: 'search', detailOpen: true, filterText: 'service="search"' });

    fake.emit('focusAlert', { fingerprint: 'checkout' });
    expect(targets.ui.getState()).toMatchObject({ selectedFingerprint: 'checkout', detailOpen: true, filterText: '' });
  });

  it('retries a failed snapshot with backoff and shows why meanwhile', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const fake = fakeConnection(async () => {
      calls++;
      if (calls === 1) throw new Error('engine busy');
      return snapshot(9);
    });
    const targets = stores();
    startEngineSync(fake.connection, targets, () => 0);
    fake.setStatus({ state: 'connected', lastError: null });
    await vi.waitFor(() => expect(targets.engine.getState().snapshotError).toContain('engine busy'));
    await vi.advanceTimersByTimeAsync(250);
    expect(targets.alerts.getState().revision).toBe(9);
    expect(targets.engine.getState().snapshotError).toBeNull();
  });

  it('unsubscribes everything it subscribed', () => {
    const fake = fakeConnection(async () => snapshot(1));
    const stop = startEngineSync(fake.connection, stores());
    expect(fake.listenerCount()).toBeGreaterThan(0);
    stop();
    expect(fake.listenerCount()).toBe(0);
  });
});
