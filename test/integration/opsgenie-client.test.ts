import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryNotSentError } from '../../electron/actions/outbox';
import { deliverOpsgenieAcknowledge } from '../../electron/oncall/oncall-delivery';
import { OpsgenieClient, type OpsgenieClientOptions } from '../../electron/oncall/opsgenie-client';
import { RateLimitedError, RequestRefusedError, TokenRejectedError } from '../../electron/oncall/saas-errors';
import { ogAlert, OpsgenieFake, type OpsgenieFakeOptions } from '../helpers/saas-fakes/opsgenie-fake';

const KEY = 'eb243592-faa2-4ba2-a551-1afdf565c889';
const signal = () => AbortSignal.timeout(10_000);

const fakes: OpsgenieFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function startFake(options: Partial<OpsgenieFakeOptions> = {}): Promise<OpsgenieFake> {
  const fake = await OpsgenieFake.start({ apiKeys: [KEY], ...options });
  fakes.push(fake);
  return fake;
}

function clientFor(fake: OpsgenieFake, options: Partial<OpsgenieClientOptions> = {}): OpsgenieClient {
  return new OpsgenieClient({ apiKey: KEY, baseUrl: fake.url, ...options });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail, and it succeeded');
}

describe('Opsgenie open alerts', () => {
  it('reads all 230 open alerts over three pages by following paging.next, newest first, without the closed ones', async () => {
    const open = Array.from({ length: 230 }, (_, i) => ogAlert(i + 1));
    const closed = [ogAlert(500, { status: 'closed' }), ogAlert(501, { status: 'closed' })];
    const fake = await startFake({ alerts: [...closed, ...open] });

    const alerts = await clientFor(fake).listOpenAlerts();

    expect(alerts.map((alert) => alert.tinyId)).toEqual(open.map((alert) => alert.tinyId).reverse());
    const pages = fake.requestsTo('GET', '/v2/alerts');
    expect(pages.map((page) => [page.query.offset?.[0], page.query.limit?.[0]])).toEqual([
      ['0', '100'],
      ['100', '100'],
      ['200', '100'],
    ]);
    expect(pages.every((page) => page.query.query?.[0] === 'status:open')).toBe(true);
    // Pages after the first are the query of paging.next, sort and order included.
    expect(pages[1]?.query).toMatchObject({ sort: ['createdAt'], order: ['desc'] });
    expect(pages[0]?.headers.authorization).toBe('GenieKey <redacted>');
  });

  it('maps an alert', async () => {
    const fake = await startFake({ alerts: [ogAlert(1, { message: 'Checkout 5xx', priority: 'P1', tags: ['checkout'], count: 3 })] });
    expect(await clientFor(fake).listOpenAlerts()).toEqual([
      {
        id: 'alert-0001',
        tinyId: '1',
        alias: 'alias-1',
        message: 'Checkout 5xx',
        status: 'open',
        acknowledged: false,
        snoozed: false,
        priority: 'P1',
        tags: ['checkout'],
        owner: null,
        source: 'prometheus',
        count: 3,
        createdAt: '2026-11-01T00:01:00.000Z',
        updatedAt: '2026-11-01T00:01:00.000Z',
      },
    ]);
  });

  it('never sends the key to the host paging.next names, and drops an apiKey parameter from it', async () => {
    const fake = await startFake({ alerts: [ogAlert(1), ogAlert(2)] });
    fake.answerNext(1, { status: 200, body: { data: [ogAlert(2)], paging: { next: `https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=1&limit=1&apiKey=${KEY}` }, took: 0.1, requestId: 'r1' } });
    const alerts = await clientFor(fake, { pageSize: 1 }).listOpenAlerts();
    expect(alerts.map((alert) => alert.id)).toEqual(['alert-0002', 'alert-0001']);
    expect(fake.requests[1]?.query).toEqual({ query: ['status:open'], offset: ['1'], limit: ['1'] });
  });

  it('stops when paging.next does not move forward', async () => {
    const fake = await startFake({ alerts: [ogAlert(1)] });
    fake.answerNext(1, { status: 200, body: { data: [ogAlert(1)], paging: { next: `${fake.url}/v2/alerts?query=status%3Aopen&offset=0&limit=100` }, took: 0.1, requestId: 'r1' } });
    const error = await failure(clientFor(fake).listOpenAlerts());
    expect(error).toMatchObject({ kind: 'shape', message: "Opsgenie's paging.next does not move forward (offset 0 to 0); stopped paging" });
  });

  it.each([
    ['data that is not a list', { data: { id: 'x' }, took: 0.1, requestId: 'r' }, 'Opsgenie answered GET /v2/alerts in an unexpected shape: data: Invalid input: expected array, received object'],
    ['an unknown priority', { data: [{ ...ogAlert(1), priority: 'P9' }], took: 0.1, requestId: 'r' }, 'Opsgenie answered GET /v2/alerts in an unexpected shape: data.0.priority: Invalid option: expected one of "P1"|"P2"|"P3"|"P4"|"P5"'],
    ['HTML', '<html>maintenance</html>', 'Opsgenie answered GET /v2/alerts with something that is not JSON: <html>maintenance</html>'],
  ])('says clearly when the answer has %s', async (_case, body, message) => {
    const fake = await startFake();
    fake.answerNext(1, { status: 200, body });
    expect(await failure(clientFor(fake).listOpenAlerts())).toMatchObject({ kind: 'shape', message });
  });
});

