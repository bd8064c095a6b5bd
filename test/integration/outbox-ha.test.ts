import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxAction, PendingAction } from '../../shared/actions';
import { createAlertmanagerDelivery } from '../../electron/actions/alertmanager-delivery';
import { Outbox } from '../../electron/actions/outbox';
import { mergeSilences } from '../../electron/actions/silence-list';
import { AlertmanagerSource } from '../../electron/sources/alertmanager';
import type { SourceSilence } from '../../electron/sources/alertmanager-silences';
import { postAlerts, startAlertmanager, waitFor, type RunningAlertmanager } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('occ-outbox-ha-');

const silenceFor = (comment: string): OutboxAction => ({
  kind: 'createSilence',
  matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }],
  startsAt: new Date().toISOString(),
  endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  comment,
  createdBy: 'dave',
});

describe('the outbox and an HA pair of Alertmanagers gossiping', () => {
  let first: RunningAlertmanager;
  let second: RunningAlertmanager;
  let outbox: Outbox | undefined;

  beforeAll(async () => {
    first = await startAlertmanager({ cluster: {} });
    second = await startAlertmanager({ cluster: { peers: [first.clusterAddress!] } });
  });

  afterEach(async () => {
    await outbox?.stop();
    outbox = undefined;
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  async function openOutbox(): Promise<Outbox> {
    const deliver = createAlertmanagerDelivery({ endpointsFor: () => [first.url, second.url], timeoutMs: 5_000 });
    outbox = await Outbox.open({ dir: folder.dir, deliver, log: () => undefined, retry: { initialMs: 50, maxMs: 200 } });
    return outbox;
  }

  const delivered = (box: Outbox, id: string): Promise<PendingAction> =>
    waitFor(async () => box.list().find((action) => action.id === id && action.state === 'delivered'), { description: `action ${id} delivered`, timeoutMs: 20_000, intervalMs: 25 });

  async function silencesOf(server: RunningAlertmanager, name: string): Promise<SourceSilence[]> {
    const result = await new AlertmanagerSource({ name, url: server.url, silenced: true, inhibited: true }).fetchAlerts(AbortSignal.timeout(5_000));
    return result.silences ?? [];
  }

  it('posts a silence to one member only; both list it once after gossip, and the merged list shows one silence held by both', async () => {
    const box = await openOutbox();
    const pending = box.enqueue('prod-ha', silenceFor('ha: one copy'), 'Silence on the HA pair');
    const { silenceId } = await delivered(box, pending.id);
    await waitFor(async () => (await silencesOf(second, 'am-b')).some((silence) => silence.id === silenceId), { description: 'the silence gossiped to the second member' });

    const perSource = new Map([
      ['am-a', await silencesOf(first, 'am-a')],
      ['am-b', await silencesOf(second, 'am-b')],
    ]);
    const copies = [...perSource].map(([name, silences]) => [name, silences.filter((silence) => silence.comment === 'ha: one copy').length]);
    console.log(`HA pair: copies per member ${JSON.stringify(Object.fromEntries(copies))}`);
    expect(copies).toEqual([
      ['am-a', 1],
      ['am-b', 1],
    ]);
    await postAlerts(first.url, [{ labels: { alertname: 'CheckoutErrors', service: 'checkout' } }]);
    const alerts = (await new AlertmanagerSource({ name: 'am-a', url: first.url, silenced: true, inhibited: true }).fetchAlerts(AbortSignal.timeout(5_000))).alerts;
    const merged = mergeSilences(perSource, alerts.map((alert) => ({ ...alert, sources: ['am-a'], stale: false }))).filter((silence) => silence.comment === 'ha: one copy');
    console.log(`HA pair: merged list entries for the silence ${merged.length}, sources ${merged[0]?.sources.join('+')}`);
    expect(merged).toEqual([expect.objectContaining({ id: silenceId, sources: ['am-a', 'am-b'], matchedAlerts: [alerts[0]!.fingerprint] })]);
  });

  it('goes to the next member when the first does not answer, still exactly once', async () => {
    await first.kill();
    try {
      const box = await openOutbox();
      const pending = box.enqueue('prod-ha', silenceFor('ha: first member down'), 'Silence while a member is down');
      const { silenceId } = await delivered(box, pending.id);
      const onSecond = (await silencesOf(second, 'am-b')).filter((silence) => silence.comment === 'ha: first member down');
      console.log(`HA pair, first member down: copies on the second ${onSecond.length}`);
      expect(onSecond.map((silence) => silence.id)).toEqual([silenceId]);
    } finally {
      await first.restart();
    }
  });
});
