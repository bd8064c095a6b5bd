import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceConfigSchema, type SourceConfig } from '../../electron/config/config-schema';
import { Engine } from '../../electron/engine/engine';
import { UserSettings } from '../../electron/engine/settings';
import { createMemorySettingsStore } from '../../electron/persistence/settings-store';
import { SecretStore } from '../../electron/secrets/secret-store';
import { createSource } from '../../electron/sources/create-source';
import { OpsgenieSource } from '../../electron/sources/oncall/opsgenie-source';
import { PagerDutySource } from '../../electron/sources/oncall/pagerduty-source';
import type { SourceHealth } from '../../shared/model';
import { recordPolls, recordingNotifier, testConfig, waitForAlert, waitForSource } from '../helpers/engine-harness';
import { OpsgenieFake, ogAlert } from '../helpers/saas-fakes/opsgenie-fake';
import { PagerDutyFake, pdIncident, pdReference, type PdOnCall } from '../helpers/saas-fakes/pagerduty-fake';
import { waitFor } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const PD_TOKEN = 'u+pdSourceToken0123';
const PD_WRONG = 'u+pdWrongToken9876';
const OG_KEY = 'og-key-0123-4567-89ab';
const OG_WRONG = 'og-wrong-9876-5432-10fe';
const ADA = { id: 'PADA', name: 'Ada Lovelace', email: 'ada@example.com', time_zone: 'Europe/London' };
const BOB = { id: 'PBOB', name: 'Bob Page', email: 'bob@example.com', time_zone: 'UTC' };
const ENV = 'PD_ONCALL_SOURCE_TEST_TOKEN';

const temp = useTempFolder('oncall-sources-');
const closers: (() => unknown)[] = [];
afterEach(async () => {
  delete process.env[ENV];
  for (const close of closers.splice(0).reverse()) await close();
});

/** A real engine whose sources read tokens from `secrets`; the sources it builds are kept to read `onCall()`. */
function startEngine(sources: SourceConfig[], secrets?: SecretStore) {
  const built = new Map<string, ReturnType<typeof createSource>>();
  const engine = new Engine({
    createSource: (config) => {
      const source = createSource(config, { secrets });
      built.set(config.name, source);
      return source;
    },
    settings: new UserSettings(createMemorySettingsStore()),
    notifier: recordingNotifier(),
  });
  closers.push(() => engine.stop());
  engine.applyConfig(testConfig(sources));
  return { engine, built };
}

/** Parsed as the config file would be, then polled fast (the schema's minimum interval is 10 s). */
function fast(config: Record<string, unknown>): SourceConfig {
  return { ...SourceConfigSchema.parse(config), interval: 300, timeout: 5_000 };
}

/** The source's health at the end of its first finished poll, and how many requests the fake had seen by then. */
function firstPoll(engine: Engine, name: string, requests: () => number): Promise<{ health: SourceHealth; requests: number }> {
  return new Promise((resolve) => {
    const onSources = (sources: SourceHealth[]) => {
      const health = sources.find((source) => source.name === name);
      if (!health || health.lastAttemptAt === null) return;
      engine.off('sourcesChanged', onSources);
      resolve({ health, requests: requests() });
    };
    engine.on('sourcesChanged', onSources);
  });
}

/** The on-call state of a source the engine built, checking it is one that has it. */
function onCallOf(source: unknown) {
  if (source instanceof PagerDutySource || source instanceof OpsgenieSource) return source.onCall();
  throw new Error(`expected a PagerDuty or Opsgenie source, got ${String(source)}`);
}

const assigned = (user: typeof ADA) => ({ assignments: [{ at: '2026-11-01T00:00:00Z', assignee: pdReference('user_reference', user.id, user.name) }] });
const team = pdReference('team_reference', 'PTEAM', 'Payments');
const policy = pdReference('escalation_policy_reference', 'PEP1', 'Checkout on-call');

async function startPagerDuty(oncalls: PdOnCall[] = []): Promise<PagerDutyFake> {
  const fake = await PagerDutyFake.start({
    tokens: { [PD_TOKEN]: ADA.id },
    users: [ADA, BOB],
    incidents: [
      pdIncident(1, { ...assigned(ADA), title: 'Checkout 5xx above 2%' }),
      pdIncident(2, { ...assigned(BOB), teams: [team], status: 'acknowledged', urgency: 'low' }),
      pdIncident(3, { ...assigned(BOB), title: 'Not mine, not my team' }),
      pdIncident(4, { ...assigned(ADA), status: 'resolved' }),
    ],
    oncalls,
  });
  closers.push(() => fake.close());
  return fake;
}

