import { TZDate } from '@date-fns/tz';
import type { OnCallScheduleConfig } from '../config/config-schema';

export interface ScheduledOnCall {
  onCallNow: boolean;
  /** The end of the current stretch of shifts (on call); null off call, or when no end is in sight (24/7). */
  until: string | null;
  /** The start of the next shift (off call), else null. */
  nextShiftAt: string | null;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const DAY_MS = 86_400_000;

/**
 * The user's own on-call schedule, for when no PagerDuty or Opsgenie says: weekly shifts as
 * wall-clock times in a time zone (a shift whose end is not after its start ends the next day),
 * or a rotation (on call for `length` every `every`, from `from`; whole days are counted on the
 * calendar of the zone, so a 09:00 handover stays at 09:00 across a DST change).
 */
export function scheduledOnCall(schedule: OnCallScheduleConfig, now: number): ScheduledOnCall {
  const zone = schedule.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const intervals = schedule.rotation ? rotationIntervals(schedule.rotation, zone, now) : weeklyIntervals(schedule, zone, now);
  const current = intervals.filter(([start, end]) => start <= now && now < end).sort((a, b) => b[1] - a[1])[0];
  if (current) {
    const stretchEnd = endOfStretch(intervals, current[1]);
    // A stretch that lasts as far as we look ahead (a 24/7 schedule) has no end to show.
    const horizon = Math.max(...intervals.map(([, end]) => end));
    return { onCallNow: true, until: stretchEnd >= horizon ? null : new Date(stretchEnd).toISOString(), nextShiftAt: null };
  }
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
function weeklyIntervals(schedule: OnCallScheduleConfig, zone: string, now: number): Array<[number, number]> {
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

/** The turns around `now` (the one before, the current or last one, the next), as [start, end) in ms. */
function rotationIntervals(rotation: NonNullable<OnCallScheduleConfig['rotation']>, zone: string, now: number): Array<[number, number]> {
  const from = Date.parse(rotation.from);
  const startOf = (turn: number) => later(from, turn * rotation.every, zone);
  // The estimate by plain ms can be one turn off near a DST change: settle on the last turn started by now.
  let turn = Math.max(0, Math.floor((now - from) / rotation.every));
  while (turn > 0 && startOf(turn) > now) turn--;
  while (startOf(turn + 1) <= now) turn++;
  return [turn - 1, turn, turn + 1].filter((k) => k >= 0).map((k) => [startOf(k), later(startOf(k), rotation.length, zone)]);
}

/** `ms` after `instant`: whole days on the zone's calendar (same wall-clock time), anything else as plain time. */
function later(instant: number, ms: number, zone: string): number {
  if (ms % DAY_MS !== 0) return instant + ms;
  const date = new TZDate(instant, zone);
  date.setDate(date.getDate() + ms / DAY_MS);
  return date.getTime();
}

function clock(text: string): [number, number] {
  const [hour, minute] = text.split(':').map(Number);
  return [hour!, minute!];
}
