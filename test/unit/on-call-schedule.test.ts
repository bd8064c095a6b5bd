import { describe, expect, it } from 'vitest';
import { OnCallScheduleSchema } from '../../electron/config/config-schema';
import { parseConfigText } from '../../electron/config/load-config';
import { scheduledOnCall } from '../../electron/engine/on-call-schedule';
import { onCallStatus } from '../../electron/engine/on-call-status';

const weekdays = OnCallScheduleSchema.parse({ timeZone: 'Europe/Berlin', shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }] });
const nights = OnCallScheduleSchema.parse({ timeZone: 'America/New_York', shifts: [{ days: ['fri', 'sat'], from: '22:00', to: '06:00' }] });
const weekend = OnCallScheduleSchema.parse({ timeZone: 'UTC', shifts: [{ days: ['fri'], from: '18:00', to: '00:00' }, { days: ['sat', 'sun'], from: '00:00', to: '00:00' }] });
const rotation = OnCallScheduleSchema.parse({ timeZone: 'Europe/Berlin', rotation: { from: '2026-11-02T09:00:00+01:00', length: '7d', every: '28d' } });
// Berlin moves to summer time on Sunday 28 March 2027 (02:00 CET → 03:00 CEST).
const weekendNight = OnCallScheduleSchema.parse({ timeZone: 'Europe/Berlin', shifts: [{ days: ['sat'], from: '22:00', to: '06:00' }] });
const fortnightly = OnCallScheduleSchema.parse({ timeZone: 'Europe/Berlin', rotation: { from: '2027-03-01T09:00:00+01:00', length: '7d', every: '14d' } });
const spanning = OnCallScheduleSchema.parse({ timeZone: 'Europe/Berlin', rotation: { from: '2027-03-22T09:00:00+01:00', length: '7d', every: '14d' } });
const hourly = OnCallScheduleSchema.parse({ timeZone: 'Europe/Berlin', rotation: { from: '2027-03-27T09:00:00+01:00', length: '12h', every: '36h' } });
const allWeek = OnCallScheduleSchema.parse({ timeZone: 'UTC', shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '00:00' }] });
const always = OnCallScheduleSchema.parse({ rotation: { from: '2026-11-02T09:00:00+01:00', length: '7d', every: '7d' } });

const at = (iso: string) => Date.parse(iso);

