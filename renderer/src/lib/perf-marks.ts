/**
 * Named points on the browser's own performance timeline, read by `npm run bench` (the renderer
 * benchmark and the cold-start one). A mark costs a microsecond; nothing reads them in normal use.
 */
export const PERF_MARKS = {
  snapshotRequested: 'oncall:snapshot-requested',
  snapshotReceived: 'oncall:snapshot-received',
  alertsRendered: 'oncall:alerts-rendered',
} as const;

let awaitingRender = false;

export function markSnapshotRequested(): void {
  performance.mark(PERF_MARKS.snapshotRequested);
}

export function markSnapshotReceived(): void {
  performance.mark(PERF_MARKS.snapshotReceived);
  awaitingRender = true;
}

/** The alert list committed its rows after a snapshot: marked once per snapshot. */
export function markAlertsRendered(): void {
  if (!awaitingRender) return;
  awaitingRender = false;
  performance.mark(PERF_MARKS.alertsRendered);
}
