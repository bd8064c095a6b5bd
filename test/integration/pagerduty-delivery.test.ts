import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryNotSentError, DeliveryRefusedError } from '../../electron/actions/outbox';
import { deliverPagerDutyAction, type PagerDutyIncidentAction } from '../../electron/oncall/oncall-delivery';
import { PagerDutyClient } from '../../electron/oncall/pagerduty-client';
import { PagerDutyFake, pdIncident } from '../helpers/saas-fakes/pagerduty-fake';

const TOKEN = 'pdUserToken0123';
const ADA = { id: 'PADA', name: 'Ada Lovelace', email: 'ada@example.com', time_zone: 'UTC' };
const signal = () => AbortSignal.timeout(10_000);

const fakes: PagerDutyFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function setUp(status: 'triggered' | 'acknowledged' | 'resolved' = 'triggered') {
  const fake = await PagerDutyFake.start({ tokens: { [TOKEN]: ADA.id }, users: [ADA], incidents: [pdIncident(1, { status })] });
  fakes.push(fake);
  const client = new PagerDutyClient({ token: TOKEN, baseUrl: fake.url });
  return { fake, client };
}

const acknowledge: PagerDutyIncidentAction = { kind: 'acknowledge', incidentId: 'PINC1', fromEmail: ADA.email };
const resolve: PagerDutyIncidentAction = { kind: 'resolve', incidentId: 'PINC1', fromEmail: ADA.email };

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the delivery to fail, and it succeeded');
}

describe('delivering PagerDuty actions for the outbox', () => {
  it('acknowledges exactly once when the first answer is lost after PagerDuty made the change', async () => {
    const { fake, client } = await setUp();
    fake.dropAnswerOfNext(1);

    const lost = await failure(deliverPagerDutyAction(client, acknowledge, { uncertain: false, signal: signal() }));
    expect(lost).not.toBeInstanceOf(DeliveryNotSentError);
    expect(lost).not.toBeInstanceOf(DeliveryRefusedError);
    expect(fake.incident('PINC1')?.status).toBe('acknowledged');

    // The outbox retries it as uncertain: the incident is read first, and nothing is sent again.
    expect(await deliverPagerDutyAction(client, acknowledge, { uncertain: true, signal: signal() })).toEqual({ sent: false });
    expect(fake.requestsTo('PUT', '/incidents/PINC1')).toHaveLength(1);
    expect(fake.incident('PINC1')?.acknowledgements).toHaveLength(1);
  });

  it('sends an uncertain action again when the earlier try did not arrive', async () => {
    const { fake, client } = await setUp();
    fake.answerNext(1, 'destroy');

    await failure(deliverPagerDutyAction(client, resolve, { uncertain: false, signal: signal() }));
    expect(fake.incident('PINC1')?.status).toBe('triggered');

    expect(await deliverPagerDutyAction(client, resolve, { uncertain: true, signal: signal() })).toEqual({ sent: true });
    expect(fake.incident('PINC1')?.status).toBe('resolved');
    expect(fake.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['PUT 0', 'GET 200', 'PUT 200']);
  });

  it('does not acknowledge an incident someone resolved meanwhile, when unsure', async () => {
    const { fake, client } = await setUp('resolved');
    expect(await deliverPagerDutyAction(client, acknowledge, { uncertain: true, signal: signal() })).toEqual({ sent: false });
    expect(fake.requestsTo('PUT', '/incidents/PINC1')).toEqual([]);
  });

  it('ends with PagerDuty’s refusal when it refuses for good', async () => {
    const { client } = await setUp('resolved');
    const error = await failure(deliverPagerDutyAction(client, acknowledge, { uncertain: false, signal: signal() }));
    expect(error).toBeInstanceOf(DeliveryRefusedError);
    expect(error.message).toBe('PagerDuty refused PUT /incidents/PINC1 (HTTP 400): Incident Already Resolved (code 1001)');
  });

  it('keeps the action certain (not sent) when the token is rejected or the limit is not lifted', async () => {
    const { fake, client } = await setUp();
    const rejected = await failure(deliverPagerDutyAction(new PagerDutyClient({ token: 'revoked-token', baseUrl: fake.url }), acknowledge, { uncertain: false, signal: signal() }));
    expect(rejected).toBeInstanceOf(DeliveryNotSentError);
    expect(rejected.message).toBe('token rejected by PagerDuty (401): Authentication failed (code 2006)');

    fake.rateLimitNext(1, '3600');
    const limited = await failure(deliverPagerDutyAction(client, acknowledge, { uncertain: false, signal: signal() }));
    expect(limited).toBeInstanceOf(DeliveryNotSentError);
    expect(fake.incident('PINC1')?.status).toBe('triggered');
  });

  it('says a delivery to a stopped server was not sent', async () => {
    const { fake, client } = await setUp();
    await fake.close();
    const error = await failure(deliverPagerDutyAction(client, acknowledge, { uncertain: false, signal: signal() }));
    expect(error).toBeInstanceOf(DeliveryNotSentError);
    expect(error.message).toMatch(/^connection refused at PagerDuty at 127\.0\.0\.1:\d+$/);
  });
});