function pagerDutyConfig(fake: PagerDutyFake, fields: Record<string, unknown> = {}): SourceConfig {
  return fast({ type: 'pagerduty', name: 'pd', baseUrl: fake.url, token: { env: ENV }, teamIds: ['PTEAM'], escalationPolicyIds: ['PEP1'], ...fields });
}

describe('PagerDuty as a source', () => {
  it('shows my and my teams’ open incidents as alerts, drops a resolved one, and tells my shift', async () => {
    const hour = 3_600_000;
    const fake = await startPagerDuty([
      { user: pdReference('user_reference', ADA.id, ADA.name), escalation_policy: policy, escalation_level: 1, schedule: null, start: new Date(Date.now() - hour).toISOString(), end: new Date(Date.now() + hour).toISOString() },
      { user: pdReference('user_reference', BOB.id, BOB.name), escalation_policy: policy, escalation_level: 2, schedule: null, start: null, end: null },
    ]);
    process.env[ENV] = PD_TOKEN;
    const { engine, built } = startEngine([pagerDutyConfig(fake)]);

    const mine = await waitForAlert(engine, 'incident #1', (alert) => alert.fingerprint === 'pagerduty:PINC1');
    expect(mine).toMatchObject({
      name: 'PagerDutyIncident',
      severity: 'critical',
      state: 'firing',
      labels: { incident: '#1', service: 'Checkout API', urgency: 'high', status: 'triggered', source: 'pagerduty' },
      annotations: { summary: 'Checkout 5xx above 2%' },
      generatorURL: 'https://acme.pagerduty.com/incidents/PINC1',
      sources: ['pd'],
    });
    const ours = engine.alert('pagerduty:PINC2');
    expect(ours).toMatchObject({ severity: 'warning', state: 'firing', labels: { status: 'acknowledged', urgency: 'low' } });
    expect(engine.alerts().map((alert) => alert.fingerprint).sort()).toEqual(['pagerduty:PINC1', 'pagerduty:PINC2']);

    const shift = onCallOf(built.get('pd'));
    expect(shift).toMatchObject({ onCallNow: true, nextShiftAt: null, who: ['Ada Lovelace', 'Bob Page'] });
    expect(Date.parse(shift!.until!)).toBeGreaterThan(Date.now());
    expect(fake.requestsTo('GET', '/oncalls')[0]?.query['escalation_policy_ids[]']).toEqual(['PEP1']);

    fake.incident('PINC1')!.status = 'resolved';
    await waitFor(async () => engine.alert('pagerduty:PINC1') === undefined, { description: 'the resolved incident to leave' });
    expect(engine.alert('pagerduty:PINC2')).toBeDefined();
    // Several polls, one look at who I am and one at the on-calls (they refresh every 5 minutes).
    expect(fake.requestsTo('GET', '/incidents').length).toBeGreaterThanOrEqual(4);
    expect(fake.requestsTo('GET', '/users/me')).toHaveLength(1);
    expect(fake.requestsTo('GET', '/oncalls')).toHaveLength(1);
    expect(engine.sources()[0]).toMatchObject({ status: 'ok', warnings: [] });
  });

  it('a wrong token: down with "token rejected", asked once per poll, never shown; the right token brings it back', async () => {
    const fake = await startPagerDuty();
    process.env[ENV] = PD_WRONG;
    const { engine } = startEngine([pagerDutyConfig(fake)]);

    const first = await firstPoll(engine, 'pd', () => fake.requests.length);
    expect(first.health.status).toBe('down');
    expect(first.health.lastError).toBe('token rejected by PagerDuty (401): Authentication failed (code 2006)');
    expect(first.requests).toBe(1);
    const snapshot = JSON.stringify(engine.snapshot());
    expect(snapshot).toContain('token rejected by PagerDuty (401)');
    expect(snapshot).not.toContain(PD_WRONG);
    expect(snapshot).not.toContain(encodeURIComponent(PD_WRONG));

    process.env[ENV] = PD_TOKEN;
    await waitForAlert(engine, 'incident #1 with the right token', (alert) => alert.fingerprint === 'pagerduty:PINC1');
    expect(JSON.stringify(engine.snapshot())).not.toContain(PD_TOKEN);
  });

  it('a missing token: down, naming the variable it looked in', async () => {
    const fake = await startPagerDuty();
    const { engine } = startEngine([pagerDutyConfig(fake)]);
    const down = await waitForSource(engine, 'pd', 'down');
    expect(down.lastError).toBe(`PagerDuty token: no token in the environment variable ${ENV}`);
    expect(fake.requests).toHaveLength(0);
  });

  it('waits out a 429 with Retry-After within the timeout and stays up', async () => {
    const fake = await startPagerDuty();
    fake.rateLimitNext(1, '1');
    process.env[ENV] = PD_TOKEN;
    const { engine } = startEngine([pagerDutyConfig(fake)]);
    const polls = recordPolls(engine);
    closers.push(() => polls.stop());

    const first = await firstPoll(engine, 'pd', () => fake.requests.length);
    expect(first.health).toMatchObject({ status: 'ok', alertCount: 2 });
    const [limited, retried] = fake.requests;
    expect([limited?.status, retried?.status, retried?.path]).toEqual([429, 200, '/users/me']);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000);
    await waitFor(async () => polls.of('pd').length >= 3, { description: 'three polls' });
    expect(polls.of('pd').map((poll) => poll.status)).not.toContain('down');
  });
});

