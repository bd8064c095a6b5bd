import { describe, expect, it } from 'vitest';
import type { AlertHistoryStore } from '../../electron/history/alert-history';
import type { Alert } from '../../shared/model';
import { makeAlert } from '../helpers/alerts';
import { HISTORY_TEST_NOW, useHistoryStores } from '../helpers/history-store';
import { useTempFolder } from '../helpers/temp-folder';

const temp = useTempFolder('alert-history-');
const DAY = 24 * 3_600_000;
const NOW = HISTORY_TEST_NOW;
const { open, logs } = useHistoryStores(temp, { retention: { maxAgeMs: 30 * DAY, maxEpisodes: 1_000 } });

const ago = (ms: number): Date => new Date(NOW.getTime() - ms);
const alertAt = (startsAt: Date, overrides: Partial<Alert> = {}): Alert => makeAlert({ fingerprint: 'fp-disk', name: 'DiskFull', startsAt: startsAt.toISOString(), ...overrides });

/** One whole episode: the alert appears at `startsAt` and is gone at `resolvedAt`. */
function fire(store: AlertHistoryStore, alert: Alert, resolvedAt?: Date): void {
  store.record([{ before: undefined, after: alert }], new Date(alert.startsAt));
  if (resolvedAt) store.record([{ before: alert, after: undefined }], resolvedAt);
}

describe('episodes through record', () => {
  it('opens an episode when an alert appears and closes it when the alert is gone', async () => {
    const store = await open();
    const alert = alertAt(ago(3_600_000));
    store.record([{ before: undefined, after: alert }], ago(3_600_000));
    expect((await store.get('fp-disk', NOW)).episodes).toEqual([
      expect.objectContaining({ fingerprint: 'fp-disk', name: 'DiskFull', startsAt: alert.startsAt, resolvedAt: null, sources: ['prod-am'] }),
    ]);

    store.record([{ before: alert, after: undefined }], ago(60_000));
    const [episode] = (await store.get('fp-disk', NOW)).episodes;
    expect(episode?.resolvedAt).toBe(ago(60_000).toISOString());
  });

  it('ends the previous episode and opens another when the alert starts again', async () => {
    const store = await open();
    const first = alertAt(ago(2 * 3_600_000));
    const second = alertAt(ago(3_600_000));
    store.record([{ before: undefined, after: first }], ago(2 * 3_600_000));
    store.record([{ before: first, after: second }], ago(3_600_000));
    const history = await store.get('fp-disk', NOW);
    expect(history.episodes.map((e) => [e.startsAt, e.resolvedAt])).toEqual([
      [second.startsAt, null],
      [first.startsAt, ago(3_600_000).toISOString()],
    ]);
  });

  it('brings labels, severity and sources of the open episode up to date', async () => {
    const store = await open();
    const alert = alertAt(ago(3_600_000));
    const changed = { ...alert, severity: 'warning' as const, labels: { ...alert.labels, zone: 'eu-1' }, sources: ['prod-am', 'prod-prom'] };
    store.record([{ before: undefined, after: alert }], ago(3_600_000));
    store.record([{ before: alert, after: changed }], ago(60_000));
    const history = await store.get('fp-disk', NOW);
    expect(history.episodes).toHaveLength(1);
    expect(history.episodes[0]).toMatchObject({ severity: 'warning', labels: changed.labels, sources: ['prod-am', 'prod-prom'], resolvedAt: null });
  });

  it('keeps episodes left open by an earlier run open, for the engine to close at its first poll', async () => {
    const first = await open();
    const alert = alertAt(ago(3_600_000));
    fire(first, alert);
    await first.close();

    const second = await open();
    expect((await second.get('fp-disk', NOW)).episodes[0]?.resolvedAt).toBeNull();
    second.record([{ before: alert, after: undefined }], NOW);
    expect((await second.get('fp-disk', NOW)).episodes[0]?.resolvedAt).toBe(NOW.toISOString());
  });

  it('writes everything recorded before close, without waiting for a read', async () => {
    const first = await open();
    for (let i = 0; i < 300; i++) fire(first, alertAt(ago(i * 60_000), { fingerprint: `fp-${i}` }), ago(i * 60_000 - 1_000));
    await first.close();

    const second = await open();
    const { total } = await second.search({ query: '', resolvedOnly: true, limit: 1 });
    expect(total).toBe(300);
  });

  it('never throws from record: what cannot be passed to the worker goes to the log', async () => {
    const store = await open();
    const unclonable = { ...alertAt(NOW), labels: { alertname: 'DiskFull', oops: (() => 'x') as unknown as string } };
    expect(() => store.record([{ before: undefined, after: unclonable }], NOW)).not.toThrow();
    expect(logs.join('\n')).toMatch(/could not pass a write request to the worker/);
    store.record([{ before: undefined, after: alertAt(NOW) }], NOW);
    expect((await store.get('fp-disk', NOW)).episodes).toHaveLength(1);
  });

  it('never throws from record, and says in the log why nothing was written after close', async () => {
    const store = await open();
    await store.close();
    expect(() => store.record([{ before: undefined, after: alertAt(NOW) }], NOW)).not.toThrow();
    expect(() => store.record([{ before: undefined, after: alertAt(NOW) }], NOW)).not.toThrow();
    expect(logs.filter((line) => line.includes('no longer recorded'))).toEqual(['alert history: alert changes are no longer recorded: the alert history is closed']);
    await expect(store.get('fp-disk', NOW)).rejects.toThrow(/closed/);
  });
});

