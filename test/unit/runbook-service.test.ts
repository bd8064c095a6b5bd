import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRunbook } from '../../electron/runbooks/runbook-parser';
import { INCIDENT_CHECKLIST_ID, RunbookService } from '../../electron/runbooks/runbook-service';
import { RunbookSessionStore } from '../../electron/runbooks/runbook-sessions';
import { RunbookSetSchema, type RunbookSet } from '../../shared/runbook';
import { useTempFolder } from '../helpers/temp-folder';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO = ['high-error-rate.md', 'disk-filling-up.md', 'certificate-expiring.md'];
const CHECKLIST = path.join(ROOT, 'resources/templates/incident-checklist.md');

const folder = useTempFolder('runbook-service-');
let service: RunbookService | undefined;
afterEach(() => service?.stop());

async function start(): Promise<{ service: RunbookService; sets: RunbookSet[] }> {
  for (const name of DEMO) await folder.write(`runbooks/${name}`, readFileSync(path.join(ROOT, 'resources/demo/runbooks', name), 'utf8'));
  service = new RunbookService(await RunbookSessionStore.open(folder.dir, () => undefined));
  const sets: RunbookSet[] = [];
  service.on('changed', (set) => sets.push(set));
  await service.apply(['runbooks'], folder.dir, CHECKLIST);
  return { service, sets };
}

describe('RunbookService', () => {
  it('lists summaries sorted by title, without steps, and the checklist', async () => {
    const { service, sets } = await start();
    const set = RunbookSetSchema.parse(service.set);
    expect(set.runbooks.map((runbook) => runbook.title)).toEqual(['Disk filling up', 'High error rate (HTTP 5xx)', 'Incident checklist', 'TLS certificate expiring']);
    expect(set.runbooks.every((runbook) => !('steps' in runbook) && !('intro' in runbook))).toBe(true);
    expect(sets.at(-1)!.runbooks).toEqual(set.runbooks);
  });

  it('opens a runbook with the steps parseRunbook reads, and the checklist', async () => {
    const { service } = await start();
    for (const name of DEMO) {
      const file = path.join('runbooks', name);
      expect(service.document(name)).toEqual(parseRunbook(readFileSync(path.join(folder.dir, file), 'utf8'), name, file));
    }
    expect(service.document(INCIDENT_CHECKLIST_ID)).toEqual(parseRunbook(readFileSync(CHECKLIST, 'utf8'), INCIDENT_CHECKLIST_ID, CHECKLIST));
    expect(() => service.document('nope.md')).toThrow('no runbook with id "nope.md"');
  });

  it('searches bodies, titles and tags', async () => {
    const { service } = await start();
    expect(service.search('rollback')[0]?.id).toBe('high-error-rate.md');
    expect(service.search('cert-manager')[0]?.id).toBe('certificate-expiring.md');
  });

  it('follows a runbook in guided mode through its steps', async () => {
    const { service } = await start();
    const steps = service.document('disk-filling-up.md').steps;
    const session = service.startSession({ runbookId: 'disk-filling-up.md' }, new Date('2026-01-01T00:00:00Z'));
    expect(session.currentStepId).toBe(steps[0]!.id);
    const check = steps[0]!.checks[0]!;
    service.applyAction(session.id, { type: 'check', stepId: steps[0]!.id, checkId: check.id, done: true }, new Date());
    const moved = service.applyAction(session.id, { type: 'advance', stepId: steps[1]!.id }, new Date());
    expect(moved).toMatchObject({ currentStepId: steps[1]!.id, completedSteps: [steps[0]!.id], checks: { [steps[0]!.id]: [check.id] } });
  });

  it('shows an edited runbook once it is reloaded, also one opened before', async () => {
    const { service } = await start();
    expect(service.document('disk-filling-up.md').steps.length).toBeGreaterThan(1);
    await folder.write('runbooks/disk-filling-up.md', '---\ntitle: Disk full (edited)\n---\n## Only step\n\n- [ ] Look\n');
    await service.apply(['runbooks'], folder.dir, CHECKLIST);
    expect(service.set.runbooks.map((runbook) => runbook.title)).toContain('Disk full (edited)');
    expect(service.document('disk-filling-up.md').steps.map((step) => step.id)).toEqual(['only-step']);
    expect(service.search('edited')[0]?.id).toBe('disk-filling-up.md');
  });
});
