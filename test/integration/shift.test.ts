import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/app/start-engine';
import { createCommandHandlers } from '../../electron/bridge/command-handlers';
import { ShiftSchema } from '../../shared/shift';
import { alertmanagerConfig, startTestHost } from '../helpers/engine-host';
import { postAlerts, resolveAlerts, startAlertmanager, waitFor, type RunningAlertmanager } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const CHECKOUT = { labels: { alertname: 'CheckoutDown', severity: 'critical', service: 'checkout' } };
const DISK = { labels: { alertname: 'DiskSlow', severity: 'warning', instance: 'db|2' } };
const QUEUE = { labels: { alertname: 'QueueSlow', severity: 'warning', service: 'jobs' } };

/** "My shift" as the app wires it: a real Alertmanager, the history, acknowledgements and incidents. */
describe('getShift and exportShiftReport on a running engine host', () => {
  const folder = useTempFolder('occ-shift-');
  let am: RunningAlertmanager | undefined;
  let host: EngineHost | undefined;

  afterEach(async () => {
    await host?.stop();
    await am?.stop();
    host = am = undefined;
  });

  it('covers the shift since the toggle: fired, ended, acknowledged, incidents, still open, and the rules in words', async () => {
    am = await startAlertmanager();
    await postAlerts(am.url, [CHECKOUT, DISK, QUEUE]);
    host = await startTestHost({
      dir: folder.dir,
      config: alertmanagerConfig([{ name: 'prod-am', url: am.url }], 'notifications:\n  quietHours: { from: "00:00", to: "00:00", timeZone: UTC }\n'),
    });
    const running = host;
    const handlers = createCommandHandlers(running.engine, { openExternal: () => Promise.resolve(false), shift: running.shift });
    const toggledAt = Date.now();
    running.engine.setOnCall(true);
    await waitFor(async () => (running.engine.alerts().length === 3 ? true : undefined), { description: 'three alerts shown' });

    const checkout = running.engine.alerts().find((alert) => alert.name === 'CheckoutDown')!;
    running.actions.acknowledge(checkout.fingerprint, 'on it');
    await resolveAlerts(am.url, [DISK]);
    await waitFor(async () => (running.engine.alerts().length === 2 ? true : undefined), { description: 'DiskSlow ended' });
    const incident = running.incidents.declare({ title: 'Checkout | down', severity: 'SEV2', fromAlert: checkout.fingerprint });

    const shift = await waitFor(
      async () => {
        const candidate = ShiftSchema.parse(await handlers.getShift({}));
        return candidate.alerts.find((alert) => alert.name === 'DiskSlow')?.endsAt ? candidate : undefined;
      },
      { description: 'the shift shows DiskSlow ended (from the history)' },
    );
    expect(shift.onCall).toMatchObject({ state: 'on-call', basis: 'manual' });
    expect(Date.parse(shift.from)).toBeGreaterThanOrEqual(toggledAt);
    expect(Date.parse(shift.from)).toBeLessThan(Date.parse(shift.to));
    const byName = new Map(shift.alerts.map((alert) => [alert.name, alert]));
    expect([...byName.keys()].sort()).toEqual(['CheckoutDown', 'DiskSlow', 'QueueSlow']);
    expect(byName.get('CheckoutDown')).toMatchObject({ endsAt: null, severity: 'critical', sources: ['prod-am'], acknowledgedBy: expect.any(String) });
    expect(byName.get('QueueSlow')).toMatchObject({ endsAt: null, acknowledgedBy: null });
    expect(shift.incidents).toEqual([{ id: incident.id, title: 'Checkout | down', status: incident.status, declaredAt: incident.declaredAt, resolvedAt: null }]);
    expect(shift.notifications).toContain('Quiet hours 00:00–00:00 (UTC): critical only');

    const { markdown } = await handlers.exportShiftReport({});
    const author = byName.get('CheckoutDown')!.acknowledgedBy!;
    expect(markdown).toMatch(/^# Shift hand-off: /);
    expect(markdown).toContain('- 3 alerts fired, 2 still firing, 1 of them unacknowledged');
    expect(markdown).toContain('Checkout \\| down');
    expect(markdown).toContain('instance=db\\|2');
    expect(markdown).toContain(`acknowledged CheckoutDown (service=checkout)`);
    expect(markdown.indexOf('## Still open')).toBeLessThan(markdown.indexOf('## Alerts'));
    expect(markdown.split('## Alerts')[0]).not.toContain('DiskSlow');
    expect(markdown).toContain(author);

    // An explicit start older than the toggle widens the period; going off call ends the tracked shift.
    const earlier = new Date(toggledAt - 3_600_000).toISOString();
    expect((await handlers.getShift({ from: earlier })).from).toBe(earlier);
    running.engine.setOnCall(false);
    const offCall = await handlers.getShift({});
    expect(offCall.onCall.state).toBe('off-call');
    expect(Date.parse(offCall.to) - Date.parse(offCall.from)).toBe(12 * 3_600_000);
    expect(offCall.notifications).toContain('Off call: critical only');
  });
});