describe('acknowledgements and silences', () => {
  it('records who acknowledged the episode, when and why; a later acknowledgement here replaces it', async () => {
    const store = await open();
    const alert = alertAt(ago(3_600_000));
    fire(store, alert);
    store.recordAcknowledgement('fp-disk', alert.startsAt, { by: 'alice', comment: 'looking at the disk', at: ago(50 * 60_000).toISOString() });
    expect((await store.get('fp-disk', NOW)).episodes[0]).toMatchObject({
      acknowledgedBy: 'alice',
      acknowledgedAt: ago(50 * 60_000).toISOString(),
      acknowledgeComment: 'looking at the disk',
    });

    store.recordAcknowledgement('fp-disk', alert.startsAt, { by: 'bob', comment: 'taking over', at: ago(10 * 60_000).toISOString() });
    expect((await store.get('fp-disk', NOW)).episodes[0]).toMatchObject({ acknowledgedBy: 'bob', acknowledgeComment: 'taking over' });
  });

  it('takes an acknowledgement seen upstream only when the episode has none', async () => {
    const store = await open();
    const upstream = { by: 'carol', at: ago(40 * 60_000).toISOString(), comment: 'ACK! on it', delivery: 'sent' as const, silenceId: 's1', expiresAt: null };
    const alert = alertAt(ago(3_600_000));
    fire(store, alert);
    store.record([{ before: alert, after: { ...alert, acknowledgement: upstream } }], ago(40 * 60_000));
    expect((await store.get('fp-disk', NOW)).episodes[0]).toMatchObject({ acknowledgedBy: 'carol', acknowledgeComment: 'ACK! on it' });

    store.record([{ before: alert, after: { ...alert, acknowledgement: { ...upstream, by: 'dave', comment: 'ACK! me too' } } }], ago(30 * 60_000));
    expect((await store.get('fp-disk', NOW)).episodes[0]?.acknowledgedBy).toBe('carol');
  });

  it('records the author and comment of the first silence, not of acknowledgement silences, and keeps the first', async () => {
    const store = await open();
    const alert = alertAt(ago(3_600_000));
    const silence = (id: string, createdBy: string, comment: string) => ({ id, createdBy, comment, endsAt: NOW.toISOString() });
    fire(store, alert);
    store.record([{ before: alert, after: { ...alert, state: 'suppressed', silences: [silence('a', 'carol', 'ACK! on it')] } }], ago(50 * 60_000));
    expect((await store.get('fp-disk', NOW)).episodes[0]?.silencedBy).toBeNull();

    const silenced = { ...alert, state: 'suppressed' as const, silences: [silence('a', 'carol', 'ACK! on it'), silence('b', 'bob', 'disk replacement tonight')] };
    store.record([{ before: alert, after: silenced }], ago(40 * 60_000));
    store.record([{ before: silenced, after: { ...silenced, silences: [silence('c', 'erin', 'another one')] } }], ago(30 * 60_000));
    expect((await store.get('fp-disk', NOW)).episodes[0]).toMatchObject({ silencedBy: 'bob', silenceComment: 'disk replacement tonight' });
  });

  it('says in the log when an acknowledgement finds no episode', async () => {
    const store = await open();
    store.recordAcknowledgement('fp-unknown', NOW.toISOString(), { by: 'alice', comment: '', at: NOW.toISOString() });
    await store.get('fp-unknown', NOW);
    expect(logs.join('\n')).toContain(`no episode of alert fp-unknown starting at ${NOW.toISOString()}`);
  });
});

