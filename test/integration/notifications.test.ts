import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { createNodeNotifier } from '../../electron/notifications/desktop-notifier';
import { fastSource, startTestEngine, testConfig, waitForAlert, waitForSource } from '../helpers/engine-harness';
import { installRecordingNotifySend, waitForNotifications, type NotifySendRecorder } from '../helpers/recording-notify-send';
import { postAlerts, resolveAlerts, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';

/** Waits until the engine has polled the source `cycles` more times, so "nothing happened" means something. */
async function pollCycles(engine: Engine, source: string, cycles: number): Promise<void> {
  let seen = 0;
  await new Promise<void>((resolve) => {
    const listener = (sources: Array<{ name: string; lastAttemptAt: string | null }>) => {
      if (sources.some((s) => s.name === source) && ++seen >= cycles) {
        engine.off('sourcesChanged', listener as never);
        resolve();
      }
    };
    engine.on('sourcesChanged', listener as never);
  });
}

describe('desktop notifications from a real Alertmanager through node-notifier', () => {
  let recorder: NotifySendRecorder;
  let am: RunningAlertmanager;
  let engine: Engine;
  let canaryDir: string;
  const originalPath = process.env.PATH;

  beforeAll(async () => {
    recorder = await installRecordingNotifySend();
    // node-notifier looks notify-send up on PATH once per process: set it before the first notification.
    process.env.PATH = recorder.pathEnv;
  });
  afterAll(async () => {
    process.env.PATH = originalPath;
    await recorder.dispose();
  });

  beforeEach(async () => {
    canaryDir = await mkdtemp(path.join(tmpdir(), 'occ-canary-'));
    am = await startAlertmanager();
    engine = startTestEngine(testConfig([fastSource('alertmanager', 'am', am.url)]), createNodeNotifier({ appName: 'On-Call Companion' }));
    await waitForSource(engine, 'am', 'ok');
    await pollCycles(engine, 'am', 1);
    await recorder.clear();
  });
  afterEach(async () => {
    engine.stop();
    await am.stop();
    await rm(canaryDir, { recursive: true, force: true });
  });

  it('one alert starting gives exactly one notification, and a steady state gives none', async () => {
    await postAlerts(am.url, [
      { labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' }, annotations: { summary: '7% of checkouts fail' } },
    ]);
    const [call] = await waitForNotifications(recorder, 1, 10_000);
    expect(call!.slice(0, 4)).toEqual(['CRITICAL · HighErrorRate · checkout', '7% of checkouts fail (am)', '--urgency', 'critical']);
    await pollCycles(engine, 'am', 4);
    expect(await recorder.read()).toHaveLength(1);
  });

  it('fifty alerts starting at once give one summary notification', async () => {
    await postAlerts(
      am.url,
      Array.from({ length: 50 }, (_, i) => ({ labels: { alertname: i < 20 ? 'HighErrorRate' : 'DiskFull', severity: i < 20 ? 'critical' : 'warning', instance: `host-${i}` } })),
    );
    await waitForNotifications(recorder, 1, 10_000);
    await pollCycles(engine, 'am', 4);
    const calls = await recorder.read();
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('50 alerts started firing (20 critical)');
    expect(calls[0]![1]).toMatch(/^DiskFull ×30, HighErrorRate ×20|^HighErrorRate ×20, DiskFull ×30/);
    expect(engine.alerts()).toHaveLength(50);
  });

  it('passes hostile alert text as exact, truncated arguments and executes nothing', async () => {
    const filler = 'x'.repeat(10_000);
    await postAlerts(am.url, [
      {
        labels: { alertname: 'Injected', severity: 'critical', service: `$(touch ${canaryDir}/title)` },
        annotations: { summary: `$(touch ${canaryDir}/a) \`touch ${canaryDir}/b\` "dq" 'sq' back\\slash\nsecond line;touch ${canaryDir}/c ${filler}` },
      },
    ]);
    const [call] = await waitForNotifications(recorder, 1, 10_000);
    const suffix = ' (am)';
    const flattened = `$(touch ${canaryDir}/a) \`touch ${canaryDir}/b\` "dq" 'sq' back\\slash second line;touch ${canaryDir}/c ${filler}`;
    const expectedBody = `${flattened.slice(0, 300 - suffix.length - 1)}…${suffix}`;
    expect(call![0]).toBe(`CRITICAL · Injected · $(touch ${canaryDir}/title)`);
    expect(call![1]).toBe(expectedBody);
    expect([...call![1]!].length).toBe(300);
    await waitForAlert(engine, 'the injected alert in the snapshot', (alert) => alert.name === 'Injected');
    expect(await readdir(canaryDir)).toEqual([]);
  });

  it('stays quiet while paused, and speaks again after resume', async () => {
    engine.pauseNotifications(60);
    await postAlerts(am.url, [{ labels: { alertname: 'WhilePaused', severity: 'critical' } }]);
    await waitForAlert(engine, 'WhilePaused in the snapshot', (alert) => alert.name === 'WhilePaused');
    await pollCycles(engine, 'am', 2);
    expect(await recorder.read()).toEqual([]);
    engine.resumeNotifications();
    await pollCycles(engine, 'am', 2);
    expect(await recorder.read()).toEqual([]); // what fired during the pause is not replayed
    await postAlerts(am.url, [{ labels: { alertname: 'AfterResume', severity: 'critical' } }]);
    const [call] = await waitForNotifications(recorder, 1, 10_000);
    expect(call![0]).toBe('CRITICAL · AfterResume');
  });

  it('a config edit that restarts a source does not announce its alerts again', async () => {
    await postAlerts(am.url, [
      { labels: { alertname: 'One', severity: 'critical' } },
      { labels: { alertname: 'Two', severity: 'critical' } },
    ]);
    await waitForNotifications(recorder, 2, 10_000);
    engine.applyConfig(testConfig([fastSource('alertmanager', 'am', am.url, { interval: 600 })]));
    await waitForAlert(engine, 'both alerts back after the restart', () => engine.alerts().length === 2);
    await pollCycles(engine, 'am', 3);
    expect(await recorder.read()).toHaveLength(2);
  });

  it('ignores alerts below the minimum severity', async () => {
    engine.applyConfig(testConfig([fastSource('alertmanager', 'am', am.url)], { minSeverity: 'critical' }));
    await postAlerts(am.url, [{ labels: { alertname: 'JustAWarning', severity: 'warning' } }]);
    await waitForAlert(engine, 'JustAWarning in the snapshot', (alert) => alert.name === 'JustAWarning');
    await pollCycles(engine, 'am', 2);
    expect(await recorder.read()).toEqual([]);
  });

  it('announces resolution when asked to', async () => {
    engine.applyConfig(testConfig([fastSource('alertmanager', 'am', am.url)], { onResolve: true }));
    const alert = { labels: { alertname: 'Flapping', severity: 'critical', service: 'api' }, annotations: { summary: 'api flaps' } };
    await postAlerts(am.url, [alert]);
    await waitForNotifications(recorder, 1, 10_000);
    await resolveAlerts(am.url, [alert]);
    const calls = await waitForNotifications(recorder, 2, 15_000);
    expect(calls[1]!.slice(0, 4)).toEqual(['Resolved · Flapping · api', 'api flaps (am)', '--urgency', 'low']);
  });
});
