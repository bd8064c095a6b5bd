import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { OpsgenieClient } from '../../electron/oncall/opsgenie-client';
import { PagerDutyClient } from '../../electron/oncall/pagerduty-client';
import type { SaasLimits } from '../../electron/oncall/saas-http';
import type { FakeAnswer, FakeSaasServer, Override } from '../helpers/saas-fakes/fake-http';
import { ogAlert, OpsgenieFake } from '../helpers/saas-fakes/opsgenie-fake';
import { PagerDutyFake, pdIncident } from '../helpers/saas-fakes/pagerduty-fake';

/**
 * The token must not appear in any error: not in its message, stack, properties or inspection,
 * however the request fails, even when the server echoes the token back (as some proxies do).
 */

const TOKEN = 'SeCrEt+tok/en_4242';
const ENCODED = encodeURIComponent(TOKEN);

interface Service {
  name: string;
  start(): Promise<FakeSaasServer>;
  client(token: string, url: string, limits?: Partial<SaasLimits>): { read(): Promise<unknown>; act(): Promise<unknown>; inspectable: object };
  errorBody(message: string): unknown;
  /** A 200 answer whose one field (a time) holds `text`. */
  badShape(text: string): unknown;
}

const services: Service[] = [
  {
    name: 'PagerDuty',
    start: () => PagerDutyFake.start({ tokens: { [TOKEN]: 'PADA' }, users: [{ id: 'PADA', name: 'Ada', email: 'ada@example.com', time_zone: 'UTC' }], incidents: [pdIncident(1)] }),
    client: (token, baseUrl, limits) => {
      const client = new PagerDutyClient({ token, baseUrl, limits });
      return { read: () => client.listIncidents({ statuses: ['triggered'] }), act: () => client.acknowledge('PINC1', 'ada@example.com'), inspectable: client };
    },
    errorBody: (message) => ({ error: { message, code: 2000, errors: [message] } }),
    badShape: (text) => ({ incidents: [{ ...pdIncident(1), created_at: text }], limit: 100, offset: 0, more: false }),
  },
  {
    name: 'Opsgenie',
    start: () => OpsgenieFake.start({ apiKeys: [TOKEN], alerts: [ogAlert(1)] }),
    client: (apiKey, baseUrl, limits) => {
      const client = new OpsgenieClient({ apiKey, baseUrl, limits });
      return { read: () => client.listOpenAlerts(), act: () => client.acknowledge('alert-0001', { user: 'ada@example.com', note: 'n' }), inspectable: client };
    },
    errorBody: (message) => ({ message, errors: { detail: message }, took: 0.1, requestId: 'r' }),
    badShape: (text) => ({ data: [{ ...ogAlert(1), createdAt: text }], took: 0.1, requestId: 'r' }),
  },
];

const fakes: FakeSaasServer[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

function expectNoToken(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const { message, stack } = error as Error;
  expect(message.length).toBeGreaterThan(0);
  for (const text of [message, String(stack), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(ENCODED);
    expect(text).not.toContain('tok/en_4242');
  }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail, and it succeeded');
}

describe.each(services)('$name never leaks the token', (service) => {
  async function setUp(limits?: Partial<SaasLimits>) {
    const fake = await service.start();
    fakes.push(fake);
    return { fake, client: service.client(TOKEN, fake.url, { timeoutMs: 500, maxTries: 1, ...limits }) };
  }

  // The last column: whether the message quotes the server, so the token's place must show as <token>.
  const echoes: [string, (body: (message: string) => unknown) => FakeAnswer, 'read' | 'act', boolean][] = [
    ['a 401 that echoes the token', (body) => ({ status: 401, body: body(`bad token ${TOKEN}`) }), 'read', true],
    ['a 403 in plain text with the token URL-encoded', () => ({ status: 403, body: `forbidden for token=${ENCODED}` }), 'act', true],
    ['a 500 that echoes the token', (body) => ({ status: 500, body: body(`internal error for ${TOKEN}`) }), 'act', true],
    ['a 400 refusal that echoes the token', (body) => ({ status: 400, body: body(`invalid request from ${TOKEN}`) }), 'act', true],
    ['a lasting 429 that echoes the token', (body) => ({ status: 429, headers: { 'retry-after': '1' }, body: body(`slow down ${TOKEN}`) }), 'read', false],
    ['a 200 that is not JSON', () => ({ status: 200, body: `<html>${TOKEN}</html>` }), 'read', true],
  ];

  it.each(echoes)('%s', async (_case, answer, call, quotesServer) => {
    const { fake, client } = await setUp();
    fake.answerNext(1, answer((message) => service.errorBody(message)));
    const error = await failure(client[call]());
    expectNoToken(error);
    expect(error.message.includes('<token>')).toBe(quotesServer);
  });

  it('a 200 whose field holds the token', async () => {
    const { fake, client } = await setUp();
    fake.answerNext(1, { status: 200, body: service.badShape(TOKEN) });
    const error = await failure(client.read());
    expectNoToken(error);
    expect(error.message).toContain('<token>');
  });

  it('an answer over the size limit', async () => {
    const { fake, client } = await setUp({ maxBytes: 1000 });
    fake.answerNext(1, { status: 200, body: service.errorBody(TOKEN.repeat(100)) });
    expectNoToken(await failure(client.read()));
  });

  it.each<[string, Override]>([
    ['no answer in time', 'hang'],
    ['a connection closed without an answer', 'destroy'],
  ])('%s', async (_case, override) => {
    const { fake, client } = await setUp();
    fake.answerNext(1, override);
    expectNoToken(await failure(client.act()));
  });

  it('a refused connection', async () => {
    const { fake, client } = await setUp();
    await fake.close();
    expectNoToken(await failure(client.read()));
  });

  it('a token that cannot be sent in a header, which is then not sent at all', async () => {
    const fake = await service.start();
    fakes.push(fake);
    const broken = `${TOKEN}\r\nX-Injected: yes`;
    const error = await failure(service.client(broken, fake.url).read());
    expectNoToken(error);
    expect(error.message).toBe(`the ${service.name} token contains a space, line break or non-ASCII character, which cannot be sent in an HTTP header; paste it again`);
    expect(error).toMatchObject({ notSent: true });
    expect(fake.requests).toEqual([]);
  });

  it('is not shown by the client object itself, nor kept by the fake', async () => {
    const { fake, client } = await setUp();
    await client.read();
    for (const text of [JSON.stringify(client.inspectable), inspect(client.inspectable, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(JSON.stringify(fake.requests)).not.toContain(TOKEN);
    expect(fake.requests).toHaveLength(1);
  });
});

it("Opsgenie: a paging.next that is not a URL, with the key in it", async () => {
  const fake = await OpsgenieFake.start({ apiKeys: [TOKEN], alerts: [ogAlert(1)] });
  fakes.push(fake);
  fake.answerNext(1, { status: 200, body: { data: [ogAlert(1)], paging: { next: `::bad::?apiKey=${TOKEN}` }, took: 0.1, requestId: 'r' } });
  const error = await failure(new OpsgenieClient({ apiKey: TOKEN, baseUrl: fake.url }).listOpenAlerts());
  expectNoToken(error);
  expect(error.message).toBe('Opsgenie\'s paging.next is not a URL: "::bad::?apiKey=<token>"');
});