describe('figures of the last 7 days', () => {
  it('counts the episodes that started in the 7 days before now and the median duration of the resolved ones', async () => {
    const store = await open();
    fire(store, alertAt(ago(8 * DAY)), ago(8 * DAY - 60 * 60_000));
    fire(store, alertAt(ago(6 * DAY)), ago(6 * DAY - 4 * 60_000));
    fire(store, alertAt(ago(2 * DAY)), ago(2 * DAY - 10 * 60_000));
    fire(store, alertAt(ago(DAY)), ago(DAY - 2 * 60_000));
    fire(store, alertAt(ago(3_600_000)));
    fire(store, alertAt(ago(DAY), { fingerprint: 'fp-other' }), ago(DAY - 1_000));

    const history = await store.get('fp-disk', NOW);
    expect(history.firedLast7Days).toBe(4);
    expect(history.medianDurationMs).toBe(4 * 60_000);
    expect(history.episodes).toHaveLength(5);
    expect(history.episodes[0]?.startsAt).toBe(ago(3_600_000).toISOString());
  });

  it('has no median while no episode of the week has ended, and averages the middle two of an even count', async () => {
    const store = await open();
    fire(store, alertAt(ago(DAY)));
    expect(await store.get('fp-disk', NOW)).toMatchObject({ firedLast7Days: 1, medianDurationMs: null });

    fire(store, alertAt(ago(3 * DAY)), ago(3 * DAY - 2 * 60_000));
    fire(store, alertAt(ago(2 * DAY)), ago(2 * DAY - 6 * 60_000));
    expect(await store.get('fp-disk', NOW)).toMatchObject({ firedLast7Days: 3, medianDurationMs: 4 * 60_000 });
  });

  it('shows the 50 most recent episodes', async () => {
    const store = await open();
    for (let i = 0; i < 60; i++) fire(store, alertAt(ago((i + 1) * 3_600_000)), ago((i + 1) * 3_600_000 - 60_000));
    const history = await store.get('fp-disk', NOW);
    expect(history.episodes).toHaveLength(50);
    expect(history.episodes[49]?.startsAt).toBe(ago(50 * 3_600_000).toISOString());
  });
});

