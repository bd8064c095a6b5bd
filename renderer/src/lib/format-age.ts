const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds from `iso` to `now`, or null when `iso` is not a readable time. */
export function millisSince(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null;
  const then = Date.parse(iso);
  return Number.isNaN(then) ? null : Math.max(0, now - then);
}

/** Compact age for dense rows: "45s", "5m", "2h 3m", "3d 4h". */
export function formatAge(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < MINUTE) return `${Math.floor(safe / SECOND)}s`;
  if (safe < HOUR) return `${Math.floor(safe / MINUTE)}m`;
  if (safe < DAY) return withRemainder(Math.floor(safe / HOUR), 'h', Math.floor((safe % HOUR) / MINUTE), 'm', '');
  return withRemainder(Math.floor(safe / DAY), 'd', Math.floor((safe % DAY) / HOUR), 'h', '');
}

/** Spelled-out age for prose: "12 s ago", "5 min ago", "2 h 3 min ago", "3 d 4 h ago". */
export function formatAgo(ms: number): string {
  return `${formatDuration(ms)} ago`;
}

/** Spelled-out duration for prose: "12 s", "5 min", "2 h 3 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < MINUTE) return `${Math.floor(safe / SECOND)} s`;
  if (safe < HOUR) return `${Math.floor(safe / MINUTE)} min`;
  if (safe < DAY) return withRemainder(Math.floor(safe / HOUR), 'h', Math.floor((safe % HOUR) / MINUTE), 'min', ' ');
  return withRemainder(Math.floor(safe / DAY), 'd', Math.floor((safe % DAY) / HOUR), 'h', ' ');
}

/** Milliseconds from `now` to `iso` (negative once past), or null when `iso` is not a readable time. */
export function millisUntil(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null;
  const then = Date.parse(iso);
  return Number.isNaN(then) ? null : then - now;
}

function withRemainder(major: number, majorUnit: string, minor: number, minorUnit: string, gap: string): string {
  const head = `${major}${gap}${majorUnit}`;
  return minor > 0 ? `${head} ${minor}${gap}${minorUnit}` : head;
}

/** Local wall-clock time, with the date only when it is not today. */
export function formatClockTime(iso: string, now: number, withSeconds = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = clockTime(date, withSeconds);
  const sameDay = date.toDateString() === new Date(now).toDateString();
  return sameDay ? time : `${date.toLocaleDateString()} ${time}`;
}

/** A time in the coming week, as a shift time reads: "09:00" today, "Tue 09:00" within six days, else with its date. */
export function formatDayTime(iso: string, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const days = calendarDaysBetween(new Date(now), date);
  if (days === 0) return clockTime(date, false);
  if (days > 0 && days < 7) return `${date.toLocaleDateString([], { weekday: 'short' })} ${clockTime(date, false)}`;
  return formatClockTime(iso, now, false);
}

function clockTime(date: Date, withSeconds: boolean): string {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}) });
}

/** Local calendar days from `from` to `to` (a daylight-saving change does not make it fractional). */
function calendarDaysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const end = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((end - start) / DAY);
}

/** A running stopwatch: "0:42", "12:05", "1:02:05". */
export function formatElapsed(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / SECOND);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}

/** The same duration for `<time dateTime>`: "PT1H2M5S". */
export function isoDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / SECOND);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 || hours > 0 ? `${minutes}M` : ''}${total % 60}S`;
}
