import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo, millisSince } from '../../renderer/src/lib/format-age';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatAge (compact, for rows)', () => {
  it.each([
    [0, '0s'],
    [45 * SECOND, '45s'],
    [5 * MINUTE + 59 * SECOND, '5m'],
    [2 * HOUR, '2h'],
    [2 * HOUR + 3 * MINUTE, '2h 3m'],
    [3 * DAY + 4 * HOUR + 5 * MINUTE, '3d 4h'],
    [-5 * SECOND, '0s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('formatAgo (spelled out, for prose)', () => {
  it.each([
    [12 * SECOND, '12 s ago'],
    [5 * MINUTE, '5 min ago'],
    [2 * HOUR + 3 * MINUTE, '2 h 3 min ago'],
    [DAY + 4 * HOUR, '1 d 4 h ago'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatAgo(ms)).toBe(text);
  });
});

describe('millisSince', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');

  it('measures from an ISO time', () => {
    expect(millisSince('2026-11-26T09:58:00Z', now)).toBe(2 * MINUTE);
  });

  it('is null for a missing or unreadable time, and never negative', () => {
    expect(millisSince(null, now)).toBeNull();
    expect(millisSince('soon', now)).toBeNull();
    expect(millisSince('2026-11-26T10:05:00Z', now)).toBe(0);
  });
});
