import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/app/start-engine';
import { startTestHost } from '../helpers/engine-host';
import { PagerDutyFake, pdIncident, pdReference } from '../helpers/saas-fakes/pagerduty-fake';
import { waitFor } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const TOKEN = 'u+pdAckThroughOutbox42';
const ENV = 'PD_OUTBOX_TEST_TOKEN';
const ADA = { id: 'PADA', name: 'Ada Lovelace', email: 'ada@example.com', time_zone: 'Europe/London' };

/** "I'm on it" on a PagerDuty incident goes to PagerDuty through the outbox, exactly once. */
describe('acknowledging a PagerDuty incident from the app', () => {
  const folder = useTempFolder('occ-oncall-ack-');
  let fake: PagerDutyFake | undefined;
  let host: EngineHost | undefined;

  afterEach(async () => {
    await host?.stop();
    await fake?.close();
    delete process.env[ENV];
    host = fake = undefined;
  });

  it('acknowledges it in PagerDuty once, even when the first answer was lost', async () => {
    fake = await PagerDutyFake.start({
      tokens: { [TOKEN]: ADA.id },
      users: [ADA],
      incidents: [pdIncident(1, { assignments: [{ at: '2026-11-01T00:00:00Z', assignee: pdReference('user_reference', ADA.id, ADA.name) }], title: 'Checkout 5xx above 2%' })],
    });
    process.env[ENV] = TOKEN;
    host = await startTestHost({
      dir: folder.dir,
      config: `sources:\n  - type: pagerduty\n    name: pd\n    baseUrl: ${fake.url}\n    token: { env: ${ENV} }\n    interval: 10s\n`,
    });
    const running = host;
    await waitFor(async () => running.engine.alert('pagerduty:PINC1'), { description: 'the incident shown' });

    // PagerDuty takes the acknowledgement, but its answer never arrives: the next try must look first.
    fake.dropAnswerOfNext(1);
    const { acknowledgement, action } = running.actions.acknowledge('pagerduty:PINC1', 'looking at checkout');
    expect(acknowledgement).toMatchObject({ comment: 'looking at checkout', delivery: 'queued' });
    expect(action).toMatchObject({ target: 'pd', summary: 'Acknowledge PagerDutyIncident in pd', action: { kind: 'acknowledgeIncident', incidentId: 'PINC1' } });

    const delivered = await waitFor(async () => running.engine.snapshot().actions.find((pending) => pending.id === action!.id && pending.state === 'delivered'), {
      description: 'the acknowledgement delivered',
      timeoutMs: 20_000,
    });
    const puts = fake.requestsTo('PUT', '/incidents/PINC1');
    console.log(`PagerDuty acknowledge: ${puts.length} PUT(s), ${delivered.attempts} tries, incident now ${fake.incident('PINC1')!.status}`);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.headers.from).toBe(ADA.email);
    expect(delivered.attempts).toBe(2);
    expect(fake.incident('PINC1')!.status).toBe('acknowledged');
    expect(running.engine.alert('pagerduty:PINC1')?.acknowledgement).toMatchObject({ delivery: 'sent', by: expect.any(String), expiresAt: null });
    expect(JSON.stringify(running.engine.snapshot())).not.toContain(TOKEN);
  });
});
