import type { OnCallApi } from '../../../shared/api';
import type { RunbookSessionAction } from '../../../shared/runbook';
import type { AppServices } from '../app-services';
import { resumableSession, type SessionPurpose } from '../lib/runbook-list-model';
import type { RunbookStore } from '../stores/runbook-store';
import { runCommand } from './run-command';

let nextRequestId = 1;

/**
 * Fetches a runbook document for guided mode unless it is held already and still current; one
 * that failed is fetched again the next time it is shown (or at once with `force`). Only the
 * latest request's answer is kept.
 */
export async function loadRunbookDocument(
  { api, runbooks }: { api: Pick<OnCallApi, 'getRunbook'>; runbooks: RunbookStore },
  id: string,
  force = false,
): Promise<void> {
  const entry = runbooks.getState().documents.get(id);
  if (!force && entry && !entry.stale && entry.state !== 'error') return;
  const requestId = nextRequestId++;
  runbooks.getState().documentRequested(id, requestId);
  try {
    const document = await api.getRunbook({ id });
    if (document.id !== id) throw new Error(`the engine answered with runbook "${document.id}"`);
    runbooks.getState().documentLoaded(id, requestId, document);
  } catch (error) {
    runbooks.getState().documentFailed(id, requestId, error instanceof Error ? error.message : String(error));
  }
}

/** Searches titles, tags and bodies; an empty query cancels any search on its way (the list shows every runbook). */
export async function searchRunbooks({ api, runbooks }: { api: Pick<OnCallApi, 'searchRunbooks'>; runbooks: RunbookStore }, query: string): Promise<void> {
  const trimmed = query.trim().slice(0, 500);
  const requestId = nextRequestId++;
  runbooks.getState().searchRequested(requestId);
  if (trimmed === '') return;
  try {
    const { results } = await api.searchRunbooks({ query: trimmed });
    runbooks.getState().searchAnswered(requestId, { query: trimmed, ids: results.map((result) => result.id) });
  } catch (error) {
    runbooks.getState().searchFailed(requestId, error instanceof Error ? error.message : String(error));
  }
}

/** Shows a session in guided mode, in the Runbooks view. */
export function openRunbookSession({ runbooks, ui }: Pick<AppServices, 'runbooks' | 'ui'>, sessionId: string): void {
  runbooks.getState().openSession(sessionId);
  ui.getState().setView('runbooks');
}

/**
 * Follows a runbook in guided mode, for an alert, an incident, or by hand: resumes the unfinished
 * session for the same purpose when there is one, otherwise starts a new one. `show` switches to
 * the Runbooks view; the incident checklist is followed where it is.
 */
export async function followRunbook(services: AppServices, runbookId: string, purpose: SessionPurpose = {}, show = true): Promise<string | undefined> {
  const { api, runbooks, ui } = services;
  let sessionId = resumableSession(runbooks.getState().sessions, runbookId, purpose)?.id;
  if (sessionId === undefined) {
    const sentAt = runbooks.getState().eventCount;
    const session = await runCommand(ui, 'start the runbook', () =>
      api.startRunbookSession({
        runbookId,
        ...(purpose.alertFingerprint ? { alertFingerprint: purpose.alertFingerprint } : {}),
        ...(purpose.incidentId ? { incidentId: purpose.incidentId } : {}),
      }),
    );
    if (!session) return undefined;
    runbooks.getState().applySessionAnswer(session, sentAt);
    sessionId = session.id;
  }
  if (show) openRunbookSession(services, sessionId);
  return sessionId;
}

const ACTION_WORDS: Record<RunbookSessionAction['type'], string> = {
  advance: 'go to the next step',
  back: 'go back a step',
  check: 'save the check',
  note: 'save the note',
  finish: 'finish the runbook',
};

/** Moves a session along; false when the engine refused (the reason shows in the command error banner). */
export async function updateRunbookSession({ api, runbooks, ui }: AppServices, sessionId: string, action: RunbookSessionAction): Promise<boolean> {
  const sentAt = runbooks.getState().eventCount;
  const session = await runCommand(ui, ACTION_WORDS[action.type], () => api.updateRunbookSession({ sessionId, action }));
  if (session) runbooks.getState().applySessionAnswer(session, sentAt);
  return session !== undefined;
}

/** Ticks or unticks a check at once; put back if the engine refuses. */
export async function toggleRunbookCheck(services: AppServices, sessionId: string, stepId: string, checkId: string, done: boolean): Promise<void> {
  const { runbooks } = services;
  runbooks.getState().setCheckLocally(sessionId, stepId, checkId, done);
  const sentAt = runbooks.getState().eventCount;
  const saved = await updateRunbookSession(services, sessionId, { type: 'check', stepId, checkId, done });
  if (!saved && runbooks.getState().eventCount === sentAt) runbooks.getState().setCheckLocally(sessionId, stepId, checkId, !done);
}
