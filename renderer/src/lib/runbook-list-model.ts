import type { Incident } from '../../../shared/incident';
import type { RunbookSession, RunbookSummary } from '../../../shared/runbook';
import { memoizeLast } from './memoize-last';

/** The latest answer of `searchRunbooks`: ids best first, for the query it answered. */
export interface RunbookSearchResults {
  query: string;
  ids: readonly string[];
}

export interface RunbookListModel {
  rows: RunbookSummary[];
  indexById: ReadonlyMap<string, number>;
  /** all: no query, every runbook by title; results: the answer for the query shown; searching: an older answer, the new one is on its way. */
  mode: 'all' | 'results' | 'searching';
  totalCount: number;
}

export function compareRunbookTitles(a: Pick<RunbookSummary, 'title' | 'id'>, b: Pick<RunbookSummary, 'title' | 'id'>): number {
  return a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * What the runbook list shows: with an empty query every runbook by title; otherwise the search
 * answer in its order (ids the engine no longer lists are skipped). While the answer for a newer
 * query is on its way the previous answer stays, so the list does not flicker at every key.
 */
export function buildRunbookList(runbooks: readonly RunbookSummary[], query: string, results: RunbookSearchResults | null): RunbookListModel {
  let rows: RunbookSummary[];
  let mode: RunbookListModel['mode'];
  if (query.trim() === '') {
    rows = [...runbooks].sort(compareRunbookTitles);
    mode = 'all';
  } else if (results === null) {
    rows = [];
    mode = 'searching';
  } else {
    const byId = new Map(runbooks.map((runbook) => [runbook.id, runbook]));
    rows = results.ids.flatMap((id) => byId.get(id) ?? []);
    mode = results.query === query.trim() ? 'results' : 'searching';
  }
  return { rows, indexById: new Map(rows.map((runbook, index) => [runbook.id, index])), mode, totalCount: runbooks.length };
}

export const selectRunbookList: (runbooks: readonly RunbookSummary[], query: string, results: RunbookSearchResults | null) => RunbookListModel =
  memoizeLast(buildRunbookList);

/** The id one row further in `direction`, stopping at the ends; with nothing (visible) selected, the first row. */
export function stepRunbookSelection(model: Pick<RunbookListModel, 'rows' | 'indexById'>, selected: string | null, direction: 1 | -1): string | null {
  const current = selected === null ? undefined : model.indexById.get(selected);
  if (current === undefined) return model.rows[0]?.id ?? null;
  const next = Math.min(model.rows.length - 1, Math.max(0, current + direction));
  return model.rows[next]?.id ?? selected;
}

/** Sessions still in progress, most recently started first: the ones to resume. */
export function unfinishedSessions(sessions: readonly RunbookSession[]): RunbookSession[] {
  return sessions.filter((session) => session.finishedAt === null).sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

export interface SessionPurpose {
  alertFingerprint?: string | null;
  incidentId?: string | null;
}

/**
 * The unfinished session to resume instead of starting another: the same runbook for the same
 * alert and incident (or, for one opened by hand, another opened by hand). Most recent first.
 */
export function resumableSession(sessions: readonly RunbookSession[], runbookId: string, purpose: SessionPurpose): RunbookSession | undefined {
  const alert = purpose.alertFingerprint ?? null;
  const incident = purpose.incidentId ?? null;
  return unfinishedSessions(sessions).find(
    (session) => session.runbookId === runbookId && session.alertFingerprint === alert && session.incidentId === incident,
  );
}

/** What a session is for, in words: "for alert HighErrorRate (checkout)", "checklist of incident “Checkout down”", "opened by hand". */
export function sessionPurposeText(session: RunbookSession, incidents: readonly Pick<Incident, 'id' | 'title' | 'checklistSessionId'>[]): string {
  const checklistOf = incidents.find((candidate) => candidate.checklistSessionId === session.id);
  if (checklistOf) return `checklist of incident “${checklistOf.title}”`;
  const incident = incidents.find((candidate) => candidate.id === session.incidentId);
  const parts: string[] = [];
  if (incident) parts.push(`incident “${incident.title}”`);
  if (session.alertFingerprint !== null) {
    const name = session.labels.alertname ?? 'an alert';
    const where = session.labels.service ?? session.labels.job ?? session.labels.instance;
    parts.push(`alert ${where ? `${name} (${where})` : name}`);
  }
  return parts.length > 0 ? `for ${parts.join(', ')}` : 'opened by hand';
}
