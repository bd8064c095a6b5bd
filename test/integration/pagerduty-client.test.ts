import { afterEach, describe, expect, it } from 'vitest';
import { PagerDutyClient, type PagerDutyClientOptions } from '../../electron/oncall/pagerduty-client';
import { myShift } from '../../electron/oncall/pagerduty-shift';
import { RateLimitedError, RequestRefusedError, TokenRejectedError, certainlyNotApplied } from '../../electron/oncall/saas-errors';
import { SourceError } from '../../electron/sources/http-json';
import { PagerDutyFake, pdError, pdIncident, pdReference, type PagerDutyFakeOptions, type PdOnCall } from '../helpers/saas-fakes/pagerduty-fake';
import { waitFor } from '../helpers/servers';

const TOKEN = 'u+pdUserToken0123';
const ACCOUNT_TOKEN = 'pdAccountToken0123';
const ADA = { id: 'PADA', name: 'Ada Lovelace', email: 'ada@example.com', time_zone: 'Europe/London' };
const BOB = { id: 'PBOB', name: 'Bob Page', email: 'bob@example.com', time_zone: 'UTC' };

const fakes: PagerDutyFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function startFake(options: Partial<PagerDutyFakeOptions> = {}): Promise<PagerDutyFake> {
  const fake = await PagerDutyFake.start({ tokens: { [TOKEN]: ADA.id, [ACCOUNT_TOKEN]: null }, users: [ADA, BOB], ...options });
  fakes.push(fake);
  return fake;
}

function clientFor(fake: PagerDutyFake, options: Partial<PagerDutyClientOptions> = {}): PagerDutyClient {
  return new PagerDutyClient({ token: TOKEN, baseUrl: fake.url, ...options });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail, and it succeeded');
}

const assignedToAda = { assignments: [{ at: '2026-11-01T00:00:00Z', assignee: pdReference('user_reference', ADA.id, ADA.name) }] };

