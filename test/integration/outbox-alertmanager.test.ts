import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACK_COMMENT_PREFIX, type OutboxAction, type PendingAction, type SilenceMatcher } from '../../shared/actions';
import { createAlertmanagerDelivery, DEFAULT_ACK_COMMENT } from '../../electron/actions/alertmanager-delivery';
import { Outbox, type Deliver, type DeliveryContext } from '../../electron/actions/outbox';
import { matchersForAlert, sameMatchers } from '../../electron/actions/silence-list';
import { listSilences, type SourceSilence } from '../../electron/sources/alertmanager-silences';
import { makeAlert } from '../helpers/alerts';
import {
  createSilence as createSilenceDirectly,
  expireSilence as expireSilenceDirectly,
  startAlertmanager,
  waitFor,
  type RunningAlertmanager,
} from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('occ-outbox-am-');
const NEVER_BY_ITSELF = { initialMs: 3_600_000, maxMs: 3_600_000 };
const MINUTE = 60_000;

const diskFull = makeAlert({ name: 'DiskFull', labels: { alertname: 'DiskFull', severity: 'warning', instance: 'db-1' } });
const errors = makeAlert({ name: 'HighErrorRate', labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' } });

const acknowledge = (alert: typeof diskFull, comment: string): OutboxAction => ({
  kind: 'acknowledge',
  fingerprint: alert.fingerprint,
  alertName: alert.name,
  matchers: matchersForAlert(alert),
  comment,
  createdBy: 'alice',
  durationMs: 15 * MINUTE,
});

const silenceFor = (comment: string, overrides: Partial<Extract<OutboxAction, { kind: 'createSilence' }>> = {}): OutboxAction => ({
  kind: 'createSilence',
  matchers: [{ name: 'service', value: 'checkout|payments', isRegex: true, isEqual: true }],
  startsAt: new Date().toISOString(),
  endsAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
  comment,
  createdBy: 'bob',
  ...overrides,
});

/** The silence an action should leave upstream: what to count in Alertmanager's list. */
function expectedSilence(action: OutboxAction): { matchers: SilenceMatcher[]; comment: string; createdBy: string } {
  if (action.kind === 'expireSilence' || action.kind === 'acknowledgeIncident' || action.kind === 'resolveIncident') throw new Error(`a ${action.kind} action leaves no silence of its own`);
  const comment = action.kind === 'acknowledge' ? `${ACK_COMMENT_PREFIX} ${action.comment || DEFAULT_ACK_COMMENT}` : action.comment;
  return { matchers: action.matchers, comment, createdBy: action.createdBy };
}

function copiesOf(silences: SourceSilence[], action: OutboxAction): SourceSilence[] {
  const expected = expectedSilence(action);
  return silences.filter(
    (silence) => silence.comment === expected.comment && silence.createdBy === expected.createdBy && sameMatchers(silence.matchers, expected.matchers),
  );
}

interface Opened {
  outbox: Outbox;
  contexts: DeliveryContext[];
  log: string[];
}

const opened: Outbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((outbox) => outbox.stop()));
});

async function openOutbox(endpoints: () => string[], retry = { initialMs: 50, maxMs: 200 }): Promise<Opened> {
  const contexts: DeliveryContext[] = [];
  const log: string[] = [];
  const delivery = createAlertmanagerDelivery({ endpointsFor: endpoints, timeoutMs: 5_000 });
  const deliver: Deliver = (target, action, context) => {
    contexts.push(context);
    return delivery(target, action, context);
  };
  const outbox = await Outbox.open({ dir: folder.dir, deliver, log: (message) => log.push(message), retry });
  opened.push(outbox);
  return { outbox, contexts, log };
}

function waitForAction(outbox: Outbox, id: string, description: string, done: (action: PendingAction) => boolean): Promise<PendingAction> {
  return waitFor(async () => outbox.list().find((action) => action.id === id && done(action)), { description, timeoutMs: 20_000, intervalMs: 25 });
}