async function startOpsgenie(): Promise<OpsgenieFake> {
  const fake = await OpsgenieFake.start({
    apiKeys: [OG_KEY],
    alerts: [
      ogAlert(1, { message: 'Payments queue backing up', priority: 'P1', tags: ['payments'] }),
      ogAlert(2, { priority: 'P4', acknowledged: true, owner: 'bob@example.com' }),
      ogAlert(3, { status: 'closed' }),
    ],
    schedules: [{ id: 'sched-1', name: 'Payments primary', enabled: true, onCallParticipants: [{ id: 'u1', name: 'ada@example.com', type: 'user' }] }],
  });
  closers.push(() => fake.close());
  return fake;
}

describe('Opsgenie as a source', () => {
  it('shows open alerts from a token in the secret store, drops a closed one, and tells who is on call', async () => {
    const fake = await startOpsgenie();
    const secrets = new SecretStore(path.join(temp.dir, 'secrets.json'));
    secrets.set('og', OG_KEY);
    const config = fast({ type: 'opsgenie', name: 'og', baseUrl: fake.url, token: { secret: 'og' }, user: 'ada@example.com', scheduleIds: ['sched-1'] });
    const { engine, built } = startEngine([config], secrets);

    const p1 = await waitForAlert(engine, 'the P1 alert', (alert) => alert.fingerprint === 'opsgenie:alert-0001');
    expect(p1).toMatchObject({ name: 'OpsgenieAlert', severity: 'critical', state: 'firing', labels: { priority: 'P1', status: 'open', tags: 'payments', alert: '#1' } });
    expect(engine.alert('opsgenie:alert-0002')).toMatchObject({ severity: 'info', state: 'firing', labels: { status: 'acknowledged' } });
    expect(engine.alert('opsgenie:alert-0003')).toBeUndefined();
    expect(onCallOf(built.get('og'))).toEqual({ onCallNow: true, until: null, nextShiftAt: null, who: ['ada@example.com'] });

    fake.alert('alert-0001')!.status = 'closed';
    await waitFor(async () => engine.alert('opsgenie:alert-0001') === undefined, { description: 'the closed alert to leave' });
    expect(engine.alert('opsgenie:alert-0002')).toBeDefined();
    expect(fake.requestsTo('GET', '/v2/schedules/sched-1/on-calls')).toHaveLength(1);
  });

  it('a rejected key: down with "token rejected", asked once per poll, never shown', async () => {
    const fake = await startOpsgenie();
    const secrets = new SecretStore(path.join(temp.dir, 'secrets.json'));
    secrets.set('og', OG_WRONG);
    const { engine } = startEngine([fast({ type: 'opsgenie', name: 'og', baseUrl: fake.url, token: { secret: 'og' } })], secrets);

    const first = await firstPoll(engine, 'og', () => fake.requests.length);
    expect(first.health.status).toBe('down');
    expect(first.health.lastError).toBe('token rejected by Opsgenie (401): Could not authenticate');
    expect(first.requests).toBe(1);
    const snapshot = JSON.stringify(engine.snapshot());
    expect(snapshot).toContain('token rejected by Opsgenie (401)');
    expect(snapshot).not.toContain(OG_WRONG);
  });

  it('waits out a 429 with Retry-After within the timeout and stays up', async () => {
    const fake = await startOpsgenie();
    fake.rateLimitNext(1, '1');
    const secrets = new SecretStore(path.join(temp.dir, 'secrets.json'));
    secrets.set('og', OG_KEY);
    const { engine } = startEngine([fast({ type: 'opsgenie', name: 'og', baseUrl: fake.url, token: { secret: 'og' } })], secrets);

    const first = await firstPoll(engine, 'og', () => fake.requests.length);
    expect(first.health).toMatchObject({ status: 'ok', alertCount: 2 });
    expect(fake.requests.slice(0, 2).map((request) => request.status)).toEqual([429, 200]);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(1000);
  });
});
