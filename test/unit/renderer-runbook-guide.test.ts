import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/incident';
import type { RunbookSession, RunbookStep, RunbookSummary } from '../../shared/runbook';
import { buildGuideModel, filledText, guideKeyAction } from '../../renderer/src/lib/runbook-guide-model';
import {
  buildRunbookList,
  resumableSession,
  sessionPurposeText,
  stepRunbookSelection,
  unfinishedSessions,
} from '../../renderer/src/lib/runbook-list-model';
import { formatElapsed, isoDuration } from '../../renderer/src/lib/format-age';
import { runbookSession } from '../helpers/runbook-session';

const step = (id: string, overrides: Partial<RunbookStep> = {}): RunbookStep => ({
  id,
  title: id,
  markdown: '',
  checks: [],
  commands: [],
  choices: [],
  ...overrides,
});

const document = {
  steps: [
    step('check-the-deploy', { choices: [{ label: 'Yes: roll back', targetStepId: 'roll-back' }, { label: 'No', targetStepId: 'check-dependencies' }] }),
    step('check-dependencies'),
    step('roll-back', { title: 'Roll back {{ $labels.service }}' }),
    step('verify'),
  ],
};

function session(overrides: Partial<RunbookSession> = {}): RunbookSession {
  return runbookSession({ runbookId: 'high-error-rate.md', runbookTitle: 'High error rate', currentStepId: 'check-the-deploy', ...overrides });
}

describe('guided mode: the view model', () => {
  it('on a step with choices: no Next, the choices with their targets, no Back at the start', () => {
    const model = buildGuideModel(document, session());
    expect(model).toMatchObject({ position: 1, total: 4, progressText: 'Step 1 of 4', progress: 0.25, canBack: false, showNext: false, showFinish: false, nextStepId: null });
    expect(model.step?.id).toBe('check-the-deploy');
    expect(model.choices).toEqual([
      { label: 'Yes: roll back', targetStepId: 'roll-back', targetTitle: 'Roll back {{ $labels.service }}', disabled: false },
      { label: 'No', targetStepId: 'check-dependencies', targetTitle: 'check-dependencies', disabled: false },
    ]);
  });

  it('on a plain step: Next to the following step in the runbook, Back along the path taken', () => {
    const model = buildGuideModel(document, session({ currentStepId: 'roll-back', history: ['check-the-deploy'], completedSteps: ['check-the-deploy'] }));
    expect(model).toMatchObject({ position: 3, progressText: 'Step 3 of 4', canBack: true, showNext: true, nextStepId: 'verify', showFinish: false, completedCount: 1 });
  });

  it('on the last step: Finish instead of Next', () => {
    const model = buildGuideModel(document, session({ currentStepId: 'verify', history: ['check-the-deploy', 'roll-back'] }));
    expect(model).toMatchObject({ position: 4, progress: 1, showNext: false, showFinish: true, nextStepId: null, canBack: true });
  });

  it('on a last step with choices: the choices and Finish', () => {
    const steps = [step('a'), step('b', { choices: [{ label: 'Again', targetStepId: 'a' }] })];
    const model = buildGuideModel({ steps }, session({ currentStepId: 'b', history: ['a'] }));
    expect(model).toMatchObject({ showNext: false, showFinish: true });
    expect(model.choices.map((choice) => choice.targetStepId)).toEqual(['a']);
  });

  it('disables a choice that leads to the step on screen, and drops one to a step that no longer exists', () => {
    const steps = [step('a', { choices: [{ label: 'Stay', targetStepId: 'a' }, { label: 'Gone', targetStepId: 'removed' }] }), step('b')];
    const model = buildGuideModel({ steps }, session({ currentStepId: 'a' }));
    expect(model.choices).toEqual([{ label: 'Stay', targetStepId: 'a', targetTitle: 'a', disabled: true }]);
  });

  it('when finished: no step, full progress, nothing to press', () => {
    const model = buildGuideModel(document, session({ currentStepId: 'verify', finishedAt: '2026-11-26T12:30:00.000Z', completedSteps: ['check-the-deploy', 'roll-back', 'verify'] }));
    expect(model).toMatchObject({ finished: true, step: null, progress: 1, canBack: false, showNext: false, showFinish: false, choices: [] });
    expect(model.progressText).toBe('Finished: 3 of 4 steps done');
  });

  it('when the step is no longer in the runbook: says so, offers Back but neither Next nor Finish', () => {
    const model = buildGuideModel(document, session({ currentStepId: 'renamed-step', history: ['check-the-deploy'] }));
    expect(model).toMatchObject({ stepMissing: true, step: null, canBack: true, showNext: false, showFinish: false, position: 0 });
  });

  it('a runbook without steps can only be finished', () => {
    const model = buildGuideModel({ steps: [] }, session({ currentStepId: null }));
    expect(model).toMatchObject({ total: 0, progressText: 'This runbook has no steps', showFinish: true, showNext: false, stepMissing: false });
  });

  it('fills titles and labels with the alert values', () => {
    expect(filledText('Roll back {{ $labels.service }}', session({ labels: { service: 'checkout' } }))).toBe('Roll back checkout');
    expect(filledText('Roll back {{ $labels.service }}', session())).toBe('Roll back <service?>');
  });
});