describe('the user\'s own on-call schedule', () => {
  it.each([
    ['weekdays, Thursday 10:00 Berlin', weekdays, '2026-11-26T09:00:00Z', { onCallNow: true, until: '2026-11-26T17:00:00.000Z', nextShiftAt: null }],
    ['weekdays, Thursday 18:00 Berlin (ended)', weekdays, '2026-11-26T17:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-27T08:00:00.000Z' }],
    ['weekdays, Saturday: next is Monday 09:00', weekdays, '2026-11-28T12:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-30T08:00:00.000Z' }],
    ['weekdays, the first Monday of summer time (Berlin, 29 March 2027)', weekdays, '2027-03-29T07:30:00Z', { onCallNow: true, until: '2027-03-29T16:00:00.000Z', nextShiftAt: null }],
    ['a night across the DST change: Sat 22:00 CET to Sun 06:00 CEST', weekendNight, '2027-03-28T00:30:00Z', { onCallNow: true, until: '2027-03-28T04:00:00.000Z', nextShiftAt: null }],
    ['that night, before it starts: 22:00 CET', weekendNight, '2027-03-27T12:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2027-03-27T21:00:00.000Z' }],
    ['nights across midnight, Saturday 02:00 New York', nights, '2026-11-28T07:00:00Z', { onCallNow: true, until: '2026-11-28T11:00:00.000Z', nextShiftAt: null }],
    ['nights, Thursday: next is Friday 22:00 New York', nights, '2026-11-26T12:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-28T03:00:00.000Z' }],
    ['touching shifts are one stretch: Friday evening to Monday 00:00', weekend, '2026-11-27T19:00:00Z', { onCallNow: true, until: '2026-11-30T00:00:00.000Z', nextShiftAt: null }],
    ['rotation, in the first week', rotation, '2026-11-05T12:00:00Z', { onCallNow: true, until: '2026-11-09T08:00:00.000Z', nextShiftAt: null }],
    ['rotation, between turns', rotation, '2026-11-26T12:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-30T08:00:00.000Z' }],
    ['rotation, before it begins', rotation, '2026-10-01T00:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-02T08:00:00.000Z' }],
    // Turns start Mon 1, 15 and 29 March 2027 at 09:00 Berlin: the third in summer time, 07:00Z (not 08:00Z).
    ['rotation, the next turn after the DST change is at 09:00 local', fortnightly, '2027-03-24T12:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2027-03-29T07:00:00.000Z' }],
    ['rotation, a turn that spans the DST change ends at 09:00 local', spanning, '2027-03-27T12:00:00Z', { onCallNow: true, until: '2027-03-29T07:00:00.000Z', nextShiftAt: null }],
    ['rotation, in the turn after the DST change', fortnightly, '2027-03-29T07:30:00Z', { onCallNow: true, until: '2027-04-05T07:00:00.000Z', nextShiftAt: null }],
    ['rotation, an hour after the CET start is still before the CEST turn', fortnightly, '2027-03-29T06:30:00Z', { onCallNow: false, until: null, nextShiftAt: '2027-03-29T07:00:00.000Z' }],
    ['rotation in hours is counted in plain time', hourly, '2027-03-28T20:30:00Z', { onCallNow: true, until: '2027-03-29T08:00:00.000Z', nextShiftAt: null }],
    ['around the clock every day: no end in sight', allWeek, '2026-11-26T09:00:00Z', { onCallNow: true, until: null, nextShiftAt: null }],
    ['a rotation with no gap: no end in sight', always, '2026-11-26T09:00:00Z', { onCallNow: true, until: null, nextShiftAt: null }],
  ])('%s', (_case, schedule, now, expected) => {
    expect(scheduledOnCall(schedule, at(now))).toEqual(expected);
  });

  it('counts only when no on-call service knows and the user has not said', () => {
    const scheduled = scheduledOnCall(weekdays, at('2026-11-26T09:00:00Z'));
    expect(onCallStatus(null, [], scheduled)).toMatchObject({ state: 'on-call', basis: 'schedule', until: '2026-11-26T17:00:00.000Z' });
    expect(onCallStatus(false, [], scheduled)).toMatchObject({ state: 'off-call', basis: 'manual' });
    const pagerduty = { name: 'pd', onCall: () => ({ onCallNow: false, until: null, nextShiftAt: null, who: ['Ada'] }) };
    expect(onCallStatus(null, [pagerduty], scheduled)).toMatchObject({ state: 'off-call', basis: 'pd' });
    expect(onCallStatus(null, [])).toMatchObject({ state: 'unknown', basis: null });
  });

  it.each([
    [{ shifts: [{ days: ['monday'], from: '09:00', to: '18:00' }] }, 'onCallSchedule.shifts[0].days[0]: expected days among mon, tue, wed, thu, fri, sat, sun'],
    [{ shifts: [{ days: ['mon'], from: '9am', to: '18:00' }] }, 'onCallSchedule.shifts[0].from: expected a time of day as "HH:MM" (24-hour clock)'],
    [{ timeZone: 'Mars/Olympus', shifts: [{ days: ['mon'], from: '09:00', to: '18:00' }] }, 'onCallSchedule.timeZone: expected an IANA time zone such as "Europe/Berlin", got "Mars/Olympus"'],
    [{}, 'onCallSchedule: expected either "shifts" or "rotation" (one of them)'],
    [{ rotation: { from: '2026-11-02T09:00:00+01:00', length: '8d', every: '7d' } }, 'onCallSchedule.rotation.length: expected "length" to be at most "every"'],
  ])('rejects %j with a message naming the field', (onCallSchedule, message) => {
    expect(() => parseConfigText(JSON.stringify({ onCallSchedule }), 'config.yaml')).toThrow(message);
  });
});
