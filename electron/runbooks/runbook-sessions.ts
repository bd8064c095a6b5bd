import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Alert } from '../../shared/model';
import { RunbookSessionSchema, type RunbookDocument, type RunbookSession, type RunbookSessionAction, type RunbookStep } from '../../shared/runbook';
import { JsonlJournal, type JsonlJournalOptions } from '../persistence/jsonl-journal';

export const RUNBOOK_SESSIONS_FILE_NAME = 'runbook-sessions.jsonl';

/** Something a session action did that belongs on an incident's timeline. */
export interface SessionHappening {
  kind: 'step-done' | 'check-done';
  text: string;
}

/**
 * The journal's record format: version 1 is a whole `RunbookSession` per line (lines written
 * before versions existed carry no `v`). A new format is a higher `version`, one entry in
 * `migrations` and a fixture of the old format in `test/fixtures/persisted/runbook-sessions/`.
 */
export const RUNBOOK_SESSION_RECORDS: Required<Pick<JsonlJournalOptions, 'version' | 'migrations'>> = { version: 1, migrations: {} };

export interface RunbookSessionStoreOptions extends Pick<JsonlJournalOptions, 'compactAboveBytes'> {
  /** Session ids; random UUIDs unless a test wants them predictable. */
  newId?: () => string;
}

/**
 * Runbooks followed in guided mode. Every change appends the whole session (small) to
 * `<dataDir>/runbook-sessions.jsonl`; the last record of a session wins on reopen, so progress,
 * checks and notes survive a crash or restart.
 */
export class RunbookSessionStore {
  private readonly sessions = new Map<string, RunbookSession>();

  private constructor(
    private readonly journal: JsonlJournal<RunbookSession>,
    private readonly newId: () => string,
  ) {
    // The last record of a session wins; the map keeps the order sessions were started in.
    for (const session of journal.records()) this.sessions.set(session.id, session);
  }

  static async open(dir: string, onProblem: (message: string) => void, options: RunbookSessionStoreOptions = {}): Promise<RunbookSessionStore> {
    const journal = await JsonlJournal.open(path.join(dir, RUNBOOK_SESSIONS_FILE_NAME), RunbookSessionSchema, onProblem, {
      compactAboveBytes: options.compactAboveBytes,
      ...RUNBOOK_SESSION_RECORDS,
    });
    return new RunbookSessionStore(journal, options.newId ?? randomUUID);
  }

  /** Every session, most recently started first. */
  list(): RunbookSession[] {
    return [...this.sessions.values()].reverse().sort((a, b) => compareDesc(a.startedAt, b.startedAt)).map((session) => structuredClone(session));
  }

  get(sessionId: string): RunbookSession | undefined {
    const session = this.sessions.get(sessionId);
    return session ? structuredClone(session) : undefined;
  }

  /** Starts following `runbook` at its first step, for an alert (whose labels fill the placeholders) and/or an incident. */
  start(input: { runbook: RunbookDocument; alert?: Alert; incidentId?: string }, now: Date): RunbookSession {
    const { runbook, alert } = input;
    const session: RunbookSession = {
      id: this.newId(),
      runbookId: runbook.id,
      runbookTitle: runbook.title,
      alertFingerprint: alert?.fingerprint ?? null,
      labels: alert ? { ...alert.labels, alertname: alert.labels.alertname ?? alert.name } : {},
      value: alert?.value ?? alert?.annotations.value ?? null,
      incidentId: input.incidentId ?? null,
      startedAt: now.toISOString(),
      currentStepId: runbook.steps[0]?.id ?? null,
      history: [],
      checks: {},
      notes: {},
      completedSteps: [],
      finishedAt: null,
    };
    this.save(session);
    return structuredClone(session);
  }

