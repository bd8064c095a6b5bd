import { describe, expect, it } from 'vitest';
import { episodeWrites } from '../../electron/history/episode-writes';
import { makeAlert } from '../helpers/alerts';

const AT = new Date('2026-11-26T03:10:00.000Z');

describe('episode writes of an engine update', () => {
  it('writes nothing for an alert whose only change is stale or live again', () => {
    const live = makeAlert({ fingerprint: 'a', startsAt: '2026-11-26T03:00:00.000Z' });
    const stale = { ...live, stale: true };
    expect(episodeWrites([{ before: live, after: stale }], AT)).toEqual([]);
    expect(episodeWrites([{ before: stale, after: live }], AT)).toEqual([]);
  });

  it('still writes the firing of an alert that changed otherwise too, and the end of one that began again', () => {
    const before = makeAlert({ fingerprint: 'a', startsAt: '2026-11-26T03:00:00.000Z', stale: true });
    const relabelled = { ...before, stale: false, labels: { ...before.labels, team: 'db' } };
    expect(episodeWrites([{ before, after: relabelled }], AT).map((write) => write.kind)).toEqual(['firing']);
    const again = { ...before, stale: false, startsAt: '2026-11-26T03:05:00.000Z' };
    expect(episodeWrites([{ before, after: again }], AT).map((write) => write.kind)).toEqual(['resolved', 'firing']);
  });
});
