import { createNodeNotifier, type DesktopNotifier } from '../../electron/notifications/desktop-notifier';
import { fastSource, startTestEngine, testConfig } from '../../test/helpers/engine-harness';
import { installRecordingNotifySend } from '../../test/helpers/recording-notify-send';
import { postAlerts, sleep, startAlertmanager, waitFor } from '../../test/helpers/servers';
import type { Measurement } from '../lib/figures';
import type { BenchContext, BenchSuite } from '../lib/suite';

const POLL_INTERVAL_MS = 1_000;
const STORM_SAFE_SPACING_MS = 12_500;

/**
 * From an alert posted into a real Alertmanager to the notifier asked to show it (node-notifier
 * then spawns notify-send, a recording stand-in), with a 1 s poll interval.
 */
export const notificationLatency: BenchSuite = {
  name: 'notification-latency',
  async run(context: BenchContext): Promise<Measurement[]> {
    const recorder = await installRecordingNotifySend();
    const originalPath = process.env.PATH;
    process.env.PATH = recorder.pathEnv;
    const alertmanager = await startAlertmanager();
    const shown: Array<{ title: string; at: number }> = [];
    const real = createNodeNotifier({ appName: 'bench' });
    const notifier: DesktopNotifier = {
      show(text, onClick) {
        shown.push({ title: text.title, at: Date.now() });
        real.show(text, onClick);
      },
    };
    const engine = startTestEngine(testConfig([fastSource('alertmanager', 'am', alertmanager.url, { interval: POLL_INTERVAL_MS })]), notifier);
    try {
      await waitFor(async () => engine.sources()[0]?.lastSuccessAt ?? undefined, { description: 'the baseline poll', timeoutMs: 30_000 });
      const samples: number[] = [];
      const runs = context.smoke ? 2 : 8;
      for (let run = 0; run < runs; run++) {
        // The storm guard allows 5 single notifications a minute: stay under it, as a real trickle would not.
        if (run > 0) await sleep(STORM_SAFE_SPACING_MS);
        const name = `BenchNotify${run}`;
        const postedAt = Date.now();
        await postAlerts(alertmanager.url, [{ labels: { alertname: name, severity: 'critical', instance: `bench-${run}` }, annotations: { summary: `bench ${run}` } }]);
        // The first notification after the post is about it: its own, or the storm guard's summary once several trickled in.
        const first = await waitFor(async () => shown.find((entry) => entry.at >= postedAt), { description: `a notification for ${name}`, timeoutMs: 30_000, intervalMs: 10 });
        samples.push(first.at - postedAt);
      }
      return [{ figure: 'notification: alert posted → notifier called', size: `1 s poll, ${runs} alerts`, unit: 'ms', samples, target: { max: 1_500 } }];
    } finally {
      engine.stop();
      await alertmanager.stop();
      process.env.PATH = originalPath;
      await recorder.dispose();
    }
  },
};
