import type { RunbookSession } from '../../shared/runbook';

/** A guided session as the engine sends it: nothing done yet, unless `overrides` says otherwise. */
export function runbookSession(overrides: Partial<RunbookSession> = {}): RunbookSession {
  return {
    id: 's1',
    runbookId: 'disk.md',
    runbookTitle: 'Disk',
    alertFingerprint: null,
    labels: {},
    value: null,
    incidentId: null,
    startedAt: '2026-11-26T12:00:00.000Z',
    currentStepId: null,
    history: [],
    checks: {},
    notes: {},
    completedSteps: [],
    finishedAt: null,
    ...overrides,
  };
}
