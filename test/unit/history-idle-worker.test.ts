import { expect, it } from 'vitest';
import type { AlertHistory, AlertEpisode } from '../../shared/history';
import { episodeWrites } from '../../electron/history/episode-writes';
import { HistoryWorkerClient, type HistoryWorkerClientOptions } from '../../electron/history/history-worker-client';
import type { HistoryRequest } from '../../electron/history/history-protocol';
import { makeAlert } from '../helpers/alerts';
import { HISTORY_TEST_NOW, useHistoryStores } from '../helpers/history-store';
import { waitFor } from '../helpers/servers/wait';
import { useTempFolder } from '../helpers/temp-folder';

const temp = useTempFolder('history-idle-worker-');
const NOW = HISTORY_TEST_NOW;
// Longer than any test: the tests end the worker themselves unless they say otherwise.
const { open, logs } = useHistoryStores<HistoryWorkerClient, HistoryWorkerClientOptions>(temp, { idleMs: 600_000 }, async (options) => {
  const client = new HistoryWorkerClient(options);
  await client.ready;
  return client;
});

const alert = (i: number) => makeAlert({ fingerprint: `fp-${i}`, name: 'DiskFull', startsAt: new Date(NOW.getTime() - (100 - i) * 60_000).toISOString() });
const fired = (i: number): HistoryRequest => ({ kind: 'write', writes: episodeWrites([{ before: undefined, after: alert(i) }], new Date(alert(i).startsAt)) });
const resolved = (i: number): HistoryRequest => ({ kind: 'write', writes: episodeWrites([{ before: alert(i), after: undefined }], new Date(NOW.getTime() - 1_000)) });
const acknowledged = (i: number, comment: string): HistoryRequest => ({
  kind: 'write',
  writes: [{ kind: 'acknowledged', key: { fingerprint: `fp-${i}`, startsAt: alert(i).startsAt }, by: 'ana', at: NOW.toISOString(), comment, replace: true }],
});
const episodesOf = async (client: HistoryWorkerClient, i: number): Promise<AlertEpisode[]> =>
  ((await client.request({ kind: 'get', fingerprint: `fp-${i}`, nowMs: NOW.getTime() })) as AlertHistory).episodes;

it('ends the worker after the idle time, and the next request starts another that sees every earlier write', async () => {
  const client = await open({ idleMs: 30 });
  client.post(fired(1));
  await waitFor(async () => client.state === 'asleep', { description: 'the idle worker ended', intervalMs: 10 });

  client.post(fired(2));
  expect(client.state).toBe('running');
  expect((await episodesOf(client, 1)).map((episode) => episode.startsAt)).toEqual([alert(1).startsAt]);
  expect(await episodesOf(client, 2)).toHaveLength(1);
  expect(logs).toEqual([]);
});

it('keeps writes posted while the worker ends, in the order they were posted, for the next worker', async () => {
  const client = await open();
  client.post(fired(1));
  client.post(acknowledged(1, 'first'));
  client.endIfIdle();
  expect(client.state).toBe('ending');

  client.post(acknowledged(1, 'second'));
  client.post(fired(2));
  client.post(resolved(2));
  const [first] = await episodesOf(client, 1);
  expect(first?.acknowledgeComment).toBe('second');
  const [second] = await episodesOf(client, 2);
  expect(second?.resolvedAt).toBe(new Date(NOW.getTime() - 1_000).toISOString());
});

it('does not end the worker while a read waits for its answer', async () => {
  const client = await open();
  client.post(fired(1));
  const read = episodesOf(client, 1);
  client.endIfIdle();
  expect(client.state).toBe('running');
  expect(await read).toHaveLength(1);
});

it('starts the next worker with the retention last set, not the one it was opened with', async () => {
  const client = await open();
  for (const i of [1, 2, 3]) [fired(i), resolved(i)].forEach((request) => client.post(request));
  client.post({ kind: 'prune', nowMs: NOW.getTime(), limits: { maxAgeMs: 30 * 86_400_000, maxEpisodes: 2 } });
  client.endIfIdle();
  await waitFor(async () => client.state === 'asleep', { description: 'the idle worker ended', intervalMs: 10 });

  // More episodes than the limit: the new worker removes the oldest ended ones as it writes.
  for (const i of [4, 5]) [fired(i), resolved(i)].forEach((request) => client.post(request));
  const all = (await client.request({ kind: 'between', fromMs: 0, toMs: NOW.getTime(), limit: 100 })) as AlertEpisode[];
  expect(all.map((episode) => episode.fingerprint)).toEqual(['fp-4', 'fp-5']);
});

it('writes what was posted while the worker ended before close returns', async () => {
  const client = await open();
  client.post(fired(1));
  client.endIfIdle();
  client.post(fired(2));
  await client.close();
  expect(client.state).toBe('stopped');

  const reopened = await open();
  expect(await episodesOf(reopened, 2)).toHaveLength(1);
  expect(await episodesOf(reopened, 1)).toHaveLength(1);
});
