import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunbookSessionStore } from '../../electron/runbooks/runbook-sessions';
import type { RunbookDocument, RunbookStep } from '../../shared/runbook';
import { makeAlert } from '../helpers/alerts';

function step(id: string, title: string, extra: Partial<RunbookStep> = {}): RunbookStep {
  return { id, title, markdown: '', checks: [], commands: [], choices: [], ...extra };
}

const RUNBOOK: RunbookDocument = {
  id: 'app/high-error-rate.md',
  title: 'High error rate',
  file: '/runbooks/app/high-error-rate.md',
  services: ['checkout'],
  alerts: 'alertname="HighErrorRate"',
  severity: 'critical',
  owner: 'team-checkout',
  tags: ['errors'],
  error: null,
  intro: 'When errors spike.',
  steps: [
    step('look-at-the-dashboard', 'Look at the dashboard', { checks: [{ id: 'c1', text: 'Error rate confirmed' }] }),
    step('was-there-a-deploy', 'Was there a deploy?', {
      choices: [
        { label: 'Yes', targetStepId: 'roll-back-the-deploy' },
        { label: 'No', targetStepId: 'check-dependencies' },
      ],
    }),
    step('roll-back-the-deploy', 'Roll back the deploy', {
      checks: [
        { id: 'c1', text: 'Rollback started' },
        { id: 'c2', text: 'Error rate back under 1 %' },
      ],
    }),
    step('check-dependencies', 'Check dependencies'),
    step('verify', 'Verify'),
  ],
};

