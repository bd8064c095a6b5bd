import type { WindowDefinition } from './slo-definition';
import type { Field } from './yaml-field';

/** What the OpenSLO `timeWindow` of an SLO may be, as the error messages say it. */
const SUPPORTED = {
  timeWindow: 'exactly one timeWindow entry: rolling (isRolling: true, duration such as 28d or 30d) or a calendar month (isRolling: false, duration: 1M, calendar with timeZone)',
  rolling: 'a rolling duration of a whole number of minutes, hours, days or weeks such as 28d, 30d or 4w',
  calendar: 'duration: 1M (a calendar month) with calendar: { startTime, timeZone }',
  timeZone: 'an IANA time zone name such as UTC or Europe/Berlin',
} as const;

/** Seconds in one OpenSLO duration unit. */
export const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** An SLO's one `timeWindow` entry: rolling N minutes/hours/days/weeks, or a calendar month in a time zone. */
export function readTimeWindow(field: Field): WindowDefinition {
  const entries = field.items(SUPPORTED.timeWindow);
  if (entries.length !== 1) throw field.problem(`${entries.length} entries`, SUPPORTED.timeWindow);
  const entry = (entries[0] as Field).only(['duration', 'isRolling', 'calendar'], SUPPORTED.timeWindow);
  const durationField = entry.key('duration');
  const durationValue = durationField.optionalText(SUPPORTED.timeWindow);
  if (durationValue === undefined) throw durationField.problem('missing', SUPPORTED.timeWindow);
  const duration = durationValue.trim();
  const rollingField = entry.key('isRolling');
  const calendarField = entry.key('calendar');
  // OpenSLO: isRolling is assumed false when a calendar is given; a bare duration can only be rolling.
  const rolling = rollingField.optionalBoolean(SUPPORTED.timeWindow) ?? !calendarField.present;
  if (rolling) {
    if (calendarField.present) throw calendarField.problem('a rolling window takes no calendar', SUPPORTED.timeWindow);
    const match = /^(\d+)([mhdw])$/.exec(duration);
    const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number) : 0;
    if (!match || seconds <= 0) throw durationField.problem(`"${duration}" is not supported for a rolling window`, `${SUPPORTED.rolling}; or a calendar month (isRolling: false, duration: 1M)`);
    return { kind: 'rolling', seconds, label: `${duration} rolling` };
  }
  if (!calendarField.present) throw calendarField.problem('missing for a calendar window (isRolling: false)', SUPPORTED.calendar);
  if (!/^1\s*(M|months?)$/.test(duration)) throw durationField.problem(`"${duration}" is not supported for a calendar window`, `${SUPPORTED.calendar}; or a rolling window (isRolling: true) such as 28d or 30d`);
  calendarField.only(['startTime', 'timeZone'], SUPPORTED.calendar);
  const timeZoneField = calendarField.key('timeZone');
  const timeZone = timeZoneField.string(SUPPORTED.timeZone);
  if (!isTimeZone(timeZone)) throw timeZoneField.problem(`"${timeZone}" is not a known time zone`, SUPPORTED.timeZone);
  const startField = calendarField.key('startTime');
  const start = startField.optionalText('startTime such as 2024-01-01 00:00:00');
  if (start !== undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(start.trim());
    if (!match) throw startField.problem(`"${start}" is not a date`, 'startTime as "YYYY-MM-DD HH:MM:SS" in the calendar\'s time zone, such as 2024-01-01 00:00:00');
    const [, , month, day, hour = '00', minute = '00', second = '00'] = match;
    if (Number(month) < 1 || Number(month) > 12 || day !== '01' || hour !== '00' || minute !== '00' || second !== '00') {
      throw startField.problem(`"${start}" is not the start of a month`, 'calendar months starting on the 1st at 00:00:00, such as 2024-01-01 00:00:00');
    }
  }
  return { kind: 'calendar-month', timeZone, label: 'calendar month' };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
