import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { Alert } from '../../shared/model';
import type { RunbookDocument, RunbookSession, RunbookSessionAction, RunbookSet, RunbookSummary } from '../../shared/runbook';
import { loadRunbookCatalog, watchRunbookCatalog } from './runbook-catalog';
import { readRunbookEntry, type RunbookEntry } from './runbook-entry';
import { createRunbookIndex } from './runbook-search';
import type { RunbookSessionStore } from './runbook-sessions';

/** The id of the built-in incident checklist, followed in the same guided mode as runbooks. */
export const INCIDENT_CHECKLIST_ID = 'incident-checklist';

export interface SessionProgress {
  session: RunbookSession;
  happened: Array<{ kind: 'step-done' | 'check-done'; text: string }>;
}

/** How many runbooks opened or followed recently are kept with their steps. */
const OPEN_DOCUMENTS = 16;

/** `localeCompare`'s order, without building a collator per comparison. */
const byTitle = new Intl.Collator().compare;

/**
 * The runbooks from the config's `runbooks:` folders (reloaded on change), their search index,
 * the incident checklist template, and the guided sessions that follow them. The catalog holds
 * summaries and texts; a runbook's steps are read when it is opened or followed, and the last
 * few so read are kept.
 */
export class RunbookService extends EventEmitter<{ changed: [RunbookSet]; progress: [SessionProgress] }> {
  private entries = new Map<string, RunbookEntry>();
  private summaries: RunbookSummary[] = [];
  /** Most recently used last. */
  private readonly opened = new Map<string, RunbookDocument>();
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
      this.entries = new Map(catalog.entries.map((entry) => [entry.summary.id, entry]));
      this.entries.set(INCIDENT_CHECKLIST_ID, checklist);
      this.opened.clear();
      this.errors = catalog.errors;
      for (const error of catalog.errors) this.log(`runbooks: ${error}`);
      this.index = createRunbookIndex([...this.entries.values()]);
      this.sortSummaries();
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
    return { runbooks: this.summaries, sessions: this.sessions.list(), errors: this.errors };
  }

  /** The runbook with its steps: read now unless it was opened lately. */
  document(id: string): RunbookDocument {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no runbook with id "${id}"`);
    let document = this.opened.get(id);
    if (document) this.opened.delete(id);
    else {
      document = entry.details();
      if (document.error !== entry.summary.error) {
        // Only reading the steps found this problem (see runbook-entry.ts): the list shows it from now on.
        const { intro: _intro, steps: _steps, ...summary } = document;
        entry.summary = summary;
        this.sortSummaries();
        queueMicrotask(() => this.emitChanged());
      }
    }
    this.opened.set(id, document);
    if (this.opened.size > OPEN_DOCUMENTS) this.opened.delete(this.opened.keys().next().value!);
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

  private sortSummaries(): void {
    this.summaries = [...this.entries.values()].map((entry) => entry.summary).sort((a, b) => byTitle(a.title, b.title));
  }
}

async function readChecklist(file: string): Promise<RunbookEntry> {
  try {
    return readRunbookEntry(await readFile(file, 'utf8'), INCIDENT_CHECKLIST_ID, file);
  } catch (error) {
    const fallback = `# Incident checklist\n\nThe checklist template ${file} could not be read (${(error as Error).message}).\n\n## Declare\n\n- [ ] Declare the incident\n`;
    return readRunbookEntry(fallback, INCIDENT_CHECKLIST_ID, file);
  }
}