describe('guided mode: keys', () => {
  const press = (key: string, extra: Partial<Parameters<typeof guideKeyAction>[0]> = {}) =>
    guideKeyAction({ key, ctrlKey: false, metaKey: false, altKey: false, editable: false, ...extra });

  it('n and → go next, b and ← go back', () => {
    expect([press('n'), press('ArrowRight'), press('b'), press('ArrowLeft'), press('x')]).toEqual(['next', 'next', 'back', 'back', null]);
  });

  it('leaves typing and chords alone', () => {
    expect(press('n', { editable: true })).toBeNull();
    expect(press('ArrowLeft', { editable: true })).toBeNull();
    expect(press('b', { ctrlKey: true })).toBeNull();
    expect(press('ArrowRight', { altKey: true })).toBeNull();
  });
});

describe('elapsed time', () => {
  it.each([
    [0, '0:00', 'PT0S'],
    [42_000, '0:42', 'PT42S'],
    [12 * 60_000 + 5_000, '12:05', 'PT12M5S'],
    [3_725_000, '1:02:05', 'PT1H2M5S'],
    [-5, '0:00', 'PT0S'],
  ])('%d ms reads %s', (ms, text, iso) => {
    expect(formatElapsed(ms)).toBe(text);
    expect(isoDuration(ms)).toBe(iso);
  });
});

const summary = (id: string, title: string): RunbookSummary => ({
  id,
  title,
  file: id,
  services: [],
  alerts: null,
  severity: null,
  owner: null,
  tags: [],
  error: null,
});

describe('the runbook list', () => {
  const runbooks = [summary('disk.md', 'Disk filling up'), summary('certs.md', 'certificate expiring'), summary('errors.md', 'High error rate')];

  it('lists every runbook by title (case-insensitively) for an empty query', () => {
    const model = buildRunbookList(runbooks, '  ', null);
    expect(model.mode).toBe('all');
    expect(model.rows.map((runbook) => runbook.title)).toEqual(['certificate expiring', 'Disk filling up', 'High error rate']);
  });

  it('shows search results best first, skipping ids the engine no longer lists', () => {
    const model = buildRunbookList(runbooks, 'disk', { query: 'disk', ids: ['disk.md', 'gone.md', 'errors.md'] });
    expect(model).toMatchObject({ mode: 'results', totalCount: 3 });
    expect(model.rows.map((runbook) => runbook.id)).toEqual(['disk.md', 'errors.md']);
  });

  it('keeps the previous results while the answer for a newer query is on its way', () => {
    const model = buildRunbookList(runbooks, 'disk f', { query: 'disk', ids: ['disk.md'] });
    expect(model.mode).toBe('searching');
    expect(model.rows.map((runbook) => runbook.id)).toEqual(['disk.md']);
    expect(buildRunbookList(runbooks, 'disk', null)).toMatchObject({ mode: 'searching', rows: [] });
  });

  it('moves the selection with j/k, stopping at the ends', () => {
    const model = buildRunbookList(runbooks, '', null);
    expect(stepRunbookSelection(model, null, 1)).toBe('certs.md');
    expect(stepRunbookSelection(model, 'certs.md', 1)).toBe('disk.md');
    expect(stepRunbookSelection(model, 'errors.md', 1)).toBe('errors.md');
    expect(stepRunbookSelection(model, 'certs.md', -1)).toBe('certs.md');
  });
});

describe('sessions to resume', () => {
  const sessions = [
    session({ id: 'old-hand', startedAt: '2026-11-26T10:00:00Z' }),
    session({ id: 'new-hand', startedAt: '2026-11-26T11:00:00Z' }),
    session({ id: 'alert', alertFingerprint: 'fp1', labels: { alertname: 'HighErrorRate', service: 'checkout' }, startedAt: '2026-11-26T11:30:00Z' }),
    session({ id: 'done', startedAt: '2026-11-26T12:00:00Z', finishedAt: '2026-11-26T12:10:00Z' }),
    session({ id: 'incident', incidentId: 'i1', startedAt: '2026-11-26T11:45:00Z' }),
  ];

  it('lists the unfinished ones, most recent first', () => {
    expect(unfinishedSessions(sessions).map((candidate) => candidate.id)).toEqual(['incident', 'alert', 'new-hand', 'old-hand']);
  });

  it('resumes the most recent unfinished session for the same runbook and purpose', () => {
    expect(resumableSession(sessions, 'high-error-rate.md', {})?.id).toBe('new-hand');
    expect(resumableSession(sessions, 'high-error-rate.md', { alertFingerprint: 'fp1' })?.id).toBe('alert');
    expect(resumableSession(sessions, 'high-error-rate.md', { alertFingerprint: 'fp2' })).toBeUndefined();
    expect(resumableSession(sessions, 'high-error-rate.md', { incidentId: 'i1' })?.id).toBe('incident');
    expect(resumableSession(sessions, 'other.md', {})).toBeUndefined();
  });

  it('says what a session is for', () => {
    const incidents = [{ id: 'i1', title: 'Checkout down', checklistSessionId: 'checklist' }] as Pick<Incident, 'id' | 'title' | 'checklistSessionId'>[];
    expect(sessionPurposeText(sessions[0]!, incidents)).toBe('opened by hand');
    expect(sessionPurposeText(sessions[2]!, incidents)).toBe('for alert HighErrorRate (checkout)');
    expect(sessionPurposeText(sessions[4]!, incidents)).toBe('for incident “Checkout down”');
    expect(sessionPurposeText(session({ id: 'checklist' }), incidents)).toBe('checklist of incident “Checkout down”');
  });
});
