import { describe, expect, it } from 'vitest';
import { median } from '../../electron/history/episode-reads';
import { episodeWrites } from '../../electron/history/episode-writes';
import { ftsQuery } from '../../electron/history/fts-query';
import { makeAlert } from '../helpers/alerts';

const AT = new Date('2026-11-26T12:00:00.000Z');

describe('episodeWrites', () => {
  const alert = makeAlert({ fingerprint: 'fp-1', startsAt: '2026-11-26T11:00:00.000Z' });
  const facts = {
    fingerprint: 'fp-1',
    startsAt: '2026-11-26T11:00:00.000Z',
    startsAtMs: Date.parse('2026-11-26T11:00:00.000Z'),
    name: alert.name,
    labels: alert.labels,
    severity: alert.severity,
    sources: alert.sources,
  };

  it('opens, updates and closes episodes', () => {
    expect(episodeWrites([{ before: undefined, after: alert }], AT)).toEqual([{ kind: 'firing', episode: facts }]);
    expect(episodeWrites([{ before: alert, after: { ...alert, sources: ['b'] } }], AT)).toEqual([{ kind: 'firing', episode: { ...facts, sources: ['b'] } }]);
    expect(episodeWrites([{ before: alert, after: undefined }], AT)).toEqual([{ kind: 'resolved', episode: facts, resolvedAt: AT.toISOString() }]);
  });

  it('ends the old episode before opening the new one when startsAt changes', () => {
    const again = { ...alert, startsAt: '2026-11-26T11:30:00.000Z' };
    expect(episodeWrites([{ before: alert, after: again }], AT).map((w) => [w.kind, 'episode' in w ? w.episode.startsAt : ''])).toEqual([
      ['resolved', alert.startsAt],
      ['firing', again.startsAt],
    ]);
  });

  it('orders by the time of the update when startsAt does not parse', () => {
    const [write] = episodeWrites([{ before: undefined, after: { ...alert, startsAt: 'yesterday' } }], AT);
    expect(write).toMatchObject({ kind: 'firing', episode: { startsAt: 'yesterday', startsAtMs: AT.getTime() } });
  });

  it('attributes the first silence that is not an acknowledgement, and an acknowledgement seen on the alert without replacing one', () => {
    const silences = [
      { id: 'a', createdBy: 'carol', comment: 'ACK! on it', endsAt: AT.toISOString() },
      { id: 'b', createdBy: 'bob', comment: 'maintenance', endsAt: AT.toISOString() },
    ];
    const acknowledgement = { by: 'carol', at: AT.toISOString(), comment: 'ACK! on it', delivery: 'sent' as const, silenceId: 'a', expiresAt: null };
    const writes = episodeWrites([{ before: alert, after: { ...alert, silences, acknowledgement } }], AT);
    const key = { fingerprint: 'fp-1', startsAt: alert.startsAt };
    expect(writes.slice(1)).toEqual([
      { kind: 'silenced', key, by: 'bob', comment: 'maintenance' },
      { kind: 'acknowledged', key, by: 'carol', at: AT.toISOString(), comment: 'ACK! on it', replace: false },
    ]);
  });
});

describe('ftsQuery', () => {
  it.each([
    ['disk', '"disk"*'],
    ['  Disk   checkout ', '"Disk"* "checkout"*'],
    ['api-server', '"api-server"*'],
    ['say "hi"', '"say"* """hi"""*'],
    ['NOT checkout', '"NOT"* "checkout"*'],
  ])('%j becomes %j', (text, query) => expect(ftsQuery(text)).toBe(query));

  it.each(['', '   ', '*', '-- ()'])('%j has no word to search for', (text) => expect(ftsQuery(text)).toBeUndefined());
});

describe('median', () => {
  it('is the middle value, the mean of the middle two, or null without values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });
});