describe('search', () => {
  async function seeded(): Promise<AlertHistoryStore> {
    const store = await open();
    const disk = makeAlert({ fingerprint: 'fp-disk', name: 'DiskFull', labels: { alertname: 'DiskFull', service: 'checkout', instance: 'db-1:9100' }, startsAt: ago(5 * 3_600_000).toISOString() });
    const latency = makeAlert({ fingerprint: 'fp-lat', name: 'HighLatency', labels: { alertname: 'HighLatency', service: 'payments-api' }, startsAt: ago(4 * 3_600_000).toISOString() });
    const errors = makeAlert({ fingerprint: 'fp-err', name: 'HighErrorRate', labels: { alertname: 'HighErrorRate', service: 'checkout' }, startsAt: ago(3 * 3_600_000).toISOString() });
    fire(store, disk, ago(2 * 3_600_000));
    fire(store, latency, ago(30 * 60_000));
    fire(store, errors);
    store.recordAcknowledgement('fp-lat', latency.startsAt, { by: 'alice', comment: 'rollback of the deploy', at: ago(4 * 3_600_000).toISOString() });
    return store;
  }

  it('matches words against the alert name, label values and comments, as word prefixes', async () => {
    const store = await seeded();
    const names = async (query: string) => (await store.search({ query, resolvedOnly: false, limit: 100 })).episodes.map((e) => e.name);
    expect(await names('disk')).toEqual(['DiskFull']);
    expect(await names('checkout')).toEqual(['HighErrorRate', 'DiskFull']);
    expect(await names('payments-api')).toEqual(['HighLatency']);
    expect(await names('rollback')).toEqual(['HighLatency']);
    expect(await names('checkout disk')).toEqual(['DiskFull']);
    expect(await names('checkout rollback')).toEqual([]);
    expect(await names('severity')).toEqual([]);
  });

  it('takes search syntax in the query literally', async () => {
    const store = await seeded();
    for (const query of ['"disk', 'NEAR(disk', 'disk OR', 'service:checkout', '*', '(']) {
      await expect(store.search({ query, resolvedOnly: false, limit: 10 }), query).resolves.toHaveProperty('total');
    }
    expect((await store.search({ query: 'NOT checkout', resolvedOnly: false, limit: 10 })).total).toBe(0);
  });

  it('lists the most recently resolved episodes for an empty query, and open ones only when asked', async () => {
    const store = await seeded();
    const resolved = await store.search({ query: '', resolvedOnly: true, limit: 100 });
    expect(resolved.episodes.map((e) => e.name)).toEqual(['HighLatency', 'DiskFull']);
    expect(resolved.total).toBe(2);
    const all = await store.search({ query: '  ', resolvedOnly: false, limit: 100 });
    expect(all.episodes.map((e) => e.name)).toEqual(['HighErrorRate', 'HighLatency', 'DiskFull']);
    expect((await store.search({ query: 'checkout', resolvedOnly: true, limit: 100 })).episodes.map((e) => e.name)).toEqual(['DiskFull']);
  });

  it('returns at most `limit` episodes and the number of all matches', async () => {
    const store = await open();
    for (let i = 0; i < 30; i++) fire(store, alertAt(ago((i + 1) * 60_000), { fingerprint: `fp-${i}` }), ago(i * 60_000));
    const result = await store.search({ query: 'diskfull', resolvedOnly: true, limit: 7 });
    expect(result.episodes).toHaveLength(7);
    expect(result.total).toBe(30);
    expect(result.episodes[0]?.fingerprint).toBe('fp-0');
  });
});

describe('retention', () => {
  it('removes, when opened, episodes that ended longer ago than maxAge, keeping old ones still open', async () => {
    const first = await open();
    fire(first, alertAt(ago(41 * DAY), { fingerprint: 'fp-ended-long-ago' }), ago(40 * DAY));
    fire(first, alertAt(ago(41 * DAY), { fingerprint: 'fp-ended-recently' }), ago(29 * DAY));
    fire(first, alertAt(ago(45 * DAY), { fingerprint: 'fp-still-open' }));
    await first.close();

    const second = await open();
    const left = await second.search({ query: '', resolvedOnly: false, limit: 100 });
    expect(left.episodes.map((e) => e.fingerprint).sort()).toEqual(['fp-ended-recently', 'fp-still-open']);
    expect(logs.join('\n')).toMatch(/removed 1 episodes/);
  });

  it('removes the longest-resolved episodes beyond maxEpisodes as soon as there are more', async () => {
    const store = await open({ retention: { maxAgeMs: 30 * DAY, maxEpisodes: 5 } });
    fire(store, alertAt(ago(DAY), { fingerprint: 'fp-open' }));
    for (let i = 0; i < 8; i++) fire(store, alertAt(ago(DAY), { fingerprint: `fp-${i}` }), ago(DAY - (i + 1) * 60_000));
    const left = await store.search({ query: '', resolvedOnly: false, limit: 100 });
    expect(left.total).toBe(5);
    expect(left.episodes.map((e) => e.fingerprint).sort()).toEqual(['fp-4', 'fp-5', 'fp-6', 'fp-7', 'fp-open']);
  });

  it('removes nothing until it is given limits when opened without them, as before the config is loaded', async () => {
    const previousRun = await open({ retention: { maxAgeMs: 90 * DAY, maxEpisodes: 1_000 } });
    fire(previousRun, alertAt(ago(41 * DAY), { fingerprint: 'fp-ended-40-days-ago' }), ago(40 * DAY));
    await previousRun.close();

    const store = await open({ retention: null });
    const resolved = async () => (await store.search({ query: '', resolvedOnly: true, limit: 100 })).episodes.map((e) => e.fingerprint);
    expect(await resolved()).toEqual(['fp-ended-40-days-ago']);
    store.setRetention({ maxAgeMs: 90 * DAY, maxEpisodes: 1_000 });
    expect(await resolved()).toEqual(['fp-ended-40-days-ago']);
    store.setRetention({ maxAgeMs: 30 * DAY, maxEpisodes: 1_000 });
    expect(await resolved()).toEqual([]);
  });

  it('applies new limits at once', async () => {
    const store = await open();
    for (let i = 0; i < 4; i++) fire(store, alertAt(ago((10 - i) * DAY), { fingerprint: `fp-${i}` }), ago((10 - i) * DAY - 60_000));
    store.setRetention({ maxAgeMs: 8 * DAY, maxEpisodes: 1_000 });
    expect((await store.search({ query: '', resolvedOnly: true, limit: 100 })).episodes.map((e) => e.fingerprint)).toEqual(['fp-3', 'fp-2']);
    store.setRetention({ maxAgeMs: 8 * DAY, maxEpisodes: 1 });
    expect((await store.search({ query: '', resolvedOnly: true, limit: 100 })).episodes.map((e) => e.fingerprint)).toEqual(['fp-3']);
  });
});

