import { describe, expect, it } from 'vitest';
import type { OpsgenieAlert, OpsgenieOnCall } from '../../electron/oncall/opsgenie-model';
import type { PagerDutyIncident, PagerDutyOnCall } from '../../electron/oncall/pagerduty-model';
import { OnCallRefresh, ON_CALL_REFRESH_MS } from '../../electron/sources/oncall/on-call-state';
import { opsgenieAlert, opsgenieOnCall } from '../../electron/sources/oncall/opsgenie-alerts';
import { httpUrl, pagerDutyAlert, pagerDutyOnCall } from '../../electron/sources/oncall/pagerduty-alerts';
import { TokenBoundClient } from '../../electron/sources/oncall/token-bound-client';

const ADA = { id: 'PADA', name: 'Ada Lovelace' };
const BOB = { id: 'PBOB', name: 'Bob Page' };

function incident(fields: Partial<PagerDutyIncident> = {}): PagerDutyIncident {
  return {
    id: 'PINC7',
    incidentNumber: 7,
    title: 'Checkout 5xx above 2%',
    incidentKey: null,
    status: 'triggered',
    urgency: 'high',
    service: { id: 'PSVC1', name: 'Checkout API' },
    htmlUrl: 'https://acme.pagerduty.com/incidents/PINC7',
    createdAt: '2026-11-01T10:00:00Z',
    assignments: [{ assignee: ADA, at: '2026-11-01T10:00:00Z' }],
    escalationPolicy: { id: 'PEP1', name: 'Checkout on-call' },
    teams: [],
    ...fields,
  };
}

function ogAlert(fields: Partial<OpsgenieAlert> = {}): OpsgenieAlert {
  return {
    id: 'og-1',
    tinyId: '42',
    alias: 'disk-full-db1',
    message: 'Disk almost full on db1',
    status: 'open',
    acknowledged: false,
    snoozed: false,
    priority: 'P3',
    tags: [],
    owner: null,
    source: null,
    count: 1,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: null,
    ...fields,
  };
}

describe('PagerDuty incidents as alerts', () => {
  it.each<[string, Partial<PagerDutyIncident>, { severity: string; state: string; status: string; urgency: string }]>([
    ['high urgency, triggered', { urgency: 'high', status: 'triggered' }, { severity: 'critical', state: 'firing', status: 'triggered', urgency: 'high' }],
    ['low urgency, triggered', { urgency: 'low', status: 'triggered' }, { severity: 'warning', state: 'firing', status: 'triggered', urgency: 'low' }],
    ['high urgency, acknowledged', { urgency: 'high', status: 'acknowledged' }, { severity: 'critical', state: 'firing', status: 'acknowledged', urgency: 'high' }],
    ['low urgency, acknowledged', { urgency: 'low', status: 'acknowledged' }, { severity: 'warning', state: 'firing', status: 'acknowledged', urgency: 'low' }],
  ])('%s', (_case, fields, expected) => {
    const alert = pagerDutyAlert(incident(fields));
    expect({ severity: alert.severity, state: alert.state, status: alert.labels.status, urgency: alert.labels.urgency }).toEqual(expected);
    expect(alert.labels.severity).toBe(expected.severity);
  });

  it('names the incident, its service and number, links to it and starts when it was created', () => {
    expect(pagerDutyAlert(incident())).toEqual({
      fingerprint: 'pagerduty:PINC7',
      name: 'PagerDutyIncident',
      labels: { alertname: 'PagerDutyIncident', service: 'Checkout API', incident: '#7', urgency: 'high', severity: 'critical', status: 'triggered', source: 'pagerduty' },
      annotations: { summary: 'Checkout 5xx above 2%', description: 'Triggered in PagerDuty; assigned to Ada Lovelace; escalation policy Checkout on-call.' },
      severity: 'critical',
      state: 'firing',
      startsAt: '2026-11-01T10:00:00Z',
      silencedBy: [],
      inhibitedBy: [],
      generatorURL: 'https://acme.pagerduty.com/incidents/PINC7',
    });
  });

  it('describes an acknowledged incident nobody is assigned to, with the same fingerprint as when triggered', () => {
    const triggered = pagerDutyAlert(incident());
    const acknowledged = pagerDutyAlert(incident({ status: 'acknowledged', assignments: [] }));
    expect(acknowledged.fingerprint).toBe(triggered.fingerprint);
    expect(acknowledged.annotations.description).toBe('Acknowledged in PagerDuty; assigned to nobody; escalation policy Checkout on-call.');
    expect(pagerDutyAlert(incident({ id: 'PINC8' })).fingerprint).not.toBe(triggered.fingerprint);
  });

  it.each([
    ['javascript:alert(1)', undefined],
    ['file:///etc/passwd', undefined],
    ['not a url', undefined],
    ['', undefined],
    ['http://pd.example/incidents/1', 'http://pd.example/incidents/1'],
  ])('links only to http(s): %s', (url, expected) => {
    expect(httpUrl(url)).toBe(expected);
    expect(pagerDutyAlert(incident({ htmlUrl: url })).generatorURL).toBe(expected);
  });
});

