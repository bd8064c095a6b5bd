import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { IncidentService } from '../../electron/incidents/incident-service';
import { IncidentStore } from '../../electron/incidents/incident-store';
import { RunbookService } from '../../electron/runbooks/runbook-service';
import { RunbookSessionStore } from '../../electron/runbooks/runbook-sessions';
import { fastSource, startTestEngine, testConfig, waitForAlert } from '../helpers/engine-harness';
import { postAlerts, resolveAlerts, startAlertmanager, waitFor, type RunningAlertmanager } from '../helpers/servers';

const CHECKLIST = `# Incident checklist\n\n## Declare\n\n- [ ] Page the incident commander\n\n## Mitigate\n\n- [ ] Roll back\n`;

/** The timeline writes itself: a linked alert resolving on a real Alertmanager, checklist steps done. */
describe('incident timeline from real alerts and the checklist', () => {
  let am: RunningAlertmanager;
  let engine: Engine;
  let dir: string;
  let runbooks: RunbookService;
  let incidents: IncidentService;
  const alert = { labels: { alertname: 'CheckoutErrors', severity: 'critical', service: 'checkout' } };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'occ-incidents-'));
    await writeFile(path.join(dir, 'checklist.md'), CHECKLIST);
    am = await startAlertmanager();
    engine = startTestEngine(testConfig([fastSource('alertmanager', 'am', am.url)]));
    runbooks = new RunbookService(await RunbookSessionStore.open(dir, () => undefined));
    await runbooks.apply([], dir, path.join(dir, 'checklist.md'));
    incidents = new IncidentService(await IncidentStore.open(dir, () => undefined), runbooks, {
      alert: (fingerprint) => engine.alerts().find((a) => a.fingerprint === fingerprint),
      slo: () => undefined,
      now: () => new Date(),
    });
    engine.on('alertsChanged', (delta) => incidents.onAlertsChanged(delta.upserted, delta.removed));
  });

  afterAll(async () => {
    runbooks?.stop();
    engine?.stop();
    await am?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('records the linked alert resolving and the checklist steps done, and keeps them on disk', async () => {
    await postAlerts(am.url, [alert]);
    const firing = await waitForAlert(engine, 'CheckoutErrors firing', (a) => a.name === 'CheckoutErrors');
    const incident = incidents.declare({ title: 'Checkout down', severity: 'SEV1', fromAlert: firing.fingerprint });
    expect(incident.origin).toBe('alert CheckoutErrors (checkout)');

    const session = runbooks.set.sessions.find((s) => s.id === incident.checklistSessionId)!;
    runbooks.applyAction(session.id, { type: 'check', stepId: 'declare', checkId: 'declare/check-1', done: true }, new Date());
    runbooks.applyAction(session.id, { type: 'advance', stepId: 'mitigate' }, new Date());

    await resolveAlerts(am.url, [alert]);
    await waitFor(async () => incidents.list()[0]!.timeline.some((entry) => entry.kind === 'alert-resolved'), { description: 'the resolved alert on the timeline', timeoutMs: 15_000 });
    const kinds = incidents.list()[0]!.timeline.map((entry) => [entry.kind, entry.text]);
    expect(kinds).toEqual([
      ['declared', expect.stringContaining('Declared SEV1')],
      ['check-done', expect.stringContaining('Page the incident commander')],
      ['step-done', expect.stringContaining('Declare')],
      ['alert-resolved', 'CheckoutErrors (checkout) resolved'],
    ]);

    // The linked alert fires again: that is news too.
    await postAlerts(am.url, [alert]);
    await waitFor(async () => incidents.list()[0]!.timeline.some((entry) => entry.kind === 'alert-firing'), { description: 'the re-firing alert on the timeline', timeoutMs: 15_000 });
    expect(incidents.list()[0]!.timeline.at(-1)).toMatchObject({ kind: 'alert-firing', text: 'CheckoutErrors (checkout) firing' });

    const reopened = await IncidentStore.open(dir, () => undefined);
    expect(reopened.list()[0]!.timeline).toEqual(incidents.list()[0]!.timeline);
  });
});