describe('reconcile', () => {
  it('ends at the given time every open episode whose alert no longer fires, and leaves the others as they were', async () => {
    const store = await open();
    const firing = alertAt(ago(3 * DAY), { fingerprint: 'fp-firing' });
    fire(store, alertAt(ago(5 * DAY), { fingerprint: 'fp-gone' }));
    fire(store, alertAt(ago(4 * DAY), { fingerprint: 'fp-restarted' }));
    fire(store, firing);
    fire(store, alertAt(ago(2 * DAY), { fingerprint: 'fp-ended' }), ago(DAY));

    const restartedNow = { fingerprint: 'fp-restarted', startsAt: ago(60_000).toISOString() };
    store.reconcile([firing, restartedNow, { fingerprint: 'fp-never-recorded', startsAt: ago(60_000).toISOString() }], NOW);
    const { episodes } = await store.search({ query: '', resolvedOnly: false, limit: 100 });
    expect(Object.fromEntries(episodes.map((e) => [e.fingerprint, e.resolvedAt]))).toEqual({
      'fp-gone': NOW.toISOString(),
      'fp-restarted': NOW.toISOString(),
      'fp-firing': null,
      'fp-ended': ago(DAY).toISOString(),
    });
    expect((await store.get('fp-gone', NOW)).medianDurationMs).toBe(5 * DAY);

    store.reconcile([firing], NOW);
    await store.get('fp-firing', NOW);
    expect(logs.filter((line) => line.includes('no source reports'))).toEqual([
      `alert history: ended 2 episodes whose alerts no source reports any more, at ${NOW.toISOString()}`,
    ]);
  });

  it('ends episodes left open by an earlier run, which retention can then remove', async () => {
    const previousRun = await open();
    fire(previousRun, alertAt(ago(45 * DAY), { fingerprint: 'fp-left-open' }));
    await previousRun.close();

    const store = await open();
    expect((await store.get('fp-left-open', NOW)).episodes[0]?.resolvedAt).toBeNull();
    store.reconcile([], ago(31 * DAY));
    expect((await store.get('fp-left-open', NOW)).episodes[0]?.resolvedAt).toBe(ago(31 * DAY).toISOString());
    store.setRetention({ maxAgeMs: 30 * DAY, maxEpisodes: 1_000 });
    expect((await store.get('fp-left-open', NOW)).episodes).toEqual([]);
  });

  it('opens an episode it ended again when the alert is then seen firing', async () => {
    const store = await open();
    const alert = alertAt(ago(DAY));
    fire(store, alert);
    store.reconcile([], ago(60_000));
    store.record([{ before: alert, after: alert }], NOW);
    expect((await store.get('fp-disk', NOW)).episodes.map((e) => e.resolvedAt)).toEqual([null]);
  });
});
