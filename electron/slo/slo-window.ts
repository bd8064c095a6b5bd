import { TZDate } from '@date-fns/tz';
import { addMonths, startOfMonth } from 'date-fns';
import type { WindowDefinition } from './slo-definition';

export interface WindowRange {
  start: Date;
  /** The end of the window: `at` for a rolling window, the end of the month for a calendar one. */
  end: Date;
  /** The window's full length: the budget is spread over this. */
  seconds: number;
  /** Seconds from the start to `at`: the range the SLI so far is measured over. */
  elapsedSeconds: number;
}

/** The SLO window that `at` falls in: the last N days, or the calendar month in the SLO's time zone. */
export function sloWindowRange(window: WindowDefinition, at: Date): WindowRange {
  if (window.kind === 'rolling') {
    return { start: new Date(at.getTime() - window.seconds * 1000), end: at, seconds: window.seconds, elapsedSeconds: window.seconds };
  }
  const start = startOfMonth(new TZDate(at.getTime(), window.timeZone));
  const end = addMonths(start, 1);
  return {
    start: new Date(start.getTime()),
    end: new Date(end.getTime()),
    seconds: (end.getTime() - start.getTime()) / 1000,
    elapsedSeconds: Math.max(1, Math.round((at.getTime() - start.getTime()) / 1000)),
  };
}
