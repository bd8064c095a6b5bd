import { createAppServices } from '../../renderer/src/create-app-services';
import { describe, expect, it, vi } from 'vitest';
import { ApiCallError, type OnCallApi } from '../../shared/api';
import type { Incident } from '../../shared/incident';
import type { RunbookDocument, RunbookSession, RunbookSet, RunbookSummary } from '../../shared/runbook';
import { declareIncident, markKeyMoment, updateIncident } from '../../renderer/src/actions/incidents';
import { followRunbook, loadRunbookDocument, searchRunbooks, toggleRunbookCheck, updateRunbookSession } from '../../renderer/src/actions/runbooks';
import { createIncidentStore } from '../../renderer/src/stores/incident-store';
import { createRunbookStore, documentsMayHaveChanged } from '../../renderer/src/stores/runbook-store';
import { runbookSession } from '../helpers/runbook-session';

const summary = (id: string, title = id): RunbookSummary => ({ id, title, file: id, services: [], alerts: null, severity: null, owner: null, tags: [], error: null });
const documentOf = (id: string, title = id): RunbookDocument => ({ ...summary(id, title), intro: '', steps: [] });

function session(id: string, overrides: Partial<RunbookSession> = {}): RunbookSession {
  return runbookSession({ id, currentStepId: 'a', ...overrides });
}

const set = (sessions: RunbookSession[], runbooks = [summary('disk.md')], errors: string[] = []): RunbookSet => ({ runbooks, sessions, errors });

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    title: id,
    severity: 'SEV3',
    status: 'investigating',
    roles: { commander: '', communications: '', operations: '' },
    declaredAt: '2026-11-26T10:00:00.000Z',
    resolvedAt: null,
    origin: 'by hand',
    linkedAlerts: [],
    linkedRunbooks: [],
    linkedSlos: [],
    checklistSessionId: null,
    timeline: [],
    ...overrides,
  };
}

/** Every store, and an api with only the commands a test gives it. */
const services = (api: Partial<OnCallApi>) => createAppServices(api as OnCallApi);

