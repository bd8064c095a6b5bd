import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { Alert } from '../../shared/model';
import type { RunbookDocument, RunbookSession, RunbookSessionAction, RunbookSet } from '../../shared/runbook';
import { loadRunbookCatalog, watchRunbookCatalog } from './runbook-catalog';
import { parseRunbook } from './runbook-parser';
import { createRunbookIndex } from './runbook-search';
import type { RunbookSessionStore } from './runbook-sessions';

/** The id of the built-in incident checklist, followed in the same guided mode as runbooks. */
export const INCIDENT_CHECKLIST_ID = 'incident-checklist';

export interface SessionProgress {
  session: RunbookSession;
  happened: Array<{ kind: 'step-done' | 'check-done'; text: string }>;
}

/**
 * The runbooks from the config's `runbooks:` folders (reloaded on change), their search index,
 * the incident checklist template, and the guided sessions that follow them.
 */
export class RunbookService extends EventEmitter<{ changed: [RunbookSet]; progress: [SessionProgress] }> {
  private documents = new Map<string, RunbookDocument>();
  private errors: string[] = [];
  private index = createRunbookIndex([]);
  private stopWatching: (() => void) | undefined;
  private generation = 0;

  constructor(
    private readonly sessions: RunbookSessionStore,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    super();
  }

  /** Loads the runbook folders and the checklist template, and follows their changes. */
  async apply(paths: string[], baseDir: string, checklistFile: string): Promise<void> {
    const generation = ++this.generation;
    this.stopWatching?.();
    const reload = async () => {
      const [catalog, checklist] = await Promise.all([loadRunbookCatalog(paths, baseDir), readChecklist(checklistFile)]);
      if (generation !== this.generation) return;
      this.documents = new Map(catalog.documents.map((document) => [document.id, document]));
      this.documents.set(INCIDENT_CHECKLIST_ID, checklist);
      this.errors = catalog.errors;
      for (const error of catalog.errors) this.log(`runbooks: ${error}`);
      this.index = createRunbookIndex([...this.documents.values()]);
      this.emitChanged();
    };
    await reload();
    // A newer config arrived while this one loaded: it installs its own watcher.
    if (generation !== this.generation) return;
    this.stopWatching = watchRunbookCatalog([...paths, checklistFile], baseDir, () => void reload());
  }

  stop(): void {
    this.generation++;
    this.stopWatching?.();
  }

  get set(): RunbookSet {
    const runbooks = [...this.documents.values()]
      .map(({ intro: _intro, steps: _steps, ...summary }) => summary)
      .sort((a, b) => a.title.localeCompare(b.title));
    return { runbooks, sessions: this.sessions.list(), errors: this.errors };
  }

  document(id: string): RunbookDocument {
    const document = this.documents.get(id);
    if (!document) throw new Error(`no runbook with id "${id}"`);
    return document;
  }

  search(query: string): Array<{ id: string; score: number }> {
    return this.index.search(query);
  }

  startSession(input: { runbookId: string; alert?: Alert; incidentId?: string }, now: Date): RunbookSession {
    const runbook = this.document(input.runbookId);
    const session = this.sessions.start({ runbook, ...(input.alert ? { alert: input.alert } : {}), ...(input.incidentId ? { incidentId: input.incidentId } : {}) }, now);
    this.emitChanged();
    return session;
  }

  applyAction(sessionId: string, action: RunbookSessionAction, now: Date): RunbookSession {
    const current = this.sessions.get(sessionId);
    if (!current) throw new Error(`no runbook session with id "${sessionId}"`);
    const progress = this.sessions.apply(sessionId, action, this.document(current.runbookId), now);
    this.emit('progress', progress);
    this.emitChanged();
    return progress.session;
  }

  private emitChanged(): void {
    this.emit('changed', this.set);
  }
}

async function readChecklist(file: string): Promise<RunbookDocument> {
  try {
    return parseRunbook(await readFile(file, 'utf8'), INCIDENT_CHECKLIST_ID, file);
  } catch (error) {
    const fallback = `# Incident checklist\n\nThe checklist template ${file} could not be read (${(error as Error).message}).\n\n## Declare\n\n- [ ] Declare the incident\n`;
    return parseRunbook(fallback, INCIDENT_CHECKLIST_ID, file);
  }
}
