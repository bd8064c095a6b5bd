import type { OnCallStatus } from '../../shared/model';
import type { AlertSource } from '../sources/source';
import type { ScheduledOnCall } from './on-call-schedule';

export const UNKNOWN_ON_CALL: OnCallStatus = { state: 'unknown', basis: null, until: null, nextShiftAt: null, who: [] };

/**
 * On call or not: the user's own word when given, else what the on-call services' schedules say
 * (on call when any says so; off call when at least one knows and none says so), else the user's
 * own schedule from the config, else unknown.
 */
export function onCallStatus(override: boolean | null, sources: ReadonlyArray<Pick<AlertSource, 'name' | 'onCall'>>, schedule?: ScheduledOnCall): OnCallStatus {
  const known = sources.flatMap((source) => {
    const state = source.onCall?.();
    return state ? [{ name: source.name, ...state }] : [];
  });
  const who = [...new Set(known.flatMap((state) => state.who))];
  if (override !== null) return { state: override ? 'on-call' : 'off-call', basis: 'manual', until: null, nextShiftAt: null, who };
  const onNow = known.find((state) => state.onCallNow);
  if (onNow) return { state: 'on-call', basis: onNow.name, until: onNow.until, nextShiftAt: null, who };
  if (known.length === 0) {
    if (!schedule) return UNKNOWN_ON_CALL;
    return { state: schedule.onCallNow ? 'on-call' : 'off-call', basis: 'schedule', until: schedule.until, nextShiftAt: schedule.nextShiftAt, who };
  }
  const next = known.flatMap((state) => (state.nextShiftAt ? [state.nextShiftAt] : [])).sort()[0] ?? null;
  return { state: 'off-call', basis: known[0]!.name, until: null, nextShiftAt: next, who };
}