describe('the outbox delivering to a real Alertmanager', () => {
  let am: RunningAlertmanager;

  beforeAll(async () => {
    am = await startAlertmanager();
  });

  afterAll(async () => {
    await am?.stop();
  });

  it('offline: two acks and a silence queued while Alertmanager is down survive a restart of the outbox and arrive exactly once', async () => {
    await am.kill();
    const first = await openOutbox(() => [am.url]);
    const actions = [acknowledge(diskFull, 'replacing the disk'), acknowledge(errors, ''), silenceFor('offline: checkout deploy')];
    const queued = actions.map((action, index) => first.outbox.enqueue('am', action, `offline action ${index + 1}`));
    // In order: the first is tried (and fails), the others wait their turn.
    const tried = await waitForAction(first.outbox, queued[0]!.id, 'a failed try of the first action', (pending) => pending.lastError !== null);
    expect(tried.lastError).toMatch(/^connection refused at 127\.0\.0\.1:\d+/);
    expect(first.outbox.list().map((action) => action.state)).toEqual(['queued', 'queued', 'queued']);
    await first.outbox.stop();

    const second = await openOutbox(() => [am.url], NEVER_BY_ITSELF);
    expect(second.outbox.list().map((action) => action.id)).toEqual(queued.map((action) => action.id));
    await waitForAction(second.outbox, queued[0]!.id, 'the first try after the reopen', (pending) => pending.state === 'queued' && pending.attempts === 2);
    await am.restart();
    second.outbox.retryNow('am');
    const delivered = await Promise.all(queued.map((action) => waitForAction(second.outbox, action.id, `${action.summary} delivered`, (pending) => pending.state === 'delivered')));

    const held = await listSilences(am.url);
    actions.forEach((action, index) => {
      const copies = copiesOf(held, action);
      console.log(`offline action ${index + 1} (${action.kind}): Alertmanager holds ${copies.length} silence(s), tries ${delivered[index]!.attempts}`);
      expect(copies).toHaveLength(1);
      expect(copies[0]!.id).toBe(delivered[index]!.silenceId);
    });
    const ack = copiesOf(held, actions[0]!)[0]!;
    expect(ack.comment).toBe('ACK! replacing the disk');
    expect(copiesOf(held, actions[1]!)[0]!.comment).toBe(`ACK! ${DEFAULT_ACK_COMMENT}`);
    const ackMinutes = (Date.parse(ack.endsAt) - Date.parse(ack.startsAt)) / MINUTE;
    expect(ackMinutes).toBeGreaterThan(14);
    expect(ackMinutes).toBeLessThanOrEqual(15);
  });

  it('an unclear failure (the connection drops after Alertmanager took the POST) stays queued as uncertain; the next try finds the silence', async () => {
    const proxy = await startCuttingProxy(am.url);
    try {
      const { outbox, contexts } = await openOutbox(() => [proxy.url], NEVER_BY_ITSELF);
      const action = silenceFor('unclear: the answer was lost');
      const pending = outbox.enqueue('am', action, 'Silence through a flaky link');
      const failed = await waitForAction(outbox, pending.id, 'the cut-off try', (current) => current.lastError !== null);
      expect(failed).toMatchObject({ state: 'queued', attempts: 1 });
      expect(failed.lastError).toMatch(/^connection closed unexpectedly at 127\.0\.0\.1:\d+ \(POST \/api\/v2\/silences\)$/);
      expect(copiesOf(await listSilences(am.url), action)).toHaveLength(1);

      outbox.retryNow('am');
      const delivered = await waitForAction(outbox, pending.id, 'the second try', (current) => current.state === 'delivered');
      const copies = copiesOf(await listSilences(am.url), action);
      console.log(`unclear failure: POSTs that reached Alertmanager ${proxy.postsForwarded()}, silences it holds ${copies.length}, tries ${delivered.attempts}`);
      expect(contexts.map((context) => context.uncertain)).toEqual([false, true]);
      expect(proxy.postsForwarded()).toBe(1);
      expect(copies).toHaveLength(1);
      expect(delivered.silenceId).toBe(copies[0]!.id);
    } finally {
      await proxy.close();
    }
  });

  it('counts an identical active silence as already there, but not one that expired before the action was queued', async () => {
    const action = silenceFor('dedupe: same matchers, comment and author');
    const expected = expectedSilence(action);
    const expiredEarlier = await createSilenceDirectly(am.url, expected);
    await expireSilenceDirectly(am.url, expiredEarlier);
    const { outbox } = await openOutbox(() => [am.url]);
    const fresh = outbox.enqueue('am', action, 'Silence after an expired twin');
    const posted = await waitForAction(outbox, fresh.id, 'the fresh silence', (pending) => pending.state === 'delivered');
    expect(posted.silenceId).not.toBe(expiredEarlier);

    const again = outbox.enqueue('am', action, 'The same silence again');
    const deduplicated = await waitForAction(outbox, again.id, 'the repeated silence', (pending) => pending.state === 'delivered');
    const copies = copiesOf(await listSilences(am.url), action);
    console.log(`dedupe: copies in Alertmanager ${copies.length} (${copies.map((silence) => silence.state).sort().join(', ')})`);
    expect(deduplicated.silenceId).toBe(posted.silenceId);
    expect(copies.map((silence) => [silence.id, silence.state]).sort()).toEqual(
      [
        [expiredEarlier, 'expired'],
        [posted.silenceId, 'active'],
      ].sort(),
    );
  });

  it('posts a silence that only looks like an older one: an extension (new end), or the same text days later', async () => {
    const action = silenceFor('extend: same matchers, comment and author') as Extract<OutboxAction, { kind: 'createSilence' }>;
    const { outbox } = await openOutbox(() => [am.url]);
    const first = await waitForAction(outbox, outbox.enqueue('am', action, 'Silence for an hour').id, 'the first silence', (pending) => pending.state === 'delivered');
    const longer = { ...action, endsAt: new Date(Date.parse(action.endsAt) + 3 * 3_600_000).toISOString() };
    const extended = await waitForAction(outbox, outbox.enqueue('am', longer, 'Silence for four hours').id, 'the extension', (pending) => pending.state === 'delivered');
    expect(extended.silenceId).not.toBe(first.silenceId);
    const copies = copiesOf(await listSilences(am.url), action);
    console.log(`extension: copies in Alertmanager ${copies.length}, ends ${copies.map((silence) => silence.endsAt).sort().join(', ')}`);
    expect(copies.map((silence) => Date.parse(silence.endsAt)).sort()).toEqual([Date.parse(action.endsAt), Date.parse(longer.endsAt)]);
  });

  it('expires silences through the outbox; one Alertmanager does not know counts as done', async () => {
    const id = await createSilenceDirectly(am.url, { matchers: [{ name: 'job', value: 'batch' }], comment: 'to expire', createdBy: 'carol' });
    const { outbox } = await openOutbox(() => [am.url]);
    const expire = outbox.enqueue('am', { kind: 'expireSilence', silenceId: id }, 'Expire to-expire');
    const unknown = outbox.enqueue('am', { kind: 'expireSilence', silenceId: '00000000-0000-4000-8000-000000000000' }, 'Expire unknown');
    await waitForAction(outbox, unknown.id, 'both expiries done', (action) => action.state === 'delivered');
    expect(outbox.list().find((action) => action.id === expire.id)).toMatchObject({ state: 'delivered', silenceId: null });
    const state = (await listSilences(am.url)).find((silence) => silence.id === id)?.state;
    console.log(`expire through the outbox: silence now ${state}`);
    expect(state).toBe('expired');
  });

  it("a refused silence ends failed with the reason in words (Alertmanager's own, or an end already past), and the next action still goes", async () => {
    const { outbox } = await openOutbox(() => [am.url]);
    const badRegex = outbox.enqueue('am', silenceFor('refused: bad regex', { matchers: [{ name: 'service', value: 'checkout(', isRegex: true, isEqual: true }] }), 'Silence bad regex');
    const endsAt = new Date(Date.now() - MINUTE).toISOString();
    const ended = outbox.enqueue('am', silenceFor('refused: ended', { startsAt: new Date(Date.now() - 2 * MINUTE).toISOString(), endsAt }), 'Silence already ended');
    const fine = silenceFor('after the refusals');
    const after = outbox.enqueue('am', fine, 'Silence after');
    await waitForAction(outbox, after.id, 'the action after the refused ones', (action) => action.state === 'delivered');
    const [first, second] = [badRegex, ended].map((queued) => outbox.list().find((action) => action.id === queued.id)!);
    console.log(`refused: "${first!.lastError}" | "${second!.lastError}"`);
    expect(first).toMatchObject({ state: 'failed', attempts: 1 });
    expect(first!.lastError).toMatch(/^Alertmanager at 127\.0\.0\.1:\d+ refused the silence: silence invalid: invalid label matcher 0: invalid regular expression "checkout\(": error parsing regexp: missing closing \)/);
    expect(second).toMatchObject({ state: 'failed', lastError: `the silence would already have ended at ${endsAt}` });
    expect(copiesOf(await listSilences(am.url), fine)).toHaveLength(1);
  });
});

/**
 * An HTTP proxy on 127.0.0.1 that forwards everything to Alertmanager, except that for the first
 * POST of a silence it destroys the client's connection once Alertmanager has answered: the
 * silence exists, the client never hears so.
 */
async function startCuttingProxy(upstream: string): Promise<{ url: string; postsForwarded(): number; close(): Promise<void> }> {
  let posts = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const isPost = request.method === 'POST' && request.url === '/api/v2/silences';
      if (isPost) posts += 1;
      const cut = isPost && posts === 1;
      void fetch(`${upstream}${request.url ?? '/'}`, {
        method: request.method ?? 'GET',
        headers: { 'content-type': 'application/json' },
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      }).then(
        async (answer) => {
          const body = await answer.text();
          if (cut) return void request.socket.destroy();
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(body);
        },
        () => request.socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    postsForwarded: () => posts,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