const T0 = new Date('2026-11-26T03:12:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('runbook session store', () => {
  let dir: string;
  let problems: string[];
  let ids: number;
  const open = () => RunbookSessionStore.open(dir, (message) => problems.push(message), { newId: () => `s${++ids}` });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'occ-sessions-'));
    problems = [];
    ids = 0;
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts at the first step with the alert labels (plus alertname) and its value', async () => {
    const store = await open();
    const alert = makeAlert({ labels: { service: 'checkout', instance: 'web-1:9090' }, annotations: { value: '0.27' } });
    const session = store.start({ runbook: RUNBOOK, alert, incidentId: 'inc-1' }, T0);

    expect(session).toEqual({
      id: 's1',
      runbookId: 'app/high-error-rate.md',
      runbookTitle: 'High error rate',
      alertFingerprint: alert.fingerprint,
      labels: { service: 'checkout', instance: 'web-1:9090', alertname: 'HighErrorRate' },
      value: '0.27',
      incidentId: 'inc-1',
      startedAt: '2026-11-26T03:12:00.000Z',
      currentStepId: 'look-at-the-dashboard',
      history: [],
      checks: {},
      notes: {},
      completedSteps: [],
      finishedAt: null,
    });
    expect(store.list()).toEqual([session]);

    const plain = store.start({ runbook: RUNBOOK }, at(1));
    expect(plain).toMatchObject({ alertFingerprint: null, labels: {}, value: null, incidentId: null });
    expect(store.list().map((s) => s.id)).toEqual(['s2', 's1']);
    expect(store.start({ runbook: { ...RUNBOOK, steps: [] } }, at(2)).currentStepId).toBeNull();
  });

  it('follows a runbook through a choice, back and forward, with checks, notes and what happened', async () => {
    const store = await open();
    const { id } = store.start({ runbook: RUNBOOK }, T0);

    let result = store.apply(id, { type: 'check', stepId: 'look-at-the-dashboard', checkId: 'c1', done: true }, RUNBOOK, at(1));
    expect(result.happened).toEqual([{ kind: 'check-done', text: 'Check done: Error rate confirmed (High error rate runbook)' }]);
    expect(result.session.checks).toEqual({ 'look-at-the-dashboard': ['c1'] });

    result = store.apply(id, { type: 'advance', stepId: 'was-there-a-deploy' }, RUNBOOK, at(2));
    expect(result.happened).toEqual([{ kind: 'step-done', text: 'Step done: Look at the dashboard (High error rate runbook)' }]);
    result = store.apply(id, { type: 'advance', stepId: 'roll-back-the-deploy' }, RUNBOOK, at(3));
    expect(result.session).toMatchObject({
      currentStepId: 'roll-back-the-deploy',
      history: ['look-at-the-dashboard', 'was-there-a-deploy'],
      completedSteps: ['look-at-the-dashboard', 'was-there-a-deploy'],
    });

    result = store.apply(id, { type: 'back' }, RUNBOOK, at(4));
    expect(result.session).toMatchObject({ currentStepId: 'was-there-a-deploy', history: ['look-at-the-dashboard'] });
    expect(result.happened).toEqual([]);
    // Done once is enough: passing a step again does not repeat it on the timeline.
    result = store.apply(id, { type: 'advance', stepId: 'roll-back-the-deploy' }, RUNBOOK, at(5));
    expect(result.happened).toEqual([]);

    store.apply(id, { type: 'check', stepId: 'roll-back-the-deploy', checkId: 'c2', done: true }, RUNBOOK, at(6));
    result = store.apply(id, { type: 'check', stepId: 'roll-back-the-deploy', checkId: 'c2', done: true }, RUNBOOK, at(6));
    expect(result.happened).toEqual([]);
    result = store.apply(id, { type: 'check', stepId: 'look-at-the-dashboard', checkId: 'c1', done: false }, RUNBOOK, at(6));
    expect(result.session.checks).toEqual({ 'roll-back-the-deploy': ['c2'] });

    result = store.apply(id, { type: 'note', stepId: 'roll-back-the-deploy', text: 'Rolled back to v41.' }, RUNBOOK, at(7));
    expect(result.session.notes).toEqual({ 'roll-back-the-deploy': 'Rolled back to v41.' });

    result = store.apply(id, { type: 'finish' }, RUNBOOK, at(8));
    expect(result.happened).toEqual([{ kind: 'step-done', text: 'Step done: Roll back the deploy (High error rate runbook)' }]);
    expect(result.session).toMatchObject({
      currentStepId: 'roll-back-the-deploy',
      completedSteps: ['look-at-the-dashboard', 'was-there-a-deploy', 'roll-back-the-deploy'],
      finishedAt: '2026-11-26T03:20:00.000Z',
    });

    // A note may still be written on a finished session; nothing else.
    result = store.apply(id, { type: 'note', stepId: 'verify', text: 'Verified later.' }, RUNBOOK, at(30));
    expect(result.session.notes.verify).toBe('Verified later.');
    result = store.apply(id, { type: 'note', stepId: 'verify', text: '  ' }, RUNBOOK, at(31));
    expect(result.session.notes.verify).toBeUndefined();
  });

  it('says what is wrong with an invalid action, and changes nothing', async () => {
    const store = await open();
    const { id } = store.start({ runbook: RUNBOOK }, T0);
    const before = store.get(id);

    expect(() => store.apply('nope', { type: 'back' }, RUNBOOK, T0)).toThrow('runbook session nope not found');
    expect(() => store.apply(id, { type: 'advance', stepId: 'nowhere' }, RUNBOOK, T0)).toThrow('runbook "High error rate" has no step with id "nowhere"');
    expect(() => store.apply(id, { type: 'advance', stepId: 'look-at-the-dashboard' }, RUNBOOK, T0)).toThrow('is already on step "Look at the dashboard"');
    expect(() => store.apply(id, { type: 'back' }, RUNBOOK, T0)).toThrow(`runbook session ${id} is on its first step: there is no step to go back to`);
    expect(() => store.apply(id, { type: 'check', stepId: 'verify', checkId: 'c1', done: true }, RUNBOOK, T0)).toThrow(
      'step "Verify" of runbook "High error rate" has no check with id "c1"',
    );
    expect(() => store.apply(id, { type: 'note', stepId: 'gone', text: 'x' }, RUNBOOK, T0)).toThrow('has no step with id "gone"');
    expect(() => store.apply(id, { type: 'finish' }, { ...RUNBOOK, id: 'other.md' }, T0)).toThrow('follows runbook "app/high-error-rate.md", not "other.md"');
    expect(store.get(id)).toEqual(before);

    store.apply(id, { type: 'finish' }, RUNBOOK, T0);
    for (const action of [{ type: 'finish' }, { type: 'back' }, { type: 'advance', stepId: 'verify' }] as const) {
      expect(() => store.apply(id, action, RUNBOOK, T0)).toThrow(`runbook session ${id} (High error rate) is already finished`);
    }
  });

  it('keeps progress, checks and notes across a reopen, and survives a torn last line', async () => {
    const store = await open();
    const { id } = store.start({ runbook: RUNBOOK, alert: makeAlert() }, T0);
    store.apply(id, { type: 'advance', stepId: 'was-there-a-deploy' }, RUNBOOK, at(1));
    store.apply(id, { type: 'advance', stepId: 'roll-back-the-deploy' }, RUNBOOK, at(2));
    store.apply(id, { type: 'check', stepId: 'roll-back-the-deploy', checkId: 'c1', done: true }, RUNBOOK, at(3));
    store.apply(id, { type: 'note', stepId: 'roll-back-the-deploy', text: 'v41' }, RUNBOOK, at(4));
    const expected = store.get(id);

    const reopened = await open();
    expect(reopened.list()).toEqual([expected]);
    expect(reopened.apply(id, { type: 'back' }, RUNBOOK, at(5)).session.currentStepId).toBe('was-there-a-deploy');

    const file = path.join(dir, 'runbook-sessions.jsonl');
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"id":"${id}","runbookId":"app/hi`);
    const afterCrash = await open();
    expect(afterCrash.get(id)?.currentStepId).toBe('was-there-a-deploy');
    expect(afterCrash.get(id)?.notes).toEqual({ 'roll-back-the-deploy': 'v41' });
    expect(problems).toEqual([`${file} line 7: the last line is incomplete (cut short by a crash or a full disk); skipped it and kept it in ${file}.rejected`]);
  });
});
