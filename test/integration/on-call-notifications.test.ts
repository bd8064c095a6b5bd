import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { fastSource, recordingNotifier, startTestEngine, testConfig, waitForAlert } from '../helpers/engine-harness';
import { postAlerts, sleep, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';

/** Loud while on call, quiet off call: the user's toggle decides what a real Alertmanager's alerts raise. */
describe('on-call-aware notifications', () => {
  let am: RunningAlertmanager | undefined;
  let engine: Engine | undefined;

  afterEach(async () => {
    engine?.stop();
    await am?.stop();
    engine = am = undefined;
  });

  it('off call only critical alerts notify; back on call a warning does too', async () => {
    am = await startAlertmanager();
    const notifier = recordingNotifier();
    engine = startTestEngine(testConfig([fastSource('alertmanager', 'am', am.url)]), notifier);
    const running = engine;
    const changes: string[] = [];
    running.on('onCallChanged', (status) => changes.push(`${status.state} (${status.basis})`));
    await sleep(700); // the first poll: nothing fires yet, so later alerts are news

    expect(running.setOnCall(false)).toMatchObject({ state: 'off-call', basis: 'manual' });
    await postAlerts(am.url, [{ labels: { alertname: 'DiskSlow', severity: 'warning', instance: 'a' } }, { labels: { alertname: 'CheckoutDown', severity: 'critical', instance: 'a' } }]);
    await waitForAlert(running, 'both shown', (alert) => alert.name === 'DiskSlow');
    await waitForAlert(running, 'both shown', (alert) => alert.name === 'CheckoutDown');
    await sleep(300);
    const offCall = notifier.shown.map((text) => text.title);

    running.setOnCall(true);
    await postAlerts(am.url, [{ labels: { alertname: 'QueueSlow', severity: 'warning', instance: 'b' } }]);
    await waitForAlert(running, 'QueueSlow shown', (alert) => alert.name === 'QueueSlow');
    await sleep(300);
    console.log(`notifications off call: ${JSON.stringify(offCall)}; then on call: ${JSON.stringify(notifier.shown.slice(offCall.length).map((text) => text.title))}`);
    expect(offCall).toEqual([expect.stringContaining('CheckoutDown')]);
    expect(notifier.shown.slice(offCall.length).map((text) => text.title)).toEqual([expect.stringContaining('QueueSlow')]);
    expect(running.setOnCall(null)).toMatchObject({ state: 'unknown', basis: null });
    expect(changes).toEqual(['off-call (manual)', 'on-call (manual)', 'unknown (null)']);
  });
});
