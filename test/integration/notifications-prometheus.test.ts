import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { createNodeNotifier } from '../../electron/notifications/desktop-notifier';
import { fastSource, startTestEngine, testConfig, waitForAlert } from '../helpers/engine-harness';
import { installRecordingNotifySend, waitForNotifications, type NotifySendRecorder } from '../helpers/recording-notify-send';
import { createSilence, startAlertmanager, startPrometheus, type RunningAlertmanager, type RunningPrometheus } from '../helpers/servers';

/**
 * Prometheus usually shows a new alert before Alertmanager does, and only Alertmanager knows it
 * is silenced. With both configured, a silenced rule must not notify, even for a moment.
 */
describe('notifications with Prometheus and Alertmanager together', () => {
  let recorder: NotifySendRecorder;
  let am: RunningAlertmanager;
  let prom: RunningPrometheus;
  let engine: Engine;
  const originalPath = process.env.PATH;

  beforeAll(async () => {
    recorder = await installRecordingNotifySend();
    process.env.PATH = recorder.pathEnv;
    am = await startAlertmanager();
    await createSilence(am.url, { matchers: [{ name: 'alertname', value: 'SilencedRule' }], createdBy: 'alice', comment: 'known issue' });
    // Both rules start firing a few seconds from now, once Prometheus delivers to Alertmanager (about 6 s after its start).
    const at = Math.floor(Date.now() / 1000) + 9;
    const rule = (name: string) => `      - alert: ${name}\n        expr: vector(time()) > ${at}\n        labels:\n          severity: critical\n`;
    prom = await startPrometheus({ rules: `groups:\n  - name: timed\n    rules:\n${rule('SilencedRule')}${rule('UnsilencedRule')}`, alertmanagerUrls: [am.url] });
    engine = startTestEngine(
      testConfig([fastSource('alertmanager', 'am', am.url), fastSource('prometheus', 'prom', prom.url)]),
      createNodeNotifier({ appName: 'On-Call Companion' }),
    );
  });

  afterAll(async () => {
    engine?.stop();
    await Promise.all([am?.stop(), prom?.stop()]);
    process.env.PATH = originalPath;
    await recorder?.dispose();
  });

  it('announces the unsilenced rule once and never the silenced one', async () => {
    await waitForAlert(engine, 'SilencedRule muted through Alertmanager', (a) => a.name === 'SilencedRule' && a.state === 'suppressed' && a.sources.length === 2, 40_000);
    await waitForAlert(engine, 'UnsilencedRule from both sources', (a) => a.name === 'UnsilencedRule' && a.sources.length === 2, 40_000);
    const [first] = await waitForNotifications(recorder, 1, 10_000);
    expect(first![0]).toBe('CRITICAL · UnsilencedRule');
    // Longer than the confirmation grace (2 × 0.5 s + 5 s): nothing else may arrive.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await recorder.read()).toEqual([first]);
  });
});
