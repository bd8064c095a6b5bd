import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { fastSource, recordingNotifier, startTestEngine, testConfig, waitForAlert } from '../helpers/engine-harness';
import { postAlerts, sleep, startAlertmanager, waitFor, type RunningAlertmanager } from '../helpers/servers';

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

  it('follows the user\'s own schedule from the config when no on-call service knows, turning on call by the clock', async () => {
    am = await startAlertmanager();
    const notifier = recordingNotifier();
    const startsAt = new Date(Date.now() + 3_000).toISOString();
    const config = { ...testConfig([fastSource('alertmanager', 'am', am.url)]), onCallSchedule: { shifts: [], rotation: { from: startsAt, length: 3_600_000, every: 7 * 86_400_000 } } };
    engine = startTestEngine(config, notifier);
    const running = engine;
    expect(running.onCall()).toMatchObject({ state: 'off-call', basis: 'schedule', nextShiftAt: startsAt });
    await sleep(700);
    await postAlerts(am.url, [{ labels: { alertname: 'DiskSlow', severity: 'warning', instance: 'a' } }]);
    await waitForAlert(running, 'DiskSlow shown', (alert) => alert.name === 'DiskSlow');
    await sleep(300);
    expect(notifier.shown).toEqual([]);

    // With Alertmanager down no poll answers: the shift starts by the clock alone.
    await am.kill();
    await waitFor(async () => running.onCall().state === 'on-call' || undefined, { description: 'the scheduled shift to start', timeoutMs: 10_000 });
    await am.restart();
    expect(running.onCall()).toMatchObject({ basis: 'schedule', until: new Date(Date.parse(startsAt) + 3_600_000).toISOString() });
    await postAlerts(am.url, [{ labels: { alertname: 'QueueSlow', severity: 'warning', instance: 'b' } }]);
    await waitForAlert(running, 'QueueSlow shown', (alert) => alert.name === 'QueueSlow');
    await sleep(300);
    expect(notifier.shown.map((text) => text.title)).toEqual([expect.stringContaining('QueueSlow')]);
  });
});
