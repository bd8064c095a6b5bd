import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/app/start-engine';
import { ACK_COMMENT_PREFIX } from '../../shared/actions';
import { startTestHost } from '../helpers/engine-host';
import { ogAlert, OpsgenieFake } from '../helpers/saas-fakes/opsgenie-fake';
import { PagerDutyFake, pdIncident, pdReference } from '../helpers/saas-fakes/pagerduty-fake';
import { postAlerts, startAlertmanager, waitFor, type PostableAlert, type RunningAlertmanager } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const PD_TOKEN = 'u+pdEverywhere1234';
const OG_KEY = 'og-everywhere-5678';
const PD_ENV = 'ACK_EVERYWHERE_PD_TOKEN';
const OG_ENV = 'ACK_EVERYWHERE_OG_KEY';
const ADA = { id: 'PADA', name: 'Ada Lovelace', email: 'ada@example.com', time_zone: 'Europe/London' };

const STARTS_AT = new Date(Date.now() - 60_000).toISOString();
const CHECKOUT: PostableAlert = { labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' }, startsAt: STARTS_AT };
/** What Alertmanager's pagerduty/opsgenie notifier titles the group (group_by: [alertname]) with its default template. */
const GROUP_TITLE = '[FIRING:1] HighErrorRate (checkout critical)';

interface UpstreamSilence {
  comment: string;
  matchers: Array<{ name: string; value: string }>;
  status: { state: string };
}

async function ackSilences(am: RunningAlertmanager): Promise<UpstreamSilence[]> {
  const silences = (await (await fetch(`${am.url}/api/v2/silences`)).json()) as UpstreamSilence[];
  return silences.filter((silence) => silence.comment.startsWith(ACK_COMMENT_PREFIX) && silence.status.state !== 'expired');
}

function config(am: RunningAlertmanager, onCall: string): string {
  return `sources:\n  - type: alertmanager\n    name: am\n    url: ${am.url}\n    interval: 1s\n    timeout: 2s\n${onCall}`;
}

function pagerDutySource(fake: PagerDutyFake): string {
  return `  - type: pagerduty\n    name: pd\n    baseUrl: ${fake.url}\n    token: { env: ${PD_ENV} }\n    interval: 10s\n`;
}

function opsgenieSource(fake: OpsgenieFake): string {
  return `  - type: opsgenie\n    name: og\n    baseUrl: ${fake.url}\n    token: { env: ${OG_ENV} }\n    interval: 10s\n    user: ada@example.com\n`;
}

async function checkoutAlert(host: EngineHost) {
  return waitFor(async () => host.engine.alerts().find((alert) => alert.name === 'HighErrorRate'), { description: 'the Alertmanager alert shown' });
}

async function allDelivered(host: EngineHost, ids: string[]) {
  return waitFor(
    async () => {
      const actions = host.engine.snapshot().actions.filter((action) => ids.includes(action.id));
      return actions.length === ids.length && actions.every((action) => action.state === 'delivered') ? actions : undefined;
    },
    { description: 'every action delivered', timeoutMs: 30_000 },
  );
}

describe('acknowledge everywhere: the on-call incident and its Alertmanager alerts in one action', () => {
  const folder = useTempFolder('occ-ack-everywhere-');
  let am: RunningAlertmanager | undefined;
  let pd: PagerDutyFake | undefined;
  let og: OpsgenieFake | undefined;
  let host: EngineHost | undefined;

  afterEach(async () => {
    await host?.stop();
    await pd?.close();
    await og?.close();
    await am?.stop();
    delete process.env[PD_ENV];
    delete process.env[OG_ENV];
    host = pd = og = am = undefined;
  });

  it('queues one PagerDuty acknowledge and one ack silence while both are down, and delivers each once after an engine restart', async () => {
    am = await startAlertmanager();
    pd = await PagerDutyFake.start({
      tokens: { [PD_TOKEN]: ADA.id },
      users: [ADA],
      incidents: [pdIncident(1, { title: GROUP_TITLE, assignments: [{ at: STARTS_AT, assignee: pdReference('user_reference', ADA.id, ADA.name) }] })],
    });
    process.env[PD_ENV] = PD_TOKEN;
    await postAlerts(am.url, [CHECKOUT]);
    const yaml = config(am, pagerDutySource(pd));
    host = await startTestHost({ dir: folder.dir, config: yaml });
    const first = host;
    const alert = await checkoutAlert(first);
    await waitFor(async () => first.engine.alert('pagerduty:PINC1'), { description: 'the incident shown' });

    await am.kill();
    await pd.close();
    const result = first.actions.acknowledgeEverywhere(alert.fingerprint, 'rolling back');
    expect(result.acknowledged.sort()).toEqual([alert.fingerprint, 'pagerduty:PINC1'].sort());
    expect(result.actions.map((action) => [action.target, action.action.kind]).sort()).toEqual([
      ['am', 'acknowledge'],
      ['pd', 'acknowledgeIncident'],
    ]);
    const ids = result.actions.map((action) => action.id);
    await waitFor(async () => (first.engine.snapshot().actions.filter((action) => ids.includes(action.id) && action.attempts > 0).length === 2 ? true : undefined), {
      description: 'both tried while down',
      timeoutMs: 20_000,
    });
    // Pressing it again changes nothing: both are taken already.
    expect(first.actions.acknowledgeEverywhere(alert.fingerprint)).toEqual({ acknowledged: [], actions: [] });
    await first.stop();
    host = undefined;

    await am.restart();
    await postAlerts(am.url, [CHECKOUT]);
    await pd.reopen();
    host = await startTestHost({ dir: folder.dir, config: yaml });
    const restarted = host;
    const delivered = await allDelivered(restarted, ids);

    const puts = pd.requestsTo('PUT', '/incidents/PINC1');
    const silences = await ackSilences(am);
    console.log(`acknowledge everywhere: ${puts.length} PUT(s) to PagerDuty, ${silences.length} ack silence(s), tries ${delivered.map((action) => action.attempts).join('/')}`);
    expect(puts).toHaveLength(1);
    expect(pd.incident('PINC1')!.status).toBe('acknowledged');
    expect(silences).toHaveLength(1);
    expect(silences[0]!.comment).toBe(`${ACK_COMMENT_PREFIX} rolling back`);
    expect(silences[0]!.matchers.map((matcher) => `${matcher.name}=${matcher.value}`).sort()).toEqual(['alertname=HighErrorRate', 'service=checkout', 'severity=critical']);
  });

  it('from the Opsgenie side: acknowledges the Opsgenie alert and the Alertmanager alert, each once', async () => {
    am = await startAlertmanager();
    og = await OpsgenieFake.start({ apiKeys: [OG_KEY], alerts: [ogAlert(1, { message: GROUP_TITLE })] });
    process.env[OG_ENV] = OG_KEY;
    await postAlerts(am.url, [CHECKOUT]);
    host = await startTestHost({ dir: folder.dir, config: config(am, opsgenieSource(og)) });
    const running = host;
    const alert = await checkoutAlert(running);
    const incident = await waitFor(async () => running.engine.alerts().find((candidate) => candidate.name === 'OpsgenieAlert'), { description: 'the Opsgenie alert shown' });

    og.dropAnswerOfNext(1);
    const result = running.actions.acknowledgeEverywhere(incident.fingerprint);
    expect(result.acknowledged.sort()).toEqual([alert.fingerprint, incident.fingerprint].sort());
    await allDelivered(running, result.actions.map((action) => action.id));

    const ogId = incident.fingerprint.slice('opsgenie:'.length);
    expect(og.requestsTo('POST', `/v2/alerts/${ogId}/acknowledge`)).toHaveLength(1);
    expect(og.alert(ogId)!.acknowledged).toBe(true);
    expect(await ackSilences(am)).toHaveLength(1);
  });

  it('resolves a PagerDuty incident once when the first answer is lost, and refuses an Alertmanager alert', async () => {
    am = await startAlertmanager();
    pd = await PagerDutyFake.start({ tokens: { [PD_TOKEN]: ADA.id }, users: [ADA], incidents: [pdIncident(1, { title: 'Checkout 5xx above 2%', assignments: [{ at: STARTS_AT, assignee: pdReference('user_reference', ADA.id, ADA.name) }] })] });
    process.env[PD_ENV] = PD_TOKEN;
    await postAlerts(am.url, [CHECKOUT]);
    host = await startTestHost({ dir: folder.dir, config: config(am, pagerDutySource(pd)) });
    const running = host;
    const alert = await checkoutAlert(running);
    await waitFor(async () => running.engine.alert('pagerduty:PINC1'), { description: 'the incident shown' });

    expect(() => running.actions.resolve(alert.fingerprint)).toThrow(/HighErrorRate comes from am: only PagerDuty incidents and Opsgenie alerts can be resolved/);

    pd.dropAnswerOfNext(1);
    const action = running.actions.resolve('pagerduty:PINC1', 'rolled back');
    expect(action).toMatchObject({ target: 'pd', summary: 'Resolve #1 "Checkout 5xx above 2%" in pd', action: { kind: 'resolveIncident', incidentId: 'PINC1' } });
    const [delivered] = await allDelivered(running, [action.id]);
    expect(delivered!.attempts).toBe(2);
    expect(pd.requestsTo('PUT', '/incidents/PINC1')).toHaveLength(1);
    expect(pd.incident('PINC1')!.status).toBe('resolved');
  });

  it('closes an Opsgenie alert once when the first answer is lost', async () => {
    am = await startAlertmanager();
    og = await OpsgenieFake.start({ apiKeys: [OG_KEY], alerts: [ogAlert(1, { message: 'Disk almost full' })] });
    process.env[OG_ENV] = OG_KEY;
    host = await startTestHost({ dir: folder.dir, config: config(am, opsgenieSource(og)) });
    const running = host;
    const incident = await waitFor(async () => running.engine.alerts().find((candidate) => candidate.name === 'OpsgenieAlert'), { description: 'the Opsgenie alert shown' });

    og.dropAnswerOfNext(1);
    const action = running.actions.resolve(incident.fingerprint, 'freed space');
    expect(action.summary).toMatch(/^Close .* in og$/);
    const [delivered] = await allDelivered(running, [action.id]);
    const ogId = incident.fingerprint.slice('opsgenie:'.length);
    expect(delivered!.attempts).toBe(2);
    expect(og.requestsTo('POST', `/v2/alerts/${ogId}/close`)).toHaveLength(1);
    expect(og.alert(ogId)!.status).toBe('closed');
  });
});
