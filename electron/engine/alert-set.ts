import type { Alert } from '../../shared/model';
import type { AlertChange } from '../notifications/notification-policy';
import { mergeReports, sameAlert, type SourceReport } from './alert-merge';

export interface AlertSetUpdate {
  upserted: Alert[];
  removed: string[];
  /** Fingerprints of alerts that changed only in `stale` (not in `upserted`); their changes are in `changes`. */
  becameStale: string[];
  becameLive: string[];
  changes: AlertChange[];
}

/**
 * The merged alerts: one per fingerprint across every source that reports it, each decorated
 * with what the app itself knows (acknowledgements). Only fingerprints a report touched are
 * re-merged, so a poll that changes one alert of 10,000 costs one merge.
 */
export class AlertSet {
  private readonly merged = new Map<string, Alert>();
  /** fingerprint → names of the sources that currently report it. */
  private readonly reporters = new Map<string, readonly string[]>();

  constructor(
    private readonly reportOf: (source: string, fingerprint: string) => SourceReport | undefined,
    private readonly decorate: (alert: Alert) => Alert,
  ) {}

  get(fingerprint: string): Alert | undefined {
    return this.merged.get(fingerprint);
  }

  values(): Alert[] {
    return [...this.merged.values()];
  }

  /**
   * Source `name` went from reporting `previous` to reporting `current` (already readable through
   * `reportOf`). A report that is the very same object as before cannot change the merge: skipped.
   */
  update(name: string, previous: ReadonlyMap<string, SourceReport>, current: ReadonlyMap<string, SourceReport>): AlertSetUpdate {
    const update: AlertSetUpdate = { upserted: [], removed: [], becameStale: [], becameLive: [], changes: [] };
    if (previous === current) return update;
    for (const [fingerprint, report] of current) {
      if (previous.get(fingerprint) !== report) this.remerge(name, fingerprint, true, update);
    }
    for (const fingerprint of previous.keys()) {
      if (!current.has(fingerprint)) this.remerge(name, fingerprint, false, update);
    }
    return update;
  }

  /** Re-applies the decoration to every alert (an acknowledgement came or went); returns the alerts that changed. */
  redecorate(): Alert[] {
    const changed: Alert[] = [];
    for (const [fingerprint, alert] of this.merged) {
      const next = this.decorate(alert);
      if (sameAlert(alert, next)) continue;
      this.merged.set(fingerprint, next);
      changed.push(next);
    }
    return changed;
  }

  private remerge(name: string, fingerprint: string, reported: boolean, update: AlertSetUpdate): void {
    const reporters = withOrWithout(this.reporters.get(fingerprint) ?? [], name, reported);
    if (reporters.length === 0) this.reporters.delete(fingerprint);
    else this.reporters.set(fingerprint, reporters);

    const before = this.merged.get(fingerprint);
    const reports: SourceReport[] = [];
    for (const source of reporters) {
      const report = this.reportOf(source, fingerprint);
      if (report) reports.push(report);
    }
    const merged = mergeReports(reports);
    const after = merged && this.decorate(merged);
    if (after === undefined) {
      if (!before) return;
      this.merged.delete(fingerprint);
      update.removed.push(fingerprint);
      update.changes.push({ before, after });
    } else if (!before || !sameAlert(before, after)) {
      this.merged.set(fingerprint, after);
      if (before && before.stale !== after.stale && sameAlert(before, after, { exceptStale: true })) {
        (after.stale ? update.becameStale : update.becameLive).push(fingerprint);
      } else {
        update.upserted.push(after);
      }
      update.changes.push({ before, after });
    }
  }
}

/** The list with or without `name`; the same list when that is what it already is. */
function withOrWithout(list: readonly string[], name: string, included: boolean): readonly string[] {
  if (list.includes(name) === included) return list;
  if (included && list.length === 0) return onlyReporter(name);
  return included ? [...list, name] : list.filter((each) => each !== name);
}

/** Most alerts have one reporter: one list per source serves all of them (lists are replaced, never changed). */
const soloReporters = new Map<string, readonly string[]>();

function onlyReporter(name: string): readonly string[] {
  let list = soloReporters.get(name);
  if (!list) soloReporters.set(name, (list = Object.freeze([name])));
  return list;
}
