import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/app/start-engine';
import { DEFAULT_ACK_COMMENT } from '../../electron/actions/alertmanager-delivery';
import { ACK_COMMENT_PREFIX } from '../../shared/actions';
import { alertmanagerConfig, startTestHost } from '../helpers/engine-host';
import { useTempFolder } from '../helpers/temp-folder';
import { postAlerts, startAlertmanager, waitFor, type PostableAlert, type RunningAlertmanager } from '../helpers/servers';

interface UpstreamSilence {
  id: string;
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual?: boolean }>;
  comment: string;
  createdBy: string;
  status: { state: string };
}

async function silencesOf(am: RunningAlertmanager): Promise<UpstreamSilence[]> {
  const response = await fetch(`${am.url}/api/v2/silences`);
  return ((await response.json()) as UpstreamSilence[]).filter((silence) => silence.status.state !== 'expired');
}

const matcherText = (silence: UpstreamSilence) =>
  silence.matchers
    .map((m) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '~' : '='}${m.value}`)
    .sort()
    .join(',');

/** The app is needed most when things are broken: what the user does offline reaches Alertmanager once, later. */
describe('acknowledgements and silences made while Alertmanager is down', () => {
  const folder = useTempFolder('occ-offline-');
  let am: RunningAlertmanager | undefined;
  let host: EngineHost | undefined;

  afterEach(async () => {
    await host?.stop();
    await am?.stop();
    host = am = undefined;
  });

  it('are queued, survive an engine restart, and each exists exactly once upstream when it returns', async () => {
    am = await startAlertmanager();
    // Prometheus re-sends firing alerts with their original start: the same episodes after a restart.
    const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const firing: PostableAlert[] = [
      { labels: { alertname: 'DiskFull', severity: 'critical', instance: 'db-1' }, startsAt },
      { labels: { alertname: 'HighLatency', severity: 'warning', service: 'checkout' }, startsAt },
    ];
    await postAlerts(am.url, firing);
    const config = alertmanagerConfig([{ name: 'am', url: am.url }]);
    host = await startTestHost({ dir: folder.dir, config });
    const engine = host.engine;
    await waitFor(async () => (engine.alerts().length === 2 ? true : undefined), { description: 'both alerts shown' });
    const [disk, latency] = ['DiskFull', 'HighLatency'].map((name) => engine.alerts().find((alert) => alert.name === name)!);

    await am.kill();
    await waitFor(async () => (engine.connectivity().state === 'offline' ? true : undefined), { description: 'engine offline' });
    const firstAck = host.actions.acknowledge(disk!.fingerprint, 'looking at the disk');
    host.actions.acknowledge(latency!.fingerprint, '');
    host.actions.createSilence({
      source: 'am',
      matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }],
      endsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      comment: 'deploy window',
      createdBy: 'dev',
    });
    expect(firstAck.acknowledgement).toMatchObject({ comment: 'looking at the disk', delivery: 'queued' });
    expect(engine.alert(disk!.fingerprint)?.acknowledgement?.delivery).toBe('queued');
    const waiting = expect.stringMatching(/^(queued|sending)$/);
    expect(engine.snapshot().actions.map((action) => action.state)).toEqual([waiting, waiting, waiting]);

    await host.stop();
    host = await startTestHost({ dir: folder.dir, config });
    expect(host.engine.snapshot().actions.map((action) => [action.summary, action.state])).toEqual([
      ['Acknowledge DiskFull on am', waiting],
      ['Acknowledge HighLatency on am', waiting],
      ['Silence service="checkout" on am', waiting],
    ]);
    // The restarted engine shows the last known alerts from its cache at once, and still knows they were acknowledged.
    expect(host.engine.alert(disk!.fingerprint)).toMatchObject({ stale: true, acknowledgement: { comment: 'looking at the disk', delivery: 'queued' } });

    await am.restart();
    await postAlerts(am.url, firing);
    const restarted = host;
    await waitFor(async () => (restarted.engine.snapshot().actions.every((action) => action.state === 'delivered') ? true : undefined), {
      description: 'every queued action delivered',
      timeoutMs: 20_000,
    });
    const upstream = await silencesOf(am);
    const summary = upstream.map((silence) => `${silence.createdBy} | ${silence.comment} | ${matcherText(silence)}`).sort();
    console.log(`Alertmanager holds ${upstream.length} silences after the offline actions:\n  ${summary.join('\n  ')}`);
    const author = restarted.engine.snapshot().preferences.author;
    expect(summary).toEqual(
      [
        `${author} | ${ACK_COMMENT_PREFIX} looking at the disk | alertname=DiskFull,instance=db-1,severity=critical`,
        `${author} | ${ACK_COMMENT_PREFIX} ${DEFAULT_ACK_COMMENT} | alertname=HighLatency,service=checkout,severity=warning`,
        `dev | deploy window | service=checkout`,
      ].sort(),
    );
    const acknowledged = await waitFor(async () => {
      const alert = restarted.engine.alert(disk!.fingerprint);
      return alert?.acknowledgement?.delivery === 'sent' && alert.state === 'suppressed' ? alert : undefined;
    }, { description: 'the alert acknowledged upstream: muted by its ACK silence' });
    expect(acknowledged.acknowledgement).toMatchObject({ comment: 'looking at the disk', silenceId: acknowledged.silencedBy[0] });
  });
});
