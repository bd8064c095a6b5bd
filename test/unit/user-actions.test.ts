import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxAction, PendingAction, Silence } from '../../shared/actions';
import type { Alert } from '../../shared/model';
import { AcknowledgementLog } from '../../electron/actions/acknowledgement-log';
import { Outbox, type Deliver } from '../../electron/actions/outbox';
import { UserActions } from '../../electron/actions/user-actions';
import { AppConfigSchema } from '../../electron/config/config-schema';
import { makeAlert } from '../helpers/alerts';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('occ-user-actions-');

const NOW = new Date('2026-11-26T10:30:00.000Z');

/** Two members of the HA pair "prod", two independent Alertmanagers, and a Prometheus. */
const SOURCES = [
  { type: 'alertmanager', name: 'am-a', url: 'http://127.0.0.1:9093', cluster: 'prod' },
  { type: 'alertmanager', name: 'am-b', url: 'http://127.0.0.1:9094', cluster: 'prod' },
  { type: 'alertmanager', name: 'am-east', url: 'http://127.0.0.1:9095' },
  { type: 'alertmanager', name: 'am-west', url: 'http://127.0.0.1:9096' },
  { type: 'prometheus', name: 'prom', url: 'http://127.0.0.1:9090' },
];

interface DeliverCall {
  target: string;
  action: OutboxAction;
}

/** A deliver that records its calls and answers only when the test says so (it gives up when the outbox stops). */
function heldDeliver() {
  const calls: DeliverCall[] = [];
  const answers: Array<(silenceId: string) => void> = [];
  const deliver: Deliver = (target, action, context) => {
    calls.push({ target, action });
    return new Promise((resolve, reject) => {
      answers.push((silenceId) => resolve({ silenceId }));
      context.signal.addEventListener('abort', () => reject(context.signal.reason as Error));
    });
  };
  return { deliver, calls, answer: (silenceId: string) => answers.shift()!(silenceId) };
}

const outboxes: Outbox[] = [];
afterEach(async () => {
  await Promise.all(outboxes.splice(0).map((outbox) => outbox.stop()));
});

async function openActions(options: { config?: Record<string, unknown>; alerts?: Alert[]; silences?: Silence[] } = {}) {
  const held = heldDeliver();
  const log = (message: string) => void message;
  const outbox = await Outbox.open({ dir: folder.dir, deliver: held.deliver, log, now: () => NOW, deliverOnOpen: false });
  outboxes.push(outbox);
  const acknowledgements = await AcknowledgementLog.open(folder.dir, log, { now: () => NOW });
  const config = AppConfigSchema.parse({ sources: SOURCES, ...options.config });
  const alerts = options.alerts ?? [];
  const actions = new UserActions({
    outbox,
    acknowledgements,
    config: () => config,
    alert: (fingerprint) => alerts.find((alert) => alert.fingerprint === fingerprint),
    silences: () => options.silences ?? [],
    author: () => 'alice',
    now: () => NOW,
  });
  return { actions, outbox, held };
}

function whenDelivered(outbox: Outbox, id: string): Promise<PendingAction> {
  return new Promise((resolve) => {
    const listener = (list: PendingAction[]) => {
      const found = list.find((action) => action.id === id);
      if (found?.state !== 'delivered') return;
      outbox.off('changed', listener);
      resolve(found);
    };
    outbox.on('changed', listener);
  });
}

const onHaPair = makeAlert({ fingerprint: 'fp-ha', sources: ['am-a', 'am-b'] });
const onBothIndependents = makeAlert({ fingerprint: 'fp-both', sources: ['am-east', 'am-west'] });
const onPrometheusOnly = makeAlert({ fingerprint: 'fp-prom', sources: ['prom'] });
const matcher = { name: 'service', value: 'checkout', isRegex: false, isEqual: true };