describe('Opsgenie alerts as alerts', () => {
  it.each<[OpsgenieAlert['priority'], string]>([
    ['P1', 'critical'],
    ['P2', 'critical'],
    ['P3', 'warning'],
    ['P4', 'info'],
    ['P5', 'info'],
  ])('priority %s is %s', (priority, severity) => {
    const alert = opsgenieAlert(ogAlert({ priority }));
    expect([alert.severity, alert.labels.severity, alert.labels.priority]).toEqual([severity, severity, priority]);
  });

  it.each<[string, Partial<OpsgenieAlert>, string, string, string]>([
    ['open', {}, 'firing', 'open', 'Open in Opsgenie; priority P3.'],
    ['acknowledged', { acknowledged: true, owner: 'ada@example.com' }, 'firing', 'acknowledged', 'Acknowledged in Opsgenie by ada@example.com; priority P3.'],
    ['snoozed', { snoozed: true, acknowledged: true }, 'suppressed', 'snoozed', 'Snoozed in Opsgenie; priority P3.'],
    ['repeated, from an integration', { count: 3, source: 'Prometheus' }, 'firing', 'open', 'Open in Opsgenie; priority P3; came in 3 times; from Prometheus.'],
  ])('%s', (_case, fields, state, status, description) => {
    const alert = opsgenieAlert(ogAlert(fields));
    expect([alert.state, alert.labels.status, alert.annotations.description]).toEqual([state, status, description]);
  });

  it('keeps the id as fingerprint, the tiny id, alias and tags as labels, and the creation time', () => {
    expect(opsgenieAlert(ogAlert({ tags: ['db', 'env:prod'] }))).toEqual({
      fingerprint: 'opsgenie:og-1',
      name: 'OpsgenieAlert',
      labels: { alertname: 'OpsgenieAlert', priority: 'P3', severity: 'warning', status: 'open', source: 'opsgenie', alert: '#42', alias: 'disk-full-db1', tags: 'db,env:prod' },
      annotations: { summary: 'Disk almost full on db1', description: 'Open in Opsgenie; priority P3.' },
      severity: 'warning',
      state: 'firing',
      startsAt: '2026-11-01T10:00:00Z',
      silencedBy: [],
      inhibitedBy: [],
    });
  });

  it('leaves out a missing tiny id, alias and tags', () => {
    expect(Object.keys(opsgenieAlert(ogAlert({ tinyId: null, alias: null })).labels).sort()).toEqual(['alertname', 'priority', 'severity', 'source', 'status']);
  });
});

