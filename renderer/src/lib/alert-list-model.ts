import type { Alert } from '../../../shared/model';
import { matchesFilter, type ParsedFilter } from '../../../shared/label-matchers';
import { compareAlerts } from './alert-order';

export type AlertListRow =
  | { kind: 'group'; key: string; label: string; count: number }
  | { kind: 'alert'; key: string; alert: Alert; /** 1-based place among the visible alerts. */ position: number };

export interface AlertListModel {
  /** Group headers and alert rows, flattened in display order for the virtualised list. */
  rows: AlertListRow[];
  /** Row index of every visible alert, for keyboard navigation and scrolling. */
  rowIndexByFingerprint: ReadonlyMap<string, number>;
  matchCount: number;
  totalCount: number;
}

/** The value an alert is grouped under; severity uses the normalised level, not the raw label. */
export function groupLabel(alert: Alert, groupBy: string): string {
  if (groupBy === 'severity') return alert.severity;
  if (groupBy === 'alertname') return alert.labels.alertname ?? alert.name;
  return alert.labels[groupBy] ?? `(no ${groupBy})`;
}

/** Filters, groups and sorts: groups are ordered by their most urgent alert, like the alerts inside them. */
export function buildAlertListModel(alerts: Iterable<Alert>, filter: ParsedFilter, groupBy: string): AlertListModel {
  const groups = new Map<string, Alert[]>();
  let totalCount = 0;
  let matchCount = 0;
  for (const alert of alerts) {
    totalCount++;
    if (!matchesFilter(alert, filter)) continue;
    matchCount++;
    const label = groupLabel(alert, groupBy);
    const members = groups.get(label);
    if (members) members.push(alert);
    else groups.set(label, [alert]);
  }
  const ordered = [...groups.entries()].map(([label, members]) => ({ label, members: members.sort(compareAlerts) }));
  ordered.sort((a, b) => compareAlerts(a.members[0]!, b.members[0]!) || a.label.localeCompare(b.label));

  const rows: AlertListRow[] = [];
  const rowIndexByFingerprint = new Map<string, number>();
  for (const { label, members } of ordered) {
    rows.push({ kind: 'group', key: `group:${label}`, label, count: members.length });
    for (const alert of members) {
      rowIndexByFingerprint.set(alert.fingerprint, rows.length);
      rows.push({ kind: 'alert', key: `alert:${alert.fingerprint}`, alert, position: rowIndexByFingerprint.size });
    }
  }
  return { rows, rowIndexByFingerprint, matchCount, totalCount };
}
