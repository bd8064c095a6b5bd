import type { Snapshot } from '../../shared/model';

/** A valid snapshot of an engine with nothing in it, with `change` on top. */
export function emptySnapshot(change: Partial<Snapshot> = {}): Snapshot {
  return {
    revision: 1,
    alerts: [],
    sources: [],
    notifications: { minSeverity: 'warning', onResolve: false, pausedUntil: null, silenceExpiryWarningMs: 600_000 },
    preferences: { theme: 'dark', groupBy: 'alertname', author: 'me' },
    config: { path: null, demo: true, error: null },
    slos: { slos: [], errors: [] },
    runbooks: { runbooks: [], sessions: [], errors: [] },
    incidents: [],
    connectivity: { state: 'online', network: true, reason: null, since: '2026-01-01T00:00:00.000Z' },
    silences: [],
    actions: [],
    storageProblems: [],
    dependencies: [],
    onCall: { state: 'unknown', basis: null, until: null, nextShiftAt: null, who: [] },
    ...change,
  };
}
