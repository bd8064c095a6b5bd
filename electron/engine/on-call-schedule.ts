import { TZDate } from '@date-fns/tz';
import type { OnCallScheduleConfig } from '../config/config-schema';

export interface ScheduledOnCall {
  onCallNow: boolean;
  /** The end of the current shift (on call), else null. */
  until: string | null;
  /** The start of the next shift (off call), else null. */
  nextShiftAt: string | null;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * The user's own on-call schedule, for when no PagerDuty or Opsgenie says: weekly shifts as
 * wall-clock times in a time zone (a shift whose end is not after its start ends the next day),
 * or a rotation (on call for `length` every `every`, from `from`).
 */
export function scheduledOnCall(schedule: OnCallScheduleConfig, now: number): ScheduledOnCall {
  const intervals = schedule.rotation ? rotationIntervals(schedule.rotation, now) : weeklyIntervals(schedule, now);
  const current = intervals.filter(([start, end]) => start <= now && now < end).sort((a, b) => b[1] - a[1])[0];
  if (current) return { onCallNow: true, until: new Date(endOfStretch(intervals, current[1])).toISOString(), nextShiftAt: null };
  const next = intervals.filter(([start]) => start > now).sort((a, b) => a[0] - b[0])[0];
  return { onCallNow: false, until: null, nextShiftAt: next ? new Date(next[0]).toISOString() : null };
}

/** Shifts that touch (Friday 18:00 ends, Friday 18:00 starts) are one stretch of being on call. */
function endOfStretch(intervals: Array<[number, number]>, end: number): number {
  let stretchEnd = end;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [start, finish] of intervals) {
      if (start <= stretchEnd && finish > stretchEnd) {
        stretchEnd = finish;
        changed = true;
      }
    }
  }
  return stretchEnd;
}

/** Every weekly shift starting from yesterday to two weeks ahead, as [start, end) in ms. */
function weeklyIntervals(schedule: OnCallScheduleConfig, now: number): Array<[number, number]> {
  const zone = schedule.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = new TZDate(now, zone);
  const intervals: Array<[number, number]> = [];
  for (let offset = -1; offset <= 14; offset++) {
    const day = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + offset, 12, 0, zone);
    for (const shift of schedule.shifts) {
      if (!shift.days.includes(DAYS[day.getDay()]!)) continue;
      const [fromHour, fromMinute] = clock(shift.from);
      const [toHour, toMinute] = clock(shift.to);
      const start = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), fromHour, fromMinute, zone).getTime();
      const endsNextDay = toHour * 60 + toMinute <= fromHour * 60 + fromMinute;
      const end = new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + (endsNextDay ? 1 : 0), toHour, toMinute, zone).getTime();
      intervals.push([start, end]);
    }
  }
  return intervals;
}

function rotationIntervals(rotation: NonNullable<OnCallScheduleConfig['rotation']>, now: number): Array<[number, number]> {
  const from = Date.parse(rotation.from);
  const turn = Math.max(0, Math.floor((now - from) / rotation.every));
  return [turn - 1, turn, turn + 1].filter((k) => k >= 0).map((k) => [from + k * rotation.every, from + k * rotation.every + rotation.length]);
}

function clock(text: string): [number, number] {
  const [hour, minute] = text.split(':').map(Number);
  return [hour!, minute!];
}
