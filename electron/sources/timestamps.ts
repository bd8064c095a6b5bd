import { z } from 'zod';

/**
 * An RFC 3339 time turned into one canonical form (UTC, milliseconds). Prometheus writes
 * nanoseconds and Alertmanager milliseconds for the same instant; comparing or keying on the
 * raw strings would make one alert look like two firings.
 */
export const IsoInstant = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), { error: (issue) => `expected an RFC 3339 time, got ${JSON.stringify(issue.input)}` })
  .transform((text) => new Date(text).toISOString());
