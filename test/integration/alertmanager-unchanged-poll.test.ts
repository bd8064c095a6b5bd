import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerSource } from '../../electron/sources/alertmanager';
import { createSilence, postAlerts, startAlertmanager, waitFor, type RunningAlertmanager } from '../helpers/servers';

/**
 * A poll that finds nothing new is the common case: Alertmanager then answers with the very same
 * bytes, which the source recognises by digest and does not parse again.
 */
describe('AlertmanagerSource, polled while nothing changes', () => {
  let am: RunningAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager();
  });
  afterAll(async () => {
    await am.stop();
  });

  const alertsUrl = () => `${am.url}/api/v2/alerts?active=true&unprocessed=true&silenced=true&inhibited=true`;
  const poll = (source: AlertmanagerSource) => source.fetchAlerts(AbortSignal.timeout(5_000));

  it('gives back the same alerts for the same answer, and reads what changed in the answer or in the silences', async () => {
    await postAlerts(am.url, [{ labels: { alertname: 'DiskFull', service: 'storage' } }, { labels: { alertname: 'HighLatency', service: 'checkout' } }]);
    await waitFor(async () => ((await (await fetch(alertsUrl())).json()) as unknown[]).length === 2 || undefined, { description: 'both alerts listed' });
    // What the shortcut relies on: an unchanged Alertmanager answers byte for byte the same.
    const [one, two] = await Promise.all([fetch(alertsUrl()).then((r) => r.text()), fetch(alertsUrl()).then((r) => r.text())]);
    expect(two).toBe(one);

    const source = new AlertmanagerSource({ name: 'am', url: am.url, silenced: true, inhibited: true });
    const first = await poll(source);
    expect(first.alerts.map((alert) => alert.name).sort()).toEqual(['DiskFull', 'HighLatency']);
    expect((await poll(source)).alerts).toBe(first.alerts);

    // A silence changes the answer (the alert is suppressed, silenced by it).
    const silenceBody = { matchers: [{ name: 'service', value: 'storage', isRegex: false, isEqual: true }], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), createdBy: 'ana' };
    const id = await createSilence(am.url, { ...silenceBody, comment: 'swapping the disk' });
    const muted = await waitFor(
      async () => {
        const polled = await poll(source);
        return polled.alerts.find((alert) => alert.name === 'DiskFull')?.state === 'suppressed' ? polled : undefined;
      },
      { description: 'DiskFull suppressed' },
    );
    expect(muted.alerts).not.toBe(first.alerts);
    expect(muted.alerts.find((alert) => alert.name === 'DiskFull')!.silences).toEqual([expect.objectContaining({ id, createdBy: 'ana', comment: 'swapping the disk' })]);
    expect(muted.alerts.find((alert) => alert.name === 'HighLatency')).toBe(first.alerts.find((alert) => alert.name === 'HighLatency'));

    // A new comment on the same silence leaves the alerts answer as it was; the alert still shows the new comment.
    const answerBefore = await fetch(alertsUrl()).then((r) => r.text());
    const updated = await fetch(`${am.url}/api/v2/silences`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, ...silenceBody, comment: 'swapping the disk, back by 4' }) });
    expect(((await updated.json()) as { silenceID: string }).silenceID).toBe(id);
    expect(await fetch(alertsUrl()).then((r) => r.text())).toBe(answerBefore);
    const recommented = await poll(source);
    expect(recommented.alerts.find((alert) => alert.name === 'DiskFull')!.silences).toEqual([expect.objectContaining({ id, comment: 'swapping the disk, back by 4' })]);
    expect(recommented.alerts.find((alert) => alert.name === 'HighLatency')).toBe(first.alerts.find((alert) => alert.name === 'HighLatency'));
    expect((await poll(source)).alerts).toBe(recommented.alerts);
  });
});