describe('Opsgenie acknowledge', () => {
  it('acknowledges with a note; Opsgenie accepts it and reports it processed', async () => {
    const fake = await startFake({ alerts: [ogAlert(1)] });
    const client = clientFor(fake);

    const { requestId } = await client.acknowledge('alert-0001', { user: 'ada@example.com', note: 'Looking at the checkout pods' });

    expect(fake.alert('alert-0001')).toMatchObject({ acknowledged: true, owner: 'ada@example.com' });
    expect(fake.notes.get('alert-0001')).toEqual(['Looking at the checkout pods']);
    const [post] = fake.requestsTo('POST', '/v2/alerts/alert-0001/acknowledge');
    expect(post?.status).toBe(202);
    expect(post?.query).toEqual({ identifierType: ['id'] });
    expect(post?.body).toEqual({ user: 'ada@example.com', source: 'On-Call Companion', note: 'Looking at the checkout pods' });
    expect(await client.requestStatus(requestId)).toEqual({ processed: true, success: true, status: 'Acknowledged', alertId: 'alert-0001' });
  });

  it('tells a request Opsgenie has not processed yet from one it did', async () => {
    const fake = await startFake({ alerts: [ogAlert(1)], holdProcessing: true });
    const client = clientFor(fake);
    const { requestId } = await client.acknowledge('alert-0001', { user: 'ada@example.com' });
    expect(await client.requestStatus(requestId)).toEqual({ processed: false });
    fake.processPending();
    expect(await client.requestStatus(requestId)).toMatchObject({ processed: true, success: true });
    expect(fake.requestsTo('POST', '/v2/alerts/alert-0001/acknowledge')[0]?.body).toEqual({ user: 'ada@example.com', source: 'On-Call Companion' });
  });

  it('learns from the request status that the alert did not exist', async () => {
    const fake = await startFake();
    const client = clientFor(fake);
    const { requestId } = await client.acknowledge('alert-gone', { user: 'ada@example.com' });
    expect(await client.requestStatus(requestId)).toEqual({ processed: true, success: false, status: 'Alert does not exist', alertId: null });
  });

  it('waits out a 429 and acknowledges once', async () => {
    const fake = await startFake({ alerts: [ogAlert(1)] });
    fake.rateLimitNext(1, '1');
    await clientFor(fake).acknowledge('alert-0001', { user: 'ada@example.com', note: 'once' });
    const posts = fake.requestsTo('POST', '/v2/alerts/alert-0001/acknowledge');
    expect(posts.map((post) => post.status)).toEqual([429, 202]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(fake.notes.get('alert-0001')).toEqual(['once']);
  });

  it('acknowledges exactly once through delivery when the first answer is lost', async () => {
    const fake = await startFake({ alerts: [ogAlert(1)] });
    const client = clientFor(fake);
    const action = { alertId: 'alert-0001', user: 'ada@example.com', note: 'on it' };
    fake.dropAnswerOfNext(1);

    const lost = await failure(deliverOpsgenieAcknowledge(client, action, { uncertain: false, signal: signal() }));
    expect(lost).not.toBeInstanceOf(DeliveryNotSentError);
    expect(await deliverOpsgenieAcknowledge(client, action, { uncertain: true, signal: signal() })).toEqual({ sent: false });

    expect(fake.requestsTo('POST', '/v2/alerts/alert-0001/acknowledge')).toHaveLength(1);
    expect(fake.notes.get('alert-0001')).toEqual(['on it']);
  });

  it('delivers and returns the request id to track', async () => {
    const fake = await startFake({ alerts: [ogAlert(1)] });
    const delivery = await deliverOpsgenieAcknowledge(clientFor(fake), { alertId: 'alert-0001', user: 'ada@example.com' }, { uncertain: true, signal: signal() });
    expect(delivery).toEqual({ sent: true, requestId: expect.any(String) });
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v2/alerts/alert-0001', 'POST /v2/alerts/alert-0001/acknowledge']);
  });
});

describe('Opsgenie who is on call', () => {
  it('lists the participants of a schedule, and the users behind an escalation', async () => {
    const fake = await startFake({
      schedules: [
        {
          id: 'sched-1',
          name: 'Checkout primary',
          enabled: true,
          onCallParticipants: [
            { id: 'u1', name: 'ada@example.com', type: 'user' },
            { id: 'e1', name: 'Checkout escalation', type: 'escalation', onCallParticipants: [{ id: 'u2', name: 'bob@example.com', type: 'user' }] },
          ],
        },
      ],
    });
    const at = new Date('2026-11-26T15:00:00Z');
    const onCall = await clientFor(fake).whoIsOnCall('sched-1', { date: at });
    expect(onCall.schedule).toEqual({ id: 'sched-1', name: 'Checkout primary', enabled: true });
    expect(onCall.userNames).toEqual(['ada@example.com', 'bob@example.com']);
    expect(fake.requests[0]?.query).toEqual({ scheduleIdentifierType: ['id'], flat: ['false'], date: ['2026-11-26T15:00:00.000Z'] });
  });

  it('names a schedule Opsgenie does not know', async () => {
    const fake = await startFake();
    const error = await failure(clientFor(fake).whoIsOnCall('sched-x'));
    expect(error).toBeInstanceOf(RequestRefusedError);
    expect(error.message).toBe('Opsgenie refused GET /v2/schedules/sched-x/on-calls (HTTP 404): Schedule with identifier [sched-x] does not exist');
  });
});

describe('Opsgenie key rejected and rate limits', () => {
  it('turns 401 into a token-rejected error without retrying', async () => {
    const fake = await startFake();
    const error = await failure(new OpsgenieClient({ apiKey: 'not-a-valid-key', baseUrl: fake.url }).listOpenAlerts());
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect(error.message).toBe('token rejected by Opsgenie (401): Could not authenticate');
    expect(fake.requests).toHaveLength(1);
  });

  it('waits 1 s before retrying a 429 that does not say how long to wait', async () => {
    const fake = await startFake({ alerts: [ogAlert(1)] });
    fake.rateLimitNext(1, null);
    expect(await clientFor(fake).listOpenAlerts()).toHaveLength(1);
    expect(fake.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('gives up on a 429 that lasts, saying how long it asked to wait', async () => {
    const fake = await startFake();
    fake.rateLimitNext(3, '1');
    const error = await failure(clientFor(fake, { limits: { maxTries: 3 } }).whoIsOnCall('sched-1'));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.message).toBe('Opsgenie is rate limiting this client (HTTP 429): gave up after 3 tries; it asked to wait 1 s');
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[2]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(2000);
  });
});