/** A promise resolved by hand. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('runbook store', () => {
  it('holds nothing until the first set, then the runbooks, sessions and folder errors', () => {
    const store = createRunbookStore();
    expect(store.getState()).toMatchObject({ loaded: false, runbooks: [], sessions: [], errors: [] });
    store.getState().applySnapshot(set([session('s1')], [summary('disk.md')], ['runbooks/missing: no such folder']));
    expect(store.getState()).toMatchObject({ loaded: true, awaitingSnapshot: false, errors: ['runbooks/missing: no such folder'] });
    expect(store.getState().sessions.map((s) => s.id)).toEqual(['s1']);
  });

  it('tells a set that only moved sessions along from one that may have changed the documents', () => {
    const before = set([session('s1')]);
    expect(documentsMayHaveChanged(before, set([session('s1', { currentStepId: 'b' })]))).toBe(false);
    expect(documentsMayHaveChanged(before, set([session('s1')], [summary('disk.md', 'Disk filling up')]))).toBe(true);
    expect(documentsMayHaveChanged(before, set([session('s1')], [summary('disk.md')], ['runbooks/x.md: unreadable']))).toBe(true);
    // Nothing visible changed: a file was reloaded, perhaps only its body.
    expect(documentsMayHaveChanged(before, set([session('s1')]))).toBe(true);
  });

  it('marks fetched documents stale when the runbooks may have changed, and forgets those of removed runbooks', () => {
    const store = createRunbookStore();
    store.getState().applySnapshot(set([session('s1')], [summary('disk.md'), summary('certs.md')]));
    store.getState().documentRequested('disk.md', 1);
    store.getState().documentLoaded('disk.md', 1, documentOf('disk.md'));
    store.getState().documentRequested('certs.md', 2);
    store.getState().documentLoaded('certs.md', 2, documentOf('certs.md'));

    store.getState().applyEvent(set([session('s1', { currentStepId: 'b' })], [summary('disk.md'), summary('certs.md')]));
    expect(store.getState().documents.get('disk.md')?.stale).toBe(false);

    store.getState().applyEvent(set([session('s1', { currentStepId: 'b' })], [summary('disk.md', 'Disk filling up')]));
    expect(store.getState().documents.get('disk.md')).toMatchObject({ stale: true, state: 'loaded' });
    expect(store.getState().documents.has('certs.md')).toBe(false);
  });

  it('does not take the echo of an answer already applied for a reloaded file', () => {
    const store = createRunbookStore();
    store.getState().applySnapshot(set([session('s1')]));
    store.getState().documentRequested('disk.md', 1);
    store.getState().documentLoaded('disk.md', 1, documentOf('disk.md'));
    store.getState().applySessionAnswer(session('s2'), store.getState().eventCount);
    store.getState().setCheckLocally('s1', 'a', 'a/check-1', true);
    store.getState().applyEvent(set([session('s2'), session('s1', { checks: { a: ['a/check-1'] } })]));
    expect(store.getState().documents.get('disk.md')?.stale).toBe(false);
  });

  it('applies a command answer only when no set arrived since the command was sent', () => {
    const store = createRunbookStore();
    store.getState().applySnapshot(set([session('s1')]));
    const sentAt = store.getState().eventCount;
    store.getState().applySessionAnswer(session('s1', { currentStepId: 'b' }), sentAt);
    expect(store.getState().sessions[0]?.currentStepId).toBe('b');
    store.getState().applySessionAnswer(session('s2'), sentAt);
    expect(store.getState().sessions.map((s) => s.id)).toEqual(['s2', 's1']);

    store.getState().applyEvent(set([session('s1', { currentStepId: 'c' })]));
    store.getState().applySessionAnswer(session('s1', { currentStepId: 'b' }), sentAt);
    expect(store.getState().sessions.map((s) => `${s.id}:${s.currentStepId}`)).toEqual(['s1:c']);
  });

  it('ticks and unticks a check locally', () => {
    const store = createRunbookStore();
    store.getState().applySnapshot(set([session('s1', { checks: { a: ['a/check-1'] } })]));
    store.getState().setCheckLocally('s1', 'a', 'a/check-2', true);
    expect(store.getState().sessions[0]?.checks).toEqual({ a: ['a/check-1', 'a/check-2'] });
    store.getState().setCheckLocally('s1', 'a', 'a/check-1', false);
    expect(store.getState().sessions[0]?.checks).toEqual({ a: ['a/check-2'] });
  });
});

describe('runbook actions', () => {
  it('fetches a document once, again when stale (showing the old one meanwhile), and retries after an error', async () => {
    const answers = [deferred<RunbookDocument>(), deferred<RunbookDocument>(), deferred<RunbookDocument>()];
    let call = 0;
    const getRunbook = vi.fn(() => answers[call++]!.promise);
    const app = services({ getRunbook });
    app.runbooks.getState().applySnapshot(set([], [summary('disk.md')]));

    const first = loadRunbookDocument(app, 'disk.md');
    void loadRunbookDocument(app, 'disk.md');
    answers[0]!.resolve(documentOf('disk.md', 'v1'));
    await first;
    expect(getRunbook).toHaveBeenCalledTimes(1);
    expect(app.runbooks.getState().documents.get('disk.md')?.document?.title).toBe('v1');

    await loadRunbookDocument(app, 'disk.md');
    expect(getRunbook).toHaveBeenCalledTimes(1);

    app.runbooks.getState().applyEvent(set([], [summary('disk.md', 'renamed')]));
    const second = loadRunbookDocument(app, 'disk.md');
    expect(app.runbooks.getState().documents.get('disk.md')).toMatchObject({ state: 'loading', stale: false });
    expect(app.runbooks.getState().documents.get('disk.md')?.document?.title).toBe('v1');
    answers[1]!.reject(new ApiCallError('failed', 'no runbook with id "disk.md"'));
    await second;
    expect(app.runbooks.getState().documents.get('disk.md')).toMatchObject({ state: 'error', error: 'no runbook with id "disk.md"' });

    const third = loadRunbookDocument(app, 'disk.md');
    answers[2]!.resolve(documentOf('disk.md', 'v2'));
    await third;
    expect(app.runbooks.getState().documents.get('disk.md')).toMatchObject({ state: 'loaded', error: null });
    expect(getRunbook).toHaveBeenCalledTimes(3);
  });

  it('refuses a document for another id', async () => {
    const app = services({ getRunbook: async () => documentOf('other.md') });
    await loadRunbookDocument(app, 'disk.md');
    expect(app.runbooks.getState().documents.get('disk.md')?.error).toMatch(/other\.md/);
  });

  it('keeps only the answer to the latest search; an empty query cancels the one on its way', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<{ results: { id: string; score: number }[] }>>>();
    const searchRunbooksApi = vi.fn(({ query }: { query: string }) => {
      const answer = deferred<{ results: { id: string; score: number }[] }>();
      answers.set(query, answer);
      return answer.promise;
    });
    const app = services({ searchRunbooks: searchRunbooksApi });
    const slow = searchRunbooks(app, 'dis');
    const fast = searchRunbooks(app, ' disk ');
    answers.get('disk')!.resolve({ results: [{ id: 'disk.md', score: 3 }] });
    await fast;
    answers.get('dis')!.resolve({ results: [{ id: 'old.md', score: 1 }] });
    await slow;
    expect(app.runbooks.getState().searchResults).toEqual({ query: 'disk', ids: ['disk.md'] });

    const cancelled = searchRunbooks(app, 'cert');
    await searchRunbooks(app, '');
    answers.get('cert')!.resolve({ results: [{ id: 'certs.md', score: 1 }] });
    await cancelled;
    expect(app.runbooks.getState().searchResults?.query).toBe('disk');
    expect(searchRunbooksApi).toHaveBeenCalledTimes(3);
  });

  it('follows a runbook: resumes the unfinished session for the same purpose, or starts one, and shows it', async () => {
    const startRunbookSession = vi.fn(async (input: { runbookId: string; alertFingerprint?: string }) =>
      session('new', { runbookId: input.runbookId, alertFingerprint: input.alertFingerprint ?? null }),
    );
    const app = services({ startRunbookSession });
    app.runbooks.getState().applySnapshot(set([session('by-hand'), session('for-fp1', { alertFingerprint: 'fp1' })]));

    expect(await followRunbook(app, 'disk.md', { alertFingerprint: 'fp1' })).toBe('for-fp1');
    expect(startRunbookSession).not.toHaveBeenCalled();
    expect(app.ui.getState().view).toBe('runbooks');
    expect(app.runbooks.getState().openSessionId).toBe('for-fp1');

    expect(await followRunbook(app, 'disk.md', { alertFingerprint: 'fp2' })).toBe('new');
    expect(startRunbookSession).toHaveBeenCalledWith({ runbookId: 'disk.md', alertFingerprint: 'fp2' });
    expect(app.runbooks.getState().sessions.map((s) => s.id)).toContain('new');
    expect(app.runbooks.getState().openSessionId).toBe('new');
  });

  it('shows a refused start as a command error and opens nothing', async () => {
    const app = services({
      startRunbookSession: async () => {
        throw new ApiCallError('failed', 'no runbook with id "gone.md"');
      },
    });
    expect(await followRunbook(app, 'gone.md')).toBeUndefined();
    expect(app.ui.getState().commandError).toBe('Could not start the runbook: no runbook with id "gone.md"');
    expect(app.runbooks.getState().openSessionId).toBeNull();
  });

  it('ticks a check at once and takes it back if the engine refuses', async () => {
    const answer = deferred<RunbookSession>();
    const app = services({ updateRunbookSession: () => answer.promise });
    app.runbooks.getState().applySnapshot(set([session('s1')]));
    const toggled = toggleRunbookCheck(app, 's1', 'a', 'a/check-1', true);
    expect(app.runbooks.getState().sessions[0]?.checks).toEqual({ a: ['a/check-1'] });
    answer.reject(new ApiCallError('failed', 'runbook session s1 (Disk) is already finished'));
    await toggled;
    expect(app.runbooks.getState().sessions[0]?.checks).toEqual({ a: [] });
    expect(app.ui.getState().commandError).toMatch(/already finished/);
  });

  it('applies the session an update answers with', async () => {
    const app = services({ updateRunbookSession: async () => session('s1', { currentStepId: 'b', history: ['a'] }) });
    app.runbooks.getState().applySnapshot(set([session('s1')]));
    expect(await updateRunbookSession(app, 's1', { type: 'advance', stepId: 'b' })).toBe(true);
    expect(app.runbooks.getState().sessions[0]?.currentStepId).toBe('b');
  });
});

describe('incident store and actions', () => {
  it('takes the snapshot, then every incidentsChanged; a command answer only if no list came since', () => {
    const store = createIncidentStore();
    store.getState().applySnapshot([incident('i1')]);
    expect(store.getState()).toMatchObject({ loaded: true, awaitingSnapshot: false });
    const sentAt = store.getState().eventCount;
    store.getState().applyEvent([incident('i1', { status: 'identified' })]);
    store.getState().applyAnswer(incident('i1', { status: 'investigating' }), sentAt);
    expect(store.getState().incidents[0]?.status).toBe('identified');
    store.getState().applyAnswer(incident('i2'), store.getState().eventCount);
    expect(store.getState().incidents.map((item) => item.id)).toEqual(['i2', 'i1']);
  });

  it('opens a detail in place of the declare form, and a new draft afresh', () => {
    const store = createIncidentStore();
    store.getState().startDraft({ title: 'a', severity: 'SEV2', roles: { commander: '', communications: '', operations: '' }, origin: 'by hand', runbooks: [] });
    const key = store.getState().draft?.key;
    store.getState().startDraft({ title: 'b', severity: 'SEV2', roles: { commander: '', communications: '', operations: '' }, origin: 'by hand', runbooks: [] });
    expect(store.getState().draft?.key).not.toBe(key);
    store.getState().openDetail('i1');
    expect(store.getState()).toMatchObject({ draft: null, detailOpen: true, selectedId: 'i1' });
  });

  it('declares: shows the new incident in the Incidents view', async () => {
    const app = services({ declareIncident: async () => incident('new', { title: 'Checkout down', severity: 'SEV2' }) });
    app.incidents.getState().applySnapshot([]);
    const declared = await declareIncident(app, { title: 'Checkout down', severity: 'SEV2' });
    expect(declared?.id).toBe('new');
    expect(app.ui.getState().view).toBe('incidents');
    expect(app.incidents.getState()).toMatchObject({ selectedId: 'new', detailOpen: true });
    expect(app.incidents.getState().incidents.map((item) => item.title)).toEqual(['Checkout down']);
  });

  it('changes the status at once, and takes it back if the engine refuses', async () => {
    const answer = deferred<Incident>();
    const app = services({ updateIncident: () => answer.promise });
    app.incidents.getState().applySnapshot([incident('i1')]);
    const updated = updateIncident(app, { id: 'i1', status: 'resolved' }, 'change the status', { status: 'resolved', resolvedAt: '2026-11-26T11:00:00Z' });
    expect(app.incidents.getState().incidents[0]).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-26T11:00:00Z' });
    answer.reject(new ApiCallError('invalid-input', 'status: invalid'));
    expect(await updated).toBe(false);
    expect(app.incidents.getState().incidents[0]).toMatchObject({ status: 'investigating', resolvedAt: null });
  });

  it('does not take a change back over a list the engine pushed meanwhile', async () => {
    const answer = deferred<Incident>();
    const app = services({ updateIncident: () => answer.promise });
    app.incidents.getState().applySnapshot([incident('i1')]);
    const updated = updateIncident(app, { id: 'i1', status: 'monitoring' }, 'change the status', { status: 'monitoring' });
    app.incidents.getState().applyEvent([incident('i1', { status: 'identified' })]);
    answer.reject(new ApiCallError('failed', 'disk full'));
    await updated;
    expect(app.incidents.getState().incidents[0]?.status).toBe('identified');
  });

  it('stars a key moment at once', async () => {
    const entry = { id: 'e1', at: '2026-11-26T10:00:00Z', kind: 'note' as const, text: 'rolled back', key: false };
    const answer = deferred<Incident>();
    const markKeyMomentApi = vi.fn(() => answer.promise);
    const app = services({ markKeyMoment: markKeyMomentApi });
    app.incidents.getState().applySnapshot([incident('i1', { timeline: [entry] })]);
    const marked = markKeyMoment(app, 'i1', 'e1', true);
    expect(app.incidents.getState().incidents[0]?.timeline[0]?.key).toBe(true);
    answer.resolve(incident('i1', { timeline: [{ ...entry, key: true }] }));
    await marked;
    expect(markKeyMomentApi).toHaveBeenCalledWith({ id: 'i1', entryId: 'e1', key: true });
    expect(app.incidents.getState().incidents[0]?.timeline[0]?.key).toBe(true);
  });
});
