import { afterEach, describe, expect, it } from 'vitest';
import { Engine, RESTORED_FIRST_POLL_DELAY_MS, type CachedSourceState } from '../../electron/engine/engine';
import type { AlertDelta } from '../../shared/model';
import { UserSettings } from '../../electron/engine/settings';
import { createMemorySettingsStore } from '../../electron/persistence/settings-store';
import { createSource } from '../../electron/sources/create-source';
import { fastSource, recordingNotifier, testConfig, waitForAlert, waitForSource } from '../helpers/engine-harness';
import { postAlerts, resolveAlerts, sleep, startAlertmanager, waitFor, type RunningAlertmanager } from '../helpers/servers';

function engineWith(notifier = recordingNotifier(), cached: CachedSourceState[] = []) {
  const engine = new Engine({ createSource, settings: new UserSettings(createMemorySettingsStore()), notifier });
  engine.restore(cached);
  return engine;
}

const disk = { labels: { alertname: 'DiskFull', severity: 'critical', instance: 'db-1' } };
const latency = { labels: { alertname: 'HighLatency', severity: 'warning', service: 'checkout' } };
const queue = { labels: { alertname: 'QueueBacklog', severity: 'critical', service: 'orders' } };

describe('engine: last known state, sleep and network', () => {
  let am: RunningAlertmanager | undefined;
  const engines: Engine[] = [];

  afterEach(async () => {
    for (const engine of engines.splice(0)) engine.stop();
    await am?.stop();
    am = undefined;
  });

  /** A real Alertmanager with DiskFull and HighLatency, and what an engine that saw them cached. */
  async function cachedAfterOneRun() {
    am = await startAlertmanager();
    await postAlerts(am.url, [disk, latency]);
    const config = testConfig([fastSource('alertmanager', 'am', am.url)]);
    const first = engineWith();
    engines.push(first);
    first.applyConfig(config);
    await waitFor(async () => (first.alerts().length === 2 ? true : undefined), { description: 'two alerts seen' });
    const saved = first.cacheState();
    first.stop();
    return { am, config, saved };
  }

  it('shows the cached state at once, stale and from cache, and announces only what is new since', async () => {
    const { am: server, config, saved } = await cachedAfterOneRun();

    await resolveAlerts(server.url, [latency]);
    await postAlerts(server.url, [queue]);
    const notifier = recordingNotifier();
    const second = engineWith(notifier, saved);
    engines.push(second);
    second.applyConfig(config);
    // Before any poll has answered: the last known alerts, marked stale, and the age of their data.
    expect(second.alerts().map((alert) => [alert.name, alert.stale]).sort()).toEqual([
      ['DiskFull', true],
      ['HighLatency', true],
    ]);
    expect(second.sources()[0]).toMatchObject({ fromCache: true, lastSuccessAt: saved[0]!.health.lastSuccessAt });

    await waitForAlert(second, 'QueueBacklog shown', (alert) => alert.name === 'QueueBacklog');
    await waitFor(async () => (second.alerts().length === 2 && second.alerts().every((alert) => !alert.stale) ? true : undefined), {
      description: 'HighLatency gone, the rest live',
    });
    expect(second.sources()[0]!.fromCache).toBe(false);
    await sleep(300);
    console.log(`notifications after a start from cache: ${JSON.stringify(notifier.shown.map((text) => text.title))}`);
    expect(notifier.shown.map((text) => text.title)).toEqual([expect.stringContaining('QueueBacklog')]);
  });

  it('takes the cached alerts as they are when the first answer after a restart is the one they were read from', async () => {
    const { config, saved } = await cachedAfterOneRun();
    expect(saved[0]!.answerDigest).toMatch(/^alertmanager-v2\/1 [\w+/]{43}=$/);
    // As the state cache holds it: through JSON.
    const [cached] = JSON.parse(JSON.stringify(saved)) as CachedSourceState[];

    const second = engineWith(recordingNotifier(), [cached!]);
    engines.push(second);
    const deltas: AlertDelta[] = [];
    second.on('alertsChanged', (delta) => deltas.push(delta));
    second.applyConfig(config);
    await waitFor(async () => (second.sources()[0]!.fromCache === false ? true : undefined), { description: 'first poll answered' });
    // Restored (stale), then live: only `stale` changed, so the delta names them instead of sending them whole again.
    const fingerprints = cached!.alerts.map((alert) => alert.fingerprint).sort();
    expect(deltas.map(({ upserted, removed, becameLive }) => ({ upserted: upserted.map((alert) => [alert.fingerprint, alert.stale]).sort(), removed, becameLive: becameLive?.sort() }))).toEqual([
      { upserted: fingerprints.map((fingerprint) => [fingerprint, true]), removed: [], becameLive: undefined },
      { upserted: [], removed: [], becameLive: fingerprints },
    ]);
    expect(second.alerts().map((alert) => [alert.name, alert.stale]).sort()).toEqual([
      ['DiskFull', false],
      ['HighLatency', false],
    ]);
    // Not read again: the very objects restored from the cache.
    const [resumed] = second.cacheState();
    expect(resumed!.answerDigest).toBe(cached!.answerDigest);
    for (const alert of resumed!.alerts) expect(cached!.alerts).toContain(alert);

    // A digest of another reading of the answer (an older version of the app) is not trusted.
    const third = engineWith(recordingNotifier(), [{ ...cached!, answerDigest: cached!.answerDigest!.replace(/^\S+/, 'alertmanager-v2/0') }]);
    engines.push(third);
    third.applyConfig(config);
    await waitFor(async () => (third.sources()[0]!.fromCache === false ? true : undefined), { description: 'first poll answered' });
    expect(third.alerts()).toHaveLength(2);
    for (const alert of third.cacheState()[0]!.alerts) expect(cached!.alerts).not.toContain(alert);
    expect(third.cacheState()[0]!.answerDigest).toBe(cached!.answerDigest);
  });

  it('refreshes a restored source once the dashboard took its first snapshot, or after a second without one', async () => {
    const { config, saved } = await cachedAfterOneRun();
    const shown = engineWith(recordingNotifier(), saved);
    engines.push(shown);
    shown.applyConfig(config);
    // The cached state goes to the dashboard first: no poll yet (its first one waits up to RESTORED_FIRST_POLL_DELAY_MS).
    await sleep(RESTORED_FIRST_POLL_DELAY_MS / 2);
    expect(shown.sources()[0]).toMatchObject({ fromCache: true, lastAttemptAt: null });
    expect(shown.snapshot().alerts.every((alert) => alert.stale)).toBe(true);
    await waitFor(async () => (shown.sources()[0]!.fromCache === false ? true : undefined), { description: 'refreshed after the snapshot' });

    const unseen = engineWith(recordingNotifier(), saved);
    engines.push(unseen);
    const started = Date.now();
    unseen.applyConfig(config);
    await waitFor(async () => (unseen.sources()[0]!.fromCache === false ? true : undefined), { description: 'refreshed without a snapshot' });
    console.log(`restored source without a dashboard: first answer after ${Date.now() - started} ms`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(RESTORED_FIRST_POLL_DELAY_MS);
  });

  it('ignores a cached state whose source now points elsewhere', async () => {
    am = await startAlertmanager();
    const cached: CachedSourceState = {
      name: 'am',
      endpoint: JSON.stringify({ type: 'alertmanager', name: 'am', url: 'http://127.0.0.1:1', silenced: true, inhibited: true }),
      health: { ...(await import('../../electron/engine/source-health')).initialHealth('am', 'alertmanager'), lastSuccessAt: '2026-11-26T03:00:00.000Z' },
      alerts: [{ fingerprint: 'old', name: 'Old', labels: { alertname: 'Old' }, annotations: {}, severity: 'critical', state: 'firing', startsAt: '2026-11-26T02:00:00.000Z', silencedBy: [], inhibitedBy: [] }],
      silences: [],
    };
    const engine = engineWith(recordingNotifier(), [cached]);
    engines.push(engine);
    engine.applyConfig(testConfig([fastSource('alertmanager', 'am', am.url)]));
    expect(engine.alerts()).toEqual([]);
    expect(engine.sources()[0]!.fromCache).toBe(false);
  });

  it('stops polling while the machine sleeps', async () => {
    am = await startAlertmanager();
    const engine = engineWith();
    engines.push(engine);
    let polls = 0;
    engine.on('sourcesChanged', () => polls++);
    engine.applyConfig(testConfig([fastSource('alertmanager', 'am', am.url)]));
    await waitForSource(engine, 'am', 'ok');
    engine.suspend();
    const asleep = polls;
    await sleep(1_500); // three intervals
    expect(polls).toBe(asleep);
  });

  it('polls at once on wake, not an interval later', async () => {
    am = await startAlertmanager();
    const engine = engineWith();
    engines.push(engine);
    engine.applyConfig(testConfig([fastSource('alertmanager', 'am', am.url, { interval: 60_000 })]));
    await waitForSource(engine, 'am', 'ok');
    engine.suspend();
    await postAlerts(am.url, [disk]);
    engine.resume();
    // The interval is a minute: only the poll on wake can show it this soon.
    await waitForAlert(engine, 'DiskFull seen right after wake', (alert) => alert.name === 'DiskFull', 5_000);
  });

  it('polls at once when the network changes while up (a VPN comes up), not an interval later', async () => {
    am = await startAlertmanager();
    const engine = engineWith();
    engines.push(engine);
    engine.applyConfig(testConfig([fastSource('alertmanager', 'am', am.url, { interval: 60_000 })]));
    await waitForSource(engine, 'am', 'ok');
    await postAlerts(am.url, [disk]);
    engine.networkChanged(true);
    await waitForAlert(engine, 'DiskFull seen right after the network changed', (alert) => alert.name === 'DiskFull', 5_000);
    expect(engine.connectivity().state).toBe('online');
  });

  it('goes offline at once when the network goes, and polls at once when it comes back', async () => {
    am = await startAlertmanager();
    const engine = engineWith();
    engines.push(engine);
    const changes: string[] = [];
    engine.on('connectivityChanged', (connectivity) => changes.push(`${connectivity.state}${connectivity.network ? '' : ' (no network)'}`));
    engine.applyConfig(testConfig([fastSource('alertmanager', 'am', am.url, { interval: 60_000 })]));
    await waitForSource(engine, 'am', 'ok');
    engine.networkChanged(false);
    expect(engine.connectivity()).toMatchObject({ state: 'offline', network: false, reason: expect.stringContaining('no network') });
    await postAlerts(am.url, [disk]);
    engine.networkChanged(true);
    // The interval is a minute: only the immediate poll on network return can show it this soon.
    await waitForAlert(engine, 'DiskFull seen right after the network returned', (alert) => alert.name === 'DiskFull', 5_000);
    expect(changes).toEqual(['offline (no network)', 'online']);
  });
});
