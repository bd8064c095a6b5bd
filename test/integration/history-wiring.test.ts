import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE_NAME, type EngineHost } from '../../electron/app/start-engine';
import { STATE_CACHE_FILE_NAME } from '../../electron/cache/state-cache';
import { openAlertHistory } from '../../electron/history/alert-history';
import { makeAlert } from '../helpers/alerts';
import { alertmanagerConfig, startTestHost } from '../helpers/engine-host';
import { postAlerts, resolveAlerts, startAlertmanager, waitFor, type RunningAlertmanager } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const DAY = 24 * 3_600_000;

/** The alert history as the app wires it: kept as long as the config says, and closed when alerts ended unseen. */
describe('alert history in the running app', () => {
  const folder = useTempFolder('occ-history-wiring-');
  let am: RunningAlertmanager | undefined;
  let host: EngineHost | undefined;

  afterEach(async () => {
    await host?.stop();
    await am?.stop();
    host = am = undefined;
  });

  async function historyWithAnOldEpisode(): Promise<void> {
    const history = await openAlertHistory({ file: path.join(folder.dir, HISTORY_FILE_NAME), retention: null, log: () => undefined });
    const alert = makeAlert({ fingerprint: 'fp-old', name: 'OldOutage', startsAt: new Date(Date.now() - 41 * DAY).toISOString() });
    history.record([{ before: undefined, after: alert }], new Date(alert.startsAt));
    history.record([{ before: alert, after: undefined }], new Date(Date.now() - 40 * DAY));
    await history.close();
  }

  const resolvedNames = async (running: EngineHost) => (await running.history.search({ query: '', resolvedOnly: true, limit: 100 })).episodes.map((episode) => episode.name);

  it('keeps a 40-day-old firing when the config keeps 90 days, and drops it under the default 30', async () => {
    await historyWithAnOldEpisode();
    host = await startTestHost({ dir: folder.dir, config: 'sources: []\nhistory:\n  maxAge: 90d\n' });
    expect(await resolvedNames(host)).toEqual(['OldOutage']);
    await host.stop();

    host = await startTestHost({ dir: folder.dir, config: 'sources: []\n' });
    const running = host;
    await waitFor(async () => ((await resolvedNames(running)).length === 0 ? true : undefined), { description: 'the old firing pruned under 30 days' });
  });

  it('ends the firings that ended while the app was not watching, once every source has answered', async () => {
    am = await startAlertmanager();
    const firing = { labels: { alertname: 'EndsUnseen', severity: 'warning', instance: 'x' } };
    await postAlerts(am.url, [firing]);
    const config = alertmanagerConfig([{ name: 'am', url: am.url }]);
    host = await startTestHost({ dir: folder.dir, config });
    const first = host;
    await waitFor(async () => (first.engine.alerts().length === 1 ? true : undefined), { description: 'EndsUnseen shown' });
    await host.stop();

    // Without a cache (a first run of a new version, a deleted folder) the engine cannot see it go.
    await rm(path.join(folder.dir, 'cache', STATE_CACHE_FILE_NAME));
    await resolveAlerts(am.url, [firing]);
    host = await startTestHost({ dir: folder.dir, config });
    const second = host;
    await waitFor(async () => ((await resolvedNames(second)).includes('EndsUnseen') ? true : undefined), { description: 'EndsUnseen ended in the history' });
  });
});