describe('PagerDuty incidents', () => {
  it('reads all 230 open incidents over three pages of 100, in order, and leaves resolved ones out', async () => {
    const open = Array.from({ length: 230 }, (_, i) => pdIncident(i + 1, { status: i % 3 === 0 ? 'acknowledged' : 'triggered' }));
    const resolved = [1001, 1002].map((n) => pdIncident(n, { status: 'resolved' }));
    const fake = await startFake({ incidents: [...open.slice(0, 100), ...resolved, ...open.slice(100)] });

    const incidents = await clientFor(fake).listIncidents({ statuses: ['triggered', 'acknowledged'] });

    expect(incidents.map((incident) => incident.incidentNumber)).toEqual(open.map((incident) => incident.incident_number));
    const pages = fake.requestsTo('GET', '/incidents');
    expect(pages.map((page) => [page.query.offset, page.query.limit])).toEqual([
      [['0'], ['100']],
      [['100'], ['100']],
      [['200'], ['100']],
    ]);
    expect(pages[0]?.query['statuses[]']).toEqual(['triggered', 'acknowledged']);
    expect(pages[0]?.headers.authorization).toBe('Token token=<redacted>');
    expect(pages[0]?.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
  });

  it("finds an incident open for six weeks (PagerDuty's default search covers one month)", async () => {
    const old = pdIncident(7, { created_at: new Date(Date.now() - 42 * 86_400_000).toISOString() });
    const fake = await startFake({ incidents: [old] });
    const incidents = await clientFor(fake).listIncidents({ statuses: ['triggered'] });
    expect(incidents.map((incident) => incident.id)).toEqual([old.id]);
    expect(fake.requests[0]?.query.date_range).toEqual(['all']);
  });

  it('filters by assigned users and teams, and maps the incident', async () => {
    const team = pdReference('team_reference', 'PTEAM', 'Payments');
    const fake = await startFake({
      incidents: [
        pdIncident(1, { ...assignedToAda, title: 'Checkout 5xx', urgency: 'low' }),
        pdIncident(2, { teams: [team] }),
        pdIncident(3),
      ],
    });
    const client = clientFor(fake);

    const mine = await client.listIncidents({ statuses: ['triggered'], userIds: [ADA.id] });
    const ours = await client.listIncidents({ statuses: ['triggered'], teamIds: ['PTEAM'] });

    expect(mine).toEqual([
      {
        id: 'PINC1',
        incidentNumber: 1,
        title: 'Checkout 5xx',
        incidentKey: null,
        status: 'triggered',
        urgency: 'low',
        service: { id: 'PSVC1', name: 'Checkout API' },
        htmlUrl: 'https://acme.pagerduty.com/incidents/PINC1',
        createdAt: '2026-11-01T00:01:00.000Z',
        assignments: [{ at: '2026-11-01T00:00:00.000Z', assignee: { id: ADA.id, name: ADA.name } }],
        escalationPolicy: { id: 'PEP1', name: 'Checkout on-call' },
        teams: [],
      },
    ]);
    expect(ours.map((incident) => incident.id)).toEqual(['PINC2']);
    expect(fake.requests.map((request) => [request.query['user_ids[]'], request.query['team_ids[]']])).toEqual([
      [[ADA.id], undefined],
      [undefined, ['PTEAM']],
    ]);
  });
});

describe('PagerDuty acknowledge and resolve', () => {
  it('acknowledges with PUT /incidents/{id} and the From header, and the incident changes upstream', async () => {
    const fake = await startFake({ incidents: [pdIncident(1, assignedToAda)] });

    const incident = await clientFor(fake).acknowledge('PINC1', ADA.email);

    expect(incident.status).toBe('acknowledged');
    expect(fake.incident('PINC1')?.status).toBe('acknowledged');
    expect(fake.incident('PINC1')?.acknowledgements.map((ack) => ack.acknowledger.id)).toEqual([ADA.id]);
    const [put] = fake.requestsTo('PUT', '/incidents/PINC1');
    expect(put?.headers.from).toBe(ADA.email);
    expect(put?.headers['content-type']).toBe('application/json');
    expect(put?.body).toEqual({ incident: { type: 'incident_reference', status: 'acknowledged' } });
  });

  it('resolves, and acknowledging it afterwards is refused for good in their words', async () => {
    const fake = await startFake({ incidents: [pdIncident(1, assignedToAda)] });
    const client = clientFor(fake);

    expect((await client.resolve('PINC1', BOB.email)).status).toBe('resolved');
    expect(fake.incident('PINC1')?.status).toBe('resolved');
    expect(fake.requestsTo('PUT', '/incidents/PINC1')[0]?.headers.from).toBe(BOB.email);

    const error = await failure(client.acknowledge('PINC1', ADA.email));
    expect(error).toBeInstanceOf(RequestRefusedError);
    expect(error.message).toBe('PagerDuty refused PUT /incidents/PINC1 (HTTP 400): Incident Already Resolved (code 1001)');
    expect(certainlyNotApplied(error)).toBe(true);
  });

  it('says which incident PagerDuty does not know', async () => {
    const fake = await startFake();
    const error = await failure(clientFor(fake).acknowledge('PNOPE', ADA.email));
    expect(error).toMatchObject({ name: 'RequestRefusedError', status: 404, message: 'PagerDuty refused PUT /incidents/PNOPE (HTTP 404): Not Found (code 2100)' });
  });

  it('does not send an action without a From address, and says nothing was sent', async () => {
    const fake = await startFake({ incidents: [pdIncident(1)] });
    const error = await failure(clientFor(fake).resolve('PINC1', ''));
    expect(error.message).toBe('PagerDuty needs the email address of a PagerDuty user to resolve an incident, got ""');
    expect(error).toMatchObject({ notSent: true });
    expect(fake.requests).toEqual([]);
  });
});

describe('PagerDuty rate limits (HTTP 429)', () => {
  it('waits as long as Retry-After says (seconds), then carries on paging', async () => {
    const fake = await startFake({ incidents: Array.from({ length: 150 }, (_, i) => pdIncident(i + 1)) });
    fake.rateLimitNext(2, '1');

    const incidents = await clientFor(fake).listIncidents({ statuses: ['triggered'] });

    expect(incidents).toHaveLength(150);
    const tries = fake.requestsTo('GET', '/incidents');
    expect(tries.map((request) => [request.status, request.query.offset?.[0]])).toEqual([
      [429, '0'],
      [429, '0'],
      [200, '0'],
      [200, '100'],
    ]);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('waits until the HTTP date Retry-After names', async () => {
    const fake = await startFake({ incidents: [pdIncident(1)] });
    let until = 0;
    fake.rateLimitNext(1, () => {
      const date = new Date(Date.now() + 2000).toUTCString();
      until = Date.parse(date);
      return date;
    });

    await clientFor(fake).listIncidents({ statuses: ['triggered'] });

    const [limited, retried] = fake.requests;
    expect(limited?.status).toBe(429);
    expect(retried?.at).toBeGreaterThanOrEqual(until);
  });

  it('gives up after the allowed tries and says how long it was asked to wait', async () => {
    const fake = await startFake();
    fake.rateLimitNext(5, '1');
    const error = await failure(clientFor(fake, { limits: { maxTries: 2 } }).listIncidents({ statuses: ['triggered'] }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ tries: 2, retryAfterMs: 1000, kind: 'http' });
    expect(error.message).toBe('PagerDuty is rate limiting this client (HTTP 429): gave up after 2 tries; it asked to wait 1 s');
    expect(fake.requests).toHaveLength(2);
  });

  it("gives up at once when asked to wait longer than allowed, reading PagerDuty's ratelimit-reset without Retry-After", async () => {
    const fake = await startFake();
    fake.rateLimitNext(1, null);
    const error = await failure(clientFor(fake, { limits: { maxWaitMs: 5000 } }).listIncidents({ statuses: ['triggered'] }));
    expect(error).toMatchObject({ name: 'RateLimitedError', retryAfterMs: 20_000, tries: 1 });
    expect(error.message).toBe('PagerDuty is rate limiting this client (HTTP 429): it asked to wait 20 s, longer than the 5 s this app waits; try again later');
    expect(fake.requests).toHaveLength(1);
  });

  it('stops waiting when the caller cancels', async () => {
    const fake = await startFake();
    fake.rateLimitNext(1, '30');
    const controller = new AbortController();
    const pending = failure(clientFor(fake).listIncidents({ statuses: ['triggered'] }, { signal: controller.signal }));
    await waitFor(async () => fake.requests.length === 1, { description: 'the first, rate-limited request' });
    await waitFor(async () => fake.requests[0]!.status === 429, { description: 'the 429 answer' });
    controller.abort();
    const error = await pending;
    expect(error.message).toBe(`request to PagerDuty at ${new URL(fake.url).host} was cancelled while waiting 30 s as it asked (HTTP 429)`);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('PagerDuty token rejected', () => {
  it('turns 401 into a token-rejected error in their words, without retrying', async () => {
    const fake = await startFake();
    const error = await failure(new PagerDutyClient({ token: 'wrong-token-1234', baseUrl: fake.url }).listIncidents({ statuses: ['triggered'] }));
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect(error).toMatchObject({ service: 'PagerDuty', status: 401, kind: 'api' });
    expect(error.message).toBe('token rejected by PagerDuty (401): Authentication failed (code 2006)');
    expect(fake.requests).toHaveLength(1);
  });

  it('treats 403 the same way, also for actions', async () => {
    const fake = await startFake({ incidents: [pdIncident(1)] });
    fake.answerNext(1, pdError(403, 'Access Denied', 2010));
    const error = await failure(clientFor(fake).acknowledge('PINC1', ADA.email));
    expect(error).toMatchObject({ name: 'TokenRejectedError', status: 403, message: 'token rejected by PagerDuty (403): Access Denied (code 2010)' });
    expect(certainlyNotApplied(error)).toBe(true);
    expect(fake.incident('PINC1')?.status).toBe('triggered');
    expect(fake.requests).toHaveLength(1);
  });

  it('reads a 401 whose body is not JSON', async () => {
    const fake = await startFake();
    fake.answerNext(1, { status: 401, body: '<html>Unauthorized</html>' });
    const error = await failure(clientFor(fake).currentUser());
    expect(error.message).toBe('token rejected by PagerDuty (401): <html>Unauthorized</html>');
  });
});

describe('PagerDuty on-call', () => {
  const checkout = pdReference('escalation_policy_reference', 'PEP1', 'Checkout on-call');
  const payments = pdReference('escalation_policy_reference', 'PEP2', 'Payments on-call');
  const schedule = pdReference('schedule_reference', 'PSCHED', 'Primary');
  const ada = pdReference('user_reference', ADA.id, ADA.name);
  const bob = pdReference('user_reference', BOB.id, BOB.name);
  const entry = (user: typeof ada, policy: typeof checkout, start: string, end: string): PdOnCall => ({ user, escalation_policy: policy, escalation_level: 1, schedule, start, end });
  const oncalls = [
    entry(bob, checkout, '2026-11-26T00:00:00Z', '2026-11-26T12:00:00Z'),
    entry(ada, checkout, '2026-11-26T12:00:00Z', '2026-11-27T00:00:00Z'),
    entry(bob, checkout, '2026-11-27T00:00:00Z', '2026-11-27T12:00:00Z'),
    entry(ada, checkout, '2026-12-03T12:00:00Z', '2026-12-04T00:00:00Z'),
    entry(ada, payments, '2026-12-20T00:00:00Z', '2026-12-21T00:00:00Z'),
  ];

  it('knows who I am, whether I am on call now, until when, and when my next shift starts', async () => {
    const fake = await startFake({ oncalls });
    const client = clientFor(fake);
    const now = new Date('2026-11-26T15:00:00Z');

    const me = await client.currentUser();
    const window = await client.oncalls({ escalationPolicyIds: ['PEP1'], since: now, until: new Date('2026-12-10T00:00:00Z') });
    const shift = myShift(window, me.id, now);

    expect(me).toEqual({ id: ADA.id, name: ADA.name, email: ADA.email, timeZone: 'Europe/London', htmlUrl: `https://acme.pagerduty.com/users/${ADA.id}` });
    expect(window.map((oncall) => `${oncall.user.name} ${oncall.start}`)).toEqual([
      'Ada Lovelace 2026-11-26T12:00:00.000Z',
      'Bob Page 2026-11-27T00:00:00.000Z',
      'Ada Lovelace 2026-12-03T12:00:00.000Z',
    ]);
    expect(shift).toEqual({
      current: { since: '2026-11-26T12:00:00.000Z', until: '2026-11-27T00:00:00.000Z', policies: [{ escalationPolicy: { id: 'PEP1', name: 'Checkout on-call' }, escalationLevel: 1 }] },
      nextStartsAt: '2026-12-03T12:00:00.000Z',
    });
    const [request] = fake.requestsTo('GET', '/oncalls');
    expect(request?.query).toMatchObject({ since: ['2026-11-26T15:00:00.000Z'], until: ['2026-12-10T00:00:00.000Z'], 'escalation_policy_ids[]': ['PEP1'] });
  });

  it('pages through on-calls as well', async () => {
    const many = Array.from({ length: 130 }, (_, i) => entry(i % 2 ? ada : bob, checkout, new Date(Date.UTC(2026, 10, 26, i)).toISOString(), new Date(Date.UTC(2026, 10, 26, i + 1)).toISOString()));
    const fake = await startFake({ oncalls: many });
    const window = await clientFor(fake).oncalls({ since: new Date('2026-11-26T00:00:00Z'), until: new Date('2026-12-26T00:00:00Z') });
    expect(window).toHaveLength(130);
    expect(fake.requests.map((request) => request.query.offset?.[0])).toEqual(['0', '100']);
  });

  it('says an account-wide token has no current user', async () => {
    const fake = await startFake();
    const error = await failure(new PagerDutyClient({ token: ACCOUNT_TOKEN, baseUrl: fake.url }).currentUser());
    expect(error.message).toBe('PagerDuty refused GET /users/me (HTTP 400): Invalid Input Provided (code 2001): An account-level API token has no current user');
  });
});

describe('PagerDuty answers that are not what was documented', () => {
  it.each([
    ['not JSON', { status: 200, body: 'Service Unavailable' }, 'PagerDuty answered GET /incidents with something that is not JSON: Service Unavailable'],
    [
      'an unknown status',
      { status: 200, body: { incidents: [{ ...pdIncident(1), status: 'exploded' }], limit: 100, offset: 0, more: false } },
      'PagerDuty answered GET /incidents in an unexpected shape: incidents.0.status: Invalid option: expected one of "triggered"|"acknowledged"|"resolved"',
    ],
    ['no pagination fields', { status: 200, body: { incidents: [] } }, 'PagerDuty answered GET /incidents in an unexpected shape: limit: Invalid input: expected number, received undefined; offset: Invalid input: expected number, received undefined; more: Invalid input: expected boolean, received undefined'],
    ['more, but an empty page', { status: 200, body: { incidents: [], limit: 100, offset: 0, more: true } }, 'PagerDuty said there are more incidents after offset 0 but sent none; stopped paging'],
  ])('%s', async (_case, answer, message) => {
    const fake = await startFake();
    fake.answerNext(1, answer);
    const error = await failure(clientFor(fake).listIncidents({ statuses: ['triggered'] }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: 'shape', message });
  });

  it('reports a server error with its status and words, and it may pass (not a refusal)', async () => {
    const fake = await startFake({ incidents: [pdIncident(1)] });
    fake.answerNext(1, pdError(500, 'An internal error has occurred. PagerDuty team has been notified.', 2000));
    const error = await failure(clientFor(fake).acknowledge('PINC1', ADA.email));
    expect(error.message).toBe('HTTP 500 from PagerDuty for PUT /incidents/PINC1: An internal error has occurred. PagerDuty team has been notified. (code 2000)');
    expect(certainlyNotApplied(error)).toBe(false);
  });

  it('refuses an answer larger than the size limit', async () => {
    const fake = await startFake({ incidents: Array.from({ length: 100 }, (_, i) => pdIncident(i + 1)) });
    const error = await failure(clientFor(fake, { limits: { maxBytes: 10_000 } }).listIncidents({ statuses: ['triggered'] }));
    expect(error.message).toMatch(/^the answer to GET \/incidents is \d+ bytes, more than the 10000-byte limit$/);
  });

  it('gives up on a server that does not answer within the timeout, and the action may have arrived', async () => {
    const fake = await startFake({ incidents: [pdIncident(1)] });
    fake.answerNext(1, 'hang');
    const error = await failure(clientFor(fake, { limits: { timeoutMs: 300 } }).resolve('PINC1', ADA.email));
    expect(error).toMatchObject({ kind: 'timeout', notSent: false, message: `no complete answer from PagerDuty at ${new URL(fake.url).host} within 0.3 s` });
    expect(certainlyNotApplied(error)).toBe(false);
  });

  it('knows a refused connection never sent anything', async () => {
    const fake = await startFake();
    const url = fake.url;
    await fake.close();
    const error = await failure(new PagerDutyClient({ token: TOKEN, baseUrl: url }).acknowledge('PINC1', ADA.email));
    expect(error).toMatchObject({ kind: 'network', notSent: true, message: `connection refused at PagerDuty at ${new URL(url).host}` });
    expect(certainlyNotApplied(error)).toBe(true);
  });
});
