import { describe, expect, it } from 'vitest';
import { defaultRateLimitWaitMs, retryAfterMs } from '../../electron/oncall/retry-after';

// Both clients (PagerDuty and Opsgenie) share this reading of a 429 answer.
const NOW = Date.parse('2026-11-26T15:00:00.000Z');

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe('retryAfterMs', () => {
  it.each([
    ['delay-seconds', { 'retry-after': '1' }, 1000],
    ['zero seconds', { 'retry-after': '0' }, 0],
    ['seconds with spaces around', { 'retry-after': ' 20 ' }, 20_000],
    ['an HTTP date 90 s ahead', { 'retry-after': 'Thu, 26 Nov 2026 15:01:30 GMT' }, 90_000],
    ['an HTTP date already past waits nothing', { 'retry-after': 'Thu, 26 Nov 2026 14:59:00 GMT' }, 0],
    ["PagerDuty's ratelimit-reset when Retry-After is absent", { 'ratelimit-reset': '20' }, 20_000],
    ['Retry-After before ratelimit-reset', { 'retry-after': '2', 'ratelimit-reset': '20' }, 2000],
    ['a malformed Retry-After falls back to ratelimit-reset', { 'retry-after': 'soon', 'ratelimit-reset': '5' }, 5000],
  ])('%s', (_case, values, expected) => {
    expect(retryAfterMs(headers(values), NOW)).toBe(expected);
  });

  it.each([
    ['no header at all', {}],
    ['a negative number', { 'retry-after': '-1' }],
    ['a fraction (not delay-seconds, and not a date either)', { 'retry-after': '1.5' }],
    ['words', { 'retry-after': 'later please' }],
    ['a malformed ratelimit-reset', { 'ratelimit-reset': 'x' }],
  ])('says nothing for %s', (_case, values) => {
    expect(retryAfterMs(headers(values), NOW)).toBeNull();
  });
});

describe('defaultRateLimitWaitMs', () => {
  it('doubles from 1 s and stops growing at 32 s', () => {
    expect([1, 2, 3, 6, 7, 20].map(defaultRateLimitWaitMs)).toEqual([1000, 2000, 4000, 32_000, 32_000, 32_000]);
  });
});
