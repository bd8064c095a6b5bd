import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, OnCallApi } from '../../shared/api';
import type { Snapshot } from '../../shared/model';
import type { ConnectionStatus, EngineConnection } from '../../renderer/src/api/connection';
import { createAlertsStore } from '../../renderer/src/stores/alerts-store';
import { startEngineSync } from '../../renderer/src/stores/engine-sync';
import { createEngineStore } from '../../renderer/src/stores/engine-store';
import { createUiStore } from '../../renderer/src/stores/ui-store';
import { makeAlert } from '../helpers/alerts';

const checkout = makeAlert({ fingerprint: 'checkout', labels: { alertname: 'HighErrorRate', service: 'checkout' } });
const search = makeAlert({ fingerprint: 'search', labels: { alertname: 'HighErrorRate', service: 'search' } });

function snapshot(revision: number, alerts = [checkout]): Snapshot {
  return {
    revision,
    alerts,
    sources: [{ name: 'prod-am', type: 'alertmanager', status: 'ok', lastSuccessAt: null, lastAttemptAt: null, lastError: null, warnings: [], alertCount: 1, consecutiveFailures: 0 }],
    notifications: { minSeverity: 'warning', onResolve: false, pausedUntil: null },
    preferences: { theme: 'light', groupBy: 'service' },
    config: { path: '/etc/oncall.yaml', demo: false, error: null },
  };
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

function stores() {
  return { alerts: createAlertsStore(), engine: createEngineStore(), ui: createUiStore() };
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
    expect(targets.engine.getState().preferences).toEqual({ theme: 'light', groupBy: 'service' });
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
    fake.emit('notificationsChanged', { minSeverity: 'critical', onResolve: true, pausedUntil: '2026-11-26T11:00:00Z' });
    fake.emit('preferencesChanged', { theme: 'dark', groupBy: 'alertname' });
    fake.emit('sourcesChanged', []);

    expect([...targets.alerts.getState().alerts.keys()].sort()).toEqual(['checkout', 'search']);
    expect(targets.engine.getState().config?.error).toContain('sources[0].url');
    expect(targets.engine.getState().notifications?.pausedUntil).toBe('2026-11-26T11:00:00Z');
    expect(targets.engine.getState().preferences.theme).toBe('dark');
    expect(targets.engine.getState().sources).toEqual([]);
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