  /**
   * Applies one guided-mode action. Throws an Error saying what is wrong for an unknown session,
   * step or check, a runbook that is not the session's, or a finished session (only notes may
   * still be written then). `happened` lists what belongs on an incident timeline.
   */
  apply(
    sessionId: string,
    action: RunbookSessionAction,
    runbook: RunbookDocument,
    now: Date,
  ): { session: RunbookSession; happened: SessionHappening[] } {
    const stored = this.sessions.get(sessionId);
    if (!stored) throw new Error(`runbook session ${sessionId} not found`);
    if (runbook.id !== stored.runbookId) throw new Error(`runbook session ${sessionId} follows runbook "${stored.runbookId}", not "${runbook.id}"`);
    if (stored.finishedAt !== null && action.type !== 'note') {
      throw new Error(`runbook session ${sessionId} (${stored.runbookTitle}) is already finished`);
    }
    const session = structuredClone(stored);
    const happened: SessionHappening[] = [];
    const label = runbookLabel(stored.runbookTitle);

    const completeCurrent = (): void => {
      const current = session.currentStepId;
      // A step the runbook no longer has (edited since) is not "done": there is nothing to record.
      if (current === null || session.completedSteps.includes(current) || !findStep(runbook, current)) return;
      session.completedSteps.push(current);
      happened.push({ kind: 'step-done', text: `Step done: ${findStep(runbook, current)?.title ?? current} (${label})` });
    };

    switch (action.type) {
      case 'advance': {
        const target = requireStep(runbook, action.stepId);
        if (session.currentStepId === null) throw new Error(`runbook session ${sessionId} has no current step to move on from`);
        if (session.currentStepId === target.id) throw new Error(`runbook session ${sessionId} is already on step "${target.title}"`);
        completeCurrent();
        session.history.push(session.currentStepId);
        session.currentStepId = target.id;
        break;
      }
      case 'back': {
        const previous = session.history.pop();
        if (previous === undefined) throw new Error(`runbook session ${sessionId} is on its first step: there is no step to go back to`);
        session.currentStepId = previous;
        break;
      }
      case 'check': {
        const step = requireStep(runbook, action.stepId);
        const check = step.checks.find((candidate) => candidate.id === action.checkId);
        if (!check) throw new Error(`step "${step.title}" of runbook "${runbook.title}" has no check with id "${action.checkId}"`);
        const done = session.checks[step.id] ?? [];
        const wasDone = done.includes(check.id);
        if (action.done && !wasDone) {
          session.checks[step.id] = [...done, check.id];
          happened.push({ kind: 'check-done', text: `Check done: ${check.text} (${label})` });
        } else if (!action.done && wasDone) {
          const rest = done.filter((id) => id !== check.id);
          if (rest.length > 0) session.checks[step.id] = rest;
          else delete session.checks[step.id];
        }
        break;
      }
      case 'note': {
        const step = requireStep(runbook, action.stepId);
        if (action.text.trim() === '') delete session.notes[step.id];
        else session.notes[step.id] = action.text;
        break;
      }
      case 'finish': {
        completeCurrent();
        session.finishedAt = now.toISOString();
        break;
      }
    }

    if (JSON.stringify(session) !== JSON.stringify(stored)) this.save(session);
    return { session: structuredClone(session), happened };
  }

  private save(session: RunbookSession): void {
    // Written (and fsynced) before memory changes: what the app shows is what survives a crash.
    this.journal.append(session);
    this.sessions.set(session.id, session);
    this.journal.compactIfLarge(() => [...this.sessions.values()]);
  }
}

function findStep(runbook: RunbookDocument, stepId: string): RunbookStep | undefined {
  return runbook.steps.find((step) => step.id === stepId);
}

function requireStep(runbook: RunbookDocument, stepId: string): RunbookStep {
  const step = findStep(runbook, stepId);
  if (!step) throw new Error(`runbook "${runbook.title}" has no step with id "${stepId}"`);
  return step;
}

/** "High error rate" → "High error rate runbook"; a title that already says runbook is left alone. */
function runbookLabel(title: string): string {
  return /\brunbook$/i.test(title.trim()) ? title.trim() : `${title.trim()} runbook`;
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
