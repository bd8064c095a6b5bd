import type { Alert, SourceType } from '../../shared/model';
import type { SourceAlert } from '../sources/source';

export interface SourceReport {
  source: string;
  sourceType: SourceType;
  alert: SourceAlert;
  /** True while the reporting source is down: the report is its last known state. */
  stale: boolean;
}

/**
 * One alert from every source's report of it (same fingerprint): an HA Alertmanager pair, or
 * Prometheus and the Alertmanager it sends to. Live reports beat stale ones; Alertmanager's view
 * wins over Prometheus' because it knows about silences and inhibitions.
 */
export function mergeReports(reports: readonly SourceReport[]): Alert | undefined {
  if (reports.length === 0) return undefined;
  if (reports.length === 1) {
    // The common case, for every new or changed alert: no merging to do. (Object.assign rather
    // than a spread: several times faster on these objects in V8, which counts at 10,000 alerts;
    // and no object in between for the two added fields.)
    const [{ alert, source, stale }] = reports as [SourceReport];
    const merged = Object.assign({}, alert) as Alert;
    merged.sources = [source];
    merged.stale = stale;
    return merged;
  }
  const live = reports.filter((report) => !report.stale);
  const considered = live.length > 0 ? live : reports;
  const primary = [...considered].sort(byPreference)[0]!;
  const fromAlertmanager = considered.filter((report) => report.sourceType === 'alertmanager');
  const states = new Set(considered.map((report) => report.alert.state));
  const state = fromAlertmanager.some((report) => report.alert.state === 'suppressed')
    ? 'suppressed'
    : states.has('firing')
      ? 'firing'
      : states.has('suppressed')
        ? 'suppressed'
        : 'pending';
  const silences = new Map(considered.flatMap((report) => report.alert.silences ?? []).map((silence) => [silence.id, silence]));
  return {
    ...primary.alert,
    state,
    startsAt: earliest(considered.map((report) => report.alert.startsAt)),
    sources: [...new Set(reports.map((report) => report.source))].sort(),
    silencedBy: union(considered.map((report) => report.alert.silencedBy)),
    inhibitedBy: union(considered.map((report) => report.alert.inhibitedBy)),
    ...(silences.size > 0 ? { silences: [...silences.values()] } : {}),
    // Only Prometheus knows the value; Alertmanager's copy (the primary) does not carry it.
    ...valueOf(considered),
    stale: live.length === 0,
  };
}

const TYPE_PREFERENCE: Record<SourceType, number> = { alertmanager: 0, demo: 1, http: 1, statuspage: 1, pagerduty: 1, opsgenie: 1, prometheus: 2 };

function byPreference(a: SourceReport, b: SourceReport): number {
  return TYPE_PREFERENCE[a.sourceType] - TYPE_PREFERENCE[b.sourceType] || a.source.localeCompare(b.source);
}

function valueOf(reports: readonly SourceReport[]): { value?: string } {
  const value = reports.find((report) => report.alert.value !== undefined)?.alert.value;
  return value === undefined ? {} : { value };
}

function earliest(times: string[]): string {
  return times.reduce((first, time) => (Date.parse(time) < Date.parse(first) ? time : first));
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}

/** True when two merged alerts would look the same to the user (`exceptStale`: but for `stale`), so no update needs to be sent. */
export function sameAlert(a: Alert, b: Alert, options: { exceptStale?: boolean } = {}): boolean {
  return (
    a.state === b.state &&
    (a.stale === b.stale || options.exceptStale === true) &&
    a.startsAt === b.startsAt &&
    a.severity === b.severity &&
    a.name === b.name &&
    a.generatorURL === b.generatorURL &&
    sameList(a.sources, b.sources) &&
    sameList(a.silencedBy, b.silencedBy) &&
    sameList(a.inhibitedBy, b.inhibitedBy) &&
    sameRecord(a.labels, b.labels) &&
    sameRecord(a.annotations, b.annotations) &&
    (a.silences === b.silences || JSON.stringify(a.silences ?? []) === JSON.stringify(b.silences ?? [])) &&
    (a.acknowledgement === b.acknowledgement || JSON.stringify(a.acknowledgement) === JSON.stringify(b.acknowledgement))
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
