import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxAction, PendingAction } from '../../shared/actions';
import { DeliveryNotSentError, DeliveryRefusedError, Outbox, OUTBOX_FILE_NAME, type Deliver, type DeliveryContext } from '../../electron/actions/outbox';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('occ-outbox-');

const silenceAction = (comment: string): OutboxAction => ({
  kind: 'createSilence',
  matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }],
  startsAt: '2026-11-26T10:00:00.000Z',
  endsAt: '2026-11-26T12:00:00.000Z',
  comment,
  createdBy: 'alice',
});

interface Call {
  target: string;
  action: OutboxAction;
  context: DeliveryContext;
}

/** A deliver whose answers the test scripts: each call takes the next answer (a value, an error, or a promise to hold it). */
function scriptedDeliver(answers: Array<string | Error | Promise<string>>): { deliver: Deliver; calls: Call[] } {
  const calls: Call[] = [];
  const deliver: Deliver = async (target, action, context) => {
    calls.push({ target, action, context });
    const answer = answers.shift() ?? 'sil-default';
    const value = answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    // Like a real request, it gives up when the outbox stops.
    const aborted = new Promise<never>((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason as Error)));
    return { silenceId: await Promise.race([value, aborted]) };
  };
  return { deliver, calls };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** Resolves with the action once a `changed` event shows it in `state` (or at once if it already is). */
function waitForState(outbox: Outbox, id: string, state: PendingAction['state']): Promise<PendingAction> {
  const now = outbox.list().find((action) => action.id === id);
  if (now?.state === state) return Promise.resolve(now);
  return new Promise((resolve) => {
    const listener = (list: PendingAction[]) => {
      const found = list.find((action) => action.id === id);
      if (found?.state !== state) return;
      outbox.off('changed', listener);
      resolve(found);
    };
    outbox.on('changed', listener);
  });
}

const journalLines = () =>
  readFileSync(path.join(folder.dir, OUTBOX_FILE_NAME), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { v: number; type: string; id: string });

const opened: Outbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((outbox) => outbox.stop()));
});

async function open(deliver: Deliver, options: { retry?: { initialMs: number; maxMs: number }; now?: () => Date; log?: string[] } = {}): Promise<Outbox> {
  const log = options.log ?? [];
  const outbox = await Outbox.open({ dir: folder.dir, deliver, log: (message) => log.push(message), retry: options.retry ?? { initialMs: 5, maxMs: 20 }, ...(options.now ? { now: options.now } : {}) });
  opened.push(outbox);
  return outbox;
}