describe('on-call state', () => {
  const NOW = new Date('2026-11-26T12:00:00.000Z');
  const policy = { id: 'PEP1', name: 'Checkout' };
  const entry = (user: typeof ADA, start: string | null, end: string | null, level = 1): PagerDutyOnCall => ({
    user,
    escalationPolicy: policy,
    escalationLevel: level,
    schedule: null,
    start,
    end,
  });

  it.each<[string, PagerDutyOnCall[], ReturnType<typeof pagerDutyOnCall>]>([
    ['nobody on call', [], { onCallNow: false, until: null, nextShiftAt: null, who: [] }],
    [
      'Bob on call now, my shift tomorrow',
      [entry(BOB, '2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z'), entry(ADA, '2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z')],
      { onCallNow: false, until: null, nextShiftAt: '2026-11-27T00:00:00.000Z', who: ['Bob Page'] },
    ],
    [
      'me on call until tonight, Bob as second level, me again next week',
      [entry(ADA, '2026-11-26T08:00:00Z', '2026-11-26T20:00:00Z'), entry(BOB, null, null, 2), entry(ADA, '2026-12-03T08:00:00Z', '2026-12-03T20:00:00Z')],
      { onCallNow: true, until: '2026-11-26T20:00:00.000Z', nextShiftAt: '2026-12-03T08:00:00.000Z', who: ['Ada Lovelace', 'Bob Page'] },
    ],
    ['me on call for good, listed twice', [entry(ADA, null, null), entry(ADA, null, null, 2)], { onCallNow: true, until: null, nextShiftAt: null, who: ['Ada Lovelace'] }],
  ])('PagerDuty: %s', (_case, oncalls, expected) => {
    expect(pagerDutyOnCall(oncalls, ADA.id, NOW)).toEqual(expected);
  });

  const schedule = (name: string, userNames: string[]): OpsgenieOnCall => ({ schedule: { id: name, name, enabled: true }, participants: [], userNames });

  it.each<[string, OpsgenieOnCall[], string | undefined, ReturnType<typeof opsgenieOnCall>]>([
    ['no schedule answers', [], 'ada@example.com', { onCallNow: false, until: null, nextShiftAt: null, who: [] }],
    ['me in one schedule (case differs)', [schedule('a', ['Ada@Example.com']), schedule('b', ['bob@example.com'])], 'ada@example.com', { onCallNow: true, until: null, nextShiftAt: null, who: ['Ada@Example.com', 'bob@example.com'] }],
    ['someone else, named twice', [schedule('a', ['bob@example.com']), schedule('b', ['bob@example.com'])], 'ada@example.com', { onCallNow: false, until: null, nextShiftAt: null, who: ['bob@example.com'] }],
    ['no user configured', [schedule('a', ['ada@example.com'])], undefined, { onCallNow: false, until: null, nextShiftAt: null, who: ['ada@example.com'] }],
  ])('Opsgenie: %s', (_case, onCalls, user, expected) => {
    expect(opsgenieOnCall(onCalls, user)).toEqual(expected);
  });

  it('reads at most every 5 minutes, keeps the last value on failure and warns until a read succeeds', async () => {
    let now = 0;
    let reads = 0;
    const refresh = new OnCallRefresh<number>('PagerDuty', () => now);
    const ok = () => Promise.resolve(++reads);
    const failing = () => {
      reads++;
      return Promise.reject(new Error('HTTP 503'));
    };

    await refresh.refreshIfDue(ok);
    now = ON_CALL_REFRESH_MS - 1;
    await refresh.refreshIfDue(ok);
    expect([refresh.value, reads, refresh.warnings()]).toEqual([1, 1, []]);

    now = ON_CALL_REFRESH_MS;
    await refresh.refreshIfDue(failing);
    now += 1000;
    await refresh.refreshIfDue(failing);
    expect([refresh.value, reads, refresh.warnings()]).toEqual([1, 2, ['cannot read who is on call from PagerDuty: HTTP 503']]);

    now = 2 * ON_CALL_REFRESH_MS;
    await refresh.refreshIfDue(ok);
    expect([refresh.value, reads, refresh.warnings()]).toEqual([3, 3, []]);

    refresh.reset();
    expect(refresh.value).toBeNull();
    await refresh.refreshIfDue(ok);
    expect([refresh.value, reads]).toEqual([4, 4]);
  });
});

describe('token-bound client', () => {
  it('builds a client for the token, reuses it while the token stays, rebuilds when it changes', () => {
    const env: NodeJS.ProcessEnv = { PD_TOKEN: 'first-token' };
    const built: string[] = [];
    const clients = new TokenBoundClient('PagerDuty', { env: 'PD_TOKEN' }, undefined, env, (token) => {
      built.push(token);
      return { token };
    });
    expect(clients.current()).toEqual({ client: { token: 'first-token' }, fresh: true });
    expect(clients.current().fresh).toBe(false);
    env.PD_TOKEN = ' second-token\n';
    expect(clients.current()).toEqual({ client: { token: 'second-token' }, fresh: true });
    expect(built).toEqual(['first-token', 'second-token']);
  });

  it.each<[string, ConstructorParameters<typeof TokenBoundClient>[1], string]>([
    ['an unset variable', { env: 'PD_TOKEN' }, 'PagerDuty token: no token in the environment variable PD_TOKEN'],
    ['a saved secret without a store', { secret: 'pd' }, 'PagerDuty token: cannot read the saved secret "pd", this app was started without a secret store'],
    ['a missing file', { file: '/nonexistent/pd-token' }, 'PagerDuty token: cannot read the token from the file /nonexistent/pd-token: ENOENT'],
  ])('says where it looked for %s', (_case, reference, message) => {
    const clients = new TokenBoundClient('PagerDuty', reference, undefined, {}, () => ({}));
    expect(() => clients.current()).toThrow(message);
  });
});
