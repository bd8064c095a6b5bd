import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAlertHistory } from '../../electron/history/alert-history';
import { makeAlert } from '../helpers/alerts';
import { useTempFolder } from '../helpers/temp-folder';

const at = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00.000Z`);

/** The shift's read: every episode firing at some point in a period, from the real SQLite worker. */
describe('alert history: episodes between two times', () => {
  const folder = useTempFolder('occ-history-between-');

  it('returns what overlaps the period (ended in it, started in it, still firing from before), oldest first', async () => {
    const history = await openAlertHistory({ file: path.join(folder.dir, 'history.sqlite'), retention: null, log: () => undefined, now: () => at('18:00') });
    const episode = (name: string, start: string, end: string | null) => {
      const alert = makeAlert({ fingerprint: `fp-${name}`, name, startsAt: at(start).toISOString() });
      history.record([{ before: undefined, after: alert }], at(start));
      if (end) history.record([{ before: alert, after: undefined }], at(end));
    };
    episode('EndedBefore', '01:00', '02:00');
    episode('EndedInside', '04:00', '07:00');
    episode('StartedInside', '08:00', '09:00');
    episode('StillFiring', '03:00', null);
    episode('StartedAfter', '17:30', null);
    try {
      const episodes = await history.between!(at('06:00'), at('17:00'), 100);
      expect(episodes.map((e) => [e.name, e.resolvedAt])).toEqual([
        ['StillFiring', null],
        ['EndedInside', at('07:00').toISOString()],
        ['StartedInside', at('09:00').toISOString()],
      ]);
      expect((await history.between!(at('06:00'), at('17:00'), 2)).map((e) => e.name)).toEqual(['EndedInside', 'StartedInside']);
    } finally {
      await history.close();
    }
  });
});