describe('Outbox', () => {
  it('writes an action to disk before enqueue returns, then delivers it and records the silence id', async () => {
    const { deliver, calls } = scriptedDeliver(['sil-1']);
    const outbox = await open(deliver);
    const states: string[] = [];
    outbox.on('changed', (list) => states.push(list[0]!.state));
    const pending = outbox.enqueue('am-prod', silenceAction('deploy'), 'Silence service="checkout" on am-prod');
    expect(journalLines()[0]).toEqual(expect.objectContaining({ v: 1, type: 'enqueued', id: pending.id }));
    expect(pending).toMatchObject({ state: 'queued', target: 'am-prod', attempts: 0, silenceId: null });

    const delivered = await waitForState(outbox, pending.id, 'delivered');
    expect(delivered).toMatchObject({ attempts: 1, silenceId: 'sil-1', lastError: null });
    expect(calls).toEqual([{ target: 'am-prod', action: silenceAction('deploy'), context: expect.objectContaining({ id: pending.id, uncertain: false }) }]);
    expect(states).toEqual(['queued', 'sending', 'delivered']);
    expect(journalLines().map((line) => line.type)).toEqual(['enqueued', 'attempt-started', 'delivered']);
    expect(journalLines().every((line) => line.v === 1)).toBe(true);
  });

  it('retries a transient failure with backoff; a failure that may have reached the server makes the next try uncertain', async () => {
    const { deliver, calls } = scriptedDeliver([new DeliveryNotSentError('connection refused at am:9093'), new Error('connection reset at am:9093'), 'sil-2']);
    const outbox = await open(deliver);
    const pending = outbox.enqueue('am', silenceAction('x'), 'Silence x');
    const delivered = await waitForState(outbox, pending.id, 'delivered');
    expect(delivered).toMatchObject({ attempts: 3, silenceId: 'sil-2' });
    expect(calls.map((call) => call.context.uncertain)).toEqual([false, false, true]);
  });

  it('waits out the backoff before trying a failing target again (later actions wait their turn), and tries at once on retryNow', async () => {
    const { deliver, calls } = scriptedDeliver([new Error('HTTP 503 Service Unavailable'), 'sil-a', 'sil-b']);
    const outbox = await open(deliver, { retry: { initialMs: 3_600_000, maxMs: 3_600_000 } });
    const first = outbox.enqueue('am', silenceAction('a'), 'Silence a');
    const failed = await waitForState(outbox, first.id, 'queued');
    expect(failed.lastError).toBe('HTTP 503 Service Unavailable');
    const second = outbox.enqueue('am', silenceAction('b'), 'Silence b');
    expect(calls).toHaveLength(1);
    expect(outbox.list().map((action) => action.state)).toEqual(['queued', 'queued']);

    outbox.retryNow('am');
    await waitForState(outbox, second.id, 'delivered');
    expect(calls.map((call) => (call.action as { comment: string }).comment)).toEqual(['a', 'a', 'b']);
    expect(outbox.list().map((action) => action.silenceId)).toEqual(['sil-a', 'sil-b']);
  });

  it('a retryNow that comes while a try is under way is not lost: if that try fails, the next goes at once', async () => {
    const held = deferred<string>();
    const failing = held.promise.then(() => Promise.reject(new Error('connection reset')));
    const { deliver, calls } = scriptedDeliver([failing, 'sil-1']);
    const outbox = await open(deliver, { retry: { initialMs: 3_600_000, maxMs: 3_600_000 } });
    const pending = outbox.enqueue('am', silenceAction('a'), 'Silence a');
    outbox.retryNow('am');
    held.resolve('');
    await waitForState(outbox, pending.id, 'delivered');
    expect(calls).toHaveLength(2);
  });

  it('marks a refusal for good as failed with its reason, and goes on with the next action', async () => {
    const { deliver } = scriptedDeliver([new DeliveryRefusedError('Alertmanager at am refused the silence: bad matcher'), 'sil-next']);
    const outbox = await open(deliver);
    const refused = outbox.enqueue('am', silenceAction('bad'), 'Silence bad');
    const next = outbox.enqueue('am', silenceAction('good'), 'Silence good');
    await waitForState(outbox, next.id, 'delivered');
    expect(outbox.list().find((action) => action.id === refused.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'Alertmanager at am refused the silence: bad matcher',
    });
  });

  it('cancels queued and failed actions, and refuses to cancel one being sent or already finished', async () => {
    const held = deferred<string>();
    const { deliver, calls } = scriptedDeliver([held.promise, new DeliveryRefusedError('no')]);
    const outbox = await open(deliver);
    const sending = outbox.enqueue('am', silenceAction('1'), 'Silence 1');
    const queued = outbox.enqueue('am', silenceAction('2'), 'Silence 2');
    await waitForState(outbox, sending.id, 'sending');
    expect(() => outbox.cancel(sending.id)).toThrow('"Silence 1" is being sent right now and cannot be cancelled');
    expect(outbox.cancel(queued.id)).toMatchObject({ state: 'cancelled' });
    expect(() => outbox.cancel(queued.id)).toThrow('"Silence 2" was already cancelled');
    expect(() => outbox.cancel('nope')).toThrow('no pending action with id nope');

    held.resolve('sil-1');
    await waitForState(outbox, sending.id, 'delivered');
    expect(() => outbox.cancel(sending.id)).toThrow('"Silence 1" was already delivered; expire the silence instead');
    expect(calls).toHaveLength(1);

    const refused = outbox.enqueue('am', silenceAction('3'), 'Silence 3');
    await waitForState(outbox, refused.id, 'failed');
    expect(outbox.cancel(refused.id)).toMatchObject({ state: 'cancelled' });
  });

  it('restores queued actions from disk after a reopen, in order, and delivers them', async () => {
    const down = scriptedDeliver([new DeliveryNotSentError('connection refused')]);
    const first = await open(down.deliver, { retry: { initialMs: 3_600_000, maxMs: 3_600_000 } });
    const a = first.enqueue('am', silenceAction('a'), 'Silence a');
    await waitForState(first, a.id, 'queued');
    const b = first.enqueue('am', silenceAction('b'), 'Silence b');
    await first.stop();

    const up = scriptedDeliver(['sil-a', 'sil-b']);
    const second = await open(up.deliver);
    await waitForState(second, b.id, 'delivered');
    expect(up.calls.map((call) => [call.context.id, call.context.uncertain])).toEqual([
      [a.id, false],
      [b.id, false],
    ]);
    expect(second.list().map(({ id, attempts }) => [id, attempts])).toEqual([
      [a.id, 2],
      [b.id, 1],
    ]);
  });

  it('queues an action cut off mid-request again, as uncertain (a kill leaves attempt-started last; so does stop)', async () => {
    const held = deferred<string>();
    const first = await open(scriptedDeliver([held.promise]).deliver);
    const cut = first.enqueue('am', silenceAction('cut'), 'Silence cut');
    await waitForState(first, cut.id, 'sending');
    await first.stop();
    expect(journalLines().map((line) => line.type)).toEqual(['enqueued', 'attempt-started']);

    const gate = deferred<string>();
    const again = scriptedDeliver([gate.promise]);
    const second = await open(again.deliver);
    expect(again.calls.map((call) => call.context.uncertain)).toEqual([true]);
    gate.resolve('sil-found');
    expect(await waitForState(second, cut.id, 'delivered')).toMatchObject({ attempts: 2, silenceId: 'sil-found' });
  });

  it('tolerates a torn last line: the complete records count, the torn one is reported and kept aside', async () => {
    const enqueued = { v: 1, type: 'enqueued', id: 'act-1', at: '2026-11-26T10:00:00.000Z', target: 'am', action: silenceAction('kept'), summary: 'Silence kept' };
    writeFileSync(path.join(folder.dir, OUTBOX_FILE_NAME), `${JSON.stringify(enqueued)}\n{"v":1,"type":"attempt-sta`);
    const log: string[] = [];
    const { deliver, calls } = scriptedDeliver(['sil-kept']);
    const outbox = await open(deliver, { log });
    await waitForState(outbox, 'act-1', 'delivered');
    expect(calls.map((call) => [call.context.id, call.context.uncertain])).toEqual([['act-1', false]]);
    expect(log).toContainEqual(expect.stringMatching(/line 2: the last line is incomplete/));
    expect(readFileSync(path.join(folder.dir, `${OUTBOX_FILE_NAME}.rejected`), 'utf8')).toContain('{"v":1,"type":"attempt-sta');
  });

  it('lists delivered actions for an hour, and drops finished actions older than a day from the journal at open', async () => {
    let now = new Date('2026-11-26T10:00:00.000Z');
    const clock = () => now;
    const outbox = await open(scriptedDeliver(['sil-1']).deliver, { now: clock });
    const done = outbox.enqueue('am', silenceAction('done'), 'Silence done');
    await waitForState(outbox, done.id, 'delivered');
    now = new Date('2026-11-26T10:59:00.000Z');
    expect(outbox.list().map((action) => action.id)).toEqual([done.id]);
    now = new Date('2026-11-26T11:01:00.000Z');
    expect(outbox.list()).toEqual([]);
    await outbox.stop();

    now = new Date('2026-11-27T11:00:00.000Z');
    const down = scriptedDeliver([new DeliveryNotSentError('offline')]);
    const reopened = await open(down.deliver, { now: clock, retry: { initialMs: 3_600_000, maxMs: 3_600_000 } });
    expect(journalLines()).toEqual([]);
    const waiting = reopened.enqueue('am', silenceAction('later'), 'Silence later');
    await waitForState(reopened, waiting.id, 'queued');
    expect(reopened.list().map((action) => action.id)).toEqual([waiting.id]);
  });
});