describe('acknowledging an alert', () => {
  it('sends an "ACK!" silence lasting the configured acknowledgement.duration', async () => {
    const { actions, outbox, held } = await openActions({ config: { acknowledgement: { duration: '5m' } }, alerts: [onHaPair] });
    const { action } = actions.acknowledge('fp-ha', 'looking');
    expect(action?.action).toMatchObject({ kind: 'acknowledge', durationMs: 5 * 60_000, comment: 'looking', createdBy: 'alice' });
    expect(outbox.list().map((queued) => queued.action)).toEqual([expect.objectContaining({ durationMs: 5 * 60_000 })]);
    expect(held.calls.map((call) => call.action)).toEqual([expect.objectContaining({ durationMs: 5 * 60_000 })]);
  });

  it('queues nothing and stays local when acknowledgement.upstream is false', async () => {
    const { actions, outbox, held } = await openActions({ config: { acknowledgement: { upstream: false } }, alerts: [onHaPair] });
    const { acknowledgement, action } = actions.acknowledge('fp-ha', 'looking');
    expect(action).toBeNull();
    expect(acknowledgement).toEqual({ by: 'alice', at: NOW.toISOString(), comment: 'looking', delivery: 'local', silenceId: null, expiresAt: null });
    expect(outbox.list()).toEqual([]);
    expect(held.calls).toEqual([]);
  });

  it('sends one action to the cluster for an alert both members of an HA pair report', async () => {
    const { actions, outbox, held } = await openActions({ alerts: [onHaPair] });
    const { action } = actions.acknowledge('fp-ha');
    expect(action?.target).toBe('prod');
    expect(outbox.list().map((queued) => queued.target)).toEqual(['prod']);
    expect(held.calls.map((call) => call.target)).toEqual(['prod']);
  });

  it('sends one action to each of two independent Alertmanagers reporting the alert', async () => {
    const { actions, outbox } = await openActions({ alerts: [onBothIndependents] });
    actions.acknowledge('fp-both');
    expect(outbox.list().map((queued) => queued.target).sort()).toEqual(['am-east', 'am-west']);
  });

  it('keeps the acknowledgement local for an alert only a Prometheus reports', async () => {
    const { actions, outbox } = await openActions({ alerts: [onPrometheusOnly] });
    const { acknowledgement, action } = actions.acknowledge('fp-prom', 'on it');
    expect(action).toBeNull();
    expect(acknowledgement.delivery).toBe('local');
    expect(outbox.list()).toEqual([]);
  });

  it('is queued until the outbox delivers it, then sent, ending the configured duration after delivery', async () => {
    const { actions, outbox, held } = await openActions({ config: { acknowledgement: { duration: '20m' } }, alerts: [onHaPair] });
    const { acknowledgement, action } = actions.acknowledge('fp-ha', 'looking');
    expect(acknowledgement).toMatchObject({ delivery: 'queued', silenceId: null, expiresAt: null });

    const delivered = whenDelivered(outbox, action!.id);
    held.answer('s1');
    const { deliveredAt } = await delivered;
    expect(deliveredAt).toBe(NOW.toISOString());
    expect(actions.acknowledgementFor(onHaPair)).toEqual({
      by: 'alice',
      at: NOW.toISOString(),
      comment: 'looking',
      delivery: 'sent',
      silenceId: 's1',
      expiresAt: new Date(NOW.getTime() + 20 * 60_000).toISOString(),
    });
  });

  it('names the alert when it is not shown', async () => {
    const { actions } = await openActions();
    expect(() => actions.acknowledge('fp-gone')).toThrow('no alert with fingerprint "fp-gone" is shown now');
  });
});

describe("a teammate's acknowledgement", () => {
  const teammateAck: Silence = {
    id: 'ack-bob',
    sources: ['am-a', 'am-b'],
    // Matchers that no longer match the labels: the alert's silencedBy is what ties them.
    matchers: [{ name: 'service', value: 'renamed', isRegex: false, isEqual: true }],
    startsAt: '2026-11-26T10:10:00.000Z',
    endsAt: '2026-11-26T10:25:00.000Z',
    createdBy: 'bob',
    comment: 'ACK! rolling back',
    state: 'active',
    acknowledgement: true,
    matchedAlerts: [],
  };
  const muted = makeAlert({ fingerprint: 'fp-muted', sources: ['am-a', 'am-b'], state: 'suppressed', silencedBy: ['ack-bob'] });

  it('is reported from its upstream "ACK!" silence when there is no local acknowledgement', async () => {
    const { actions } = await openActions({ alerts: [muted], silences: [teammateAck] });
    expect(actions.acknowledgementFor(muted)).toEqual({
      by: 'bob',
      at: '2026-11-26T10:10:00.000Z',
      comment: 'rolling back',
      delivery: 'sent',
      silenceId: 'ack-bob',
      expiresAt: '2026-11-26T10:25:00.000Z',
    });
  });

  it('gives way to a local acknowledgement of the same episode', async () => {
    const { actions } = await openActions({ alerts: [muted], silences: [teammateAck] });
    actions.acknowledge('fp-muted', 'me too');
    expect(actions.acknowledgementFor(muted)).toMatchObject({ by: 'alice', comment: 'me too', delivery: 'queued' });
  });
});

describe('silences', () => {
  const endsAt = '2026-11-26T12:00:00.000Z';

  it('are created on the cluster of the Alertmanager named', async () => {
    const { actions } = await openActions();
    const action = actions.createSilence({ source: 'am-b', matchers: [matcher], endsAt, comment: 'deploy', createdBy: 'alice' });
    expect(action.target).toBe('prod');
    expect(action.action).toEqual({ kind: 'createSilence', matchers: [matcher], startsAt: NOW.toISOString(), endsAt, comment: 'deploy', createdBy: 'alice' });
  });

  it('cannot be created on a Prometheus source or an unknown source, and the error names it', async () => {
    const { actions, outbox } = await openActions();
    expect(() => actions.createSilence({ source: 'prom', matchers: [matcher], endsAt, comment: 'x', createdBy: 'alice' })).toThrow(
      'source "prom" is a prometheus source; silences live in an Alertmanager',
    );
    expect(() => actions.createSilence({ source: 'nope', matchers: [matcher], endsAt, comment: 'x', createdBy: 'alice' })).toThrow(
      'no source named "nope" in the config',
    );
    expect(outbox.list()).toEqual([]);
  });

  it('cannot end before they start', async () => {
    const { actions, outbox } = await openActions();
    const input = { source: 'am-a', matchers: [matcher], startsAt: '2026-11-26T12:00:00.000Z', endsAt: '2026-11-26T11:00:00.000Z', comment: 'x', createdBy: 'alice' };
    expect(() => actions.createSilence(input)).toThrow('endsAt 2026-11-26T11:00:00.000Z must be after startsAt 2026-11-26T12:00:00.000Z');
    expect(outbox.list()).toEqual([]);
  });

  it('are expired on the cluster of the Alertmanager named', async () => {
    const { actions, held } = await openActions();
    const action = actions.expireSilence('am-a', 'sil-9');
    expect(action).toMatchObject({ target: 'prod', action: { kind: 'expireSilence', silenceId: 'sil-9' } });
    expect(held.calls).toEqual([{ target: 'prod', action: { kind: 'expireSilence', silenceId: 'sil-9' } }]);
  });
});
