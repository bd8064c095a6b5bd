import { describe, expect, it } from 'vitest';
import { OnCallScheduleSchema } from '../../electron/config/config-schema';
import { parseConfigText } from '../../electron/config/load-config';
import { scheduledOnCall } from '../../electron/engine/on-call-schedule';
import { onCallStatus } from '../../electron/engine/on-call-status';

const weekdays = OnCallScheduleSchema.parse({ timeZone: 'Europe/Berlin', shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }] });
const nights = OnCallScheduleSchema.parse({ timeZone: 'America/New_York', shifts: [{ days: ['fri', 'sat'], from: '22:00', to: '06:00' }] });
const weekend = OnCallScheduleSchema.parse({ timeZone: 'UTC', shifts: [{ days: ['fri'], from: '18:00', to: '00:00' }, { days: ['sat', 'sun'], from: '00:00', to: '00:00' }] });
const rotation = OnCallScheduleSchema.parse({ rotation: { from: '2026-11-02T09:00:00+01:00', length: '7d', every: '28d' } });

const at = (iso: string) => Date.parse(iso);

describe('the user\'s own on-call schedule', () => {
  it.each([
    ['weekdays, Thursday 10:00 Berlin', weekdays, '2026-11-26T09:00:00Z', { onCallNow: true, until: '2026-11-26T17:00:00.000Z', nextShiftAt: null }],
    ['weekdays, Thursday 18:00 Berlin (ended)', weekdays, '2026-11-26T17:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-27T08:00:00.000Z' }],
    ['weekdays, Saturday: next is Monday 09:00', weekdays, '2026-11-28T12:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-30T08:00:00.000Z' }],
    ['weekdays, across the DST change (Berlin, 29 March 2027)', weekdays, '2027-03-29T07:30:00Z', { onCallNow: true, until: '2027-03-29T16:00:00.000Z', nextShiftAt: null }],
    ['nights across midnight, Saturday 02:00 New York', nights, '2026-11-28T07:00:00Z', { onCallNow: true, until: '2026-11-28T11:00:00.000Z', nextShiftAt: null }],
    ['nights, Thursday: next is Friday 22:00 New York', nights, '2026-11-26T12:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-28T03:00:00.000Z' }],
    ['touching shifts are one stretch: Friday evening to Monday 00:00', weekend, '2026-11-27T19:00:00Z', { onCallNow: true, until: '2026-11-30T00:00:00.000Z', nextShiftAt: null }],
    ['rotation, in the first week', rotation, '2026-11-05T12:00:00Z', { onCallNow: true, until: '2026-11-09T08:00:00.000Z', nextShiftAt: null }],
    ['rotation, between turns', rotation, '2026-11-26T12:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-30T08:00:00.000Z' }],
    ['rotation, before it begins', rotation, '2026-10-01T00:00:00Z', { onCallNow: false, until: null, nextShiftAt: '2026-11-02T08:00:00.000Z' }],
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
