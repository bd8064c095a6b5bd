import { z } from 'zod';

/** Already canonical: UTC with milliseconds, as Alertmanager writes it (kept as is, no Date round trip). */
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * An RFC 3339 time turned into one canonical form (UTC, milliseconds). Prometheus writes
 * nanoseconds and Alertmanager milliseconds for the same instant; comparing or keying on the
 * raw strings would make one alert look like two firings. One transform rather than a refine
 * and a transform: this runs for every alert of every poll.
 */
export const IsoInstant = z.string().transform((text, context) => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    context.addIssue({ code: 'custom', message: `expected an RFC 3339 time, got ${JSON.stringify(text)}`, input: text });
    return z.NEVER;
  }
  return CANONICAL.test(text) ? text : new Date(ms).toISOString();
});
