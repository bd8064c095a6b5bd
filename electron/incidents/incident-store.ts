import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  IncidentSchema,
  TimelineEntrySchema,
  type DeclareIncidentInputSchema,
  type Incident,
  type IncidentRoles,
  type TimelineEntry,
  type UpdateIncidentInputSchema,
} from '../../shared/incident';
import type { Alert } from '../../shared/model';
import type { Slo } from '../../shared/slo';
import { JsonlJournal, type JsonlJournalOptions } from '../persistence/jsonl-journal';

export const INCIDENTS_FILE_NAME = 'incidents.jsonl';

export type DeclareIncidentInput = z.infer<typeof DeclareIncidentInputSchema>;
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentInputSchema>;
export type TimelineKind = TimelineEntry['kind'];

/**
 * The journal's record format: version 1 is `IncidentChangeSchema` (lines written before versions
 * existed carry no `v`). A new format is a higher `version`, one entry in `migrations` and a
 * fixture of the old format in `test/fixtures/persisted/incidents/`.
 */
export const INCIDENT_RECORDS: Required<Pick<JsonlJournalOptions, 'version' | 'migrations'>> = { version: 1, migrations: {} };

export interface IncidentStoreOptions extends Pick<JsonlJournalOptions, 'compactAboveBytes'> {
  /** Incident ids; random UUIDs unless a test wants them predictable. */
  newId?: () => string;
}

/**
 * One journal line per change: the incident's fields as they are after the change (small, so a
 * skipped line never loses more than its own timeline entries), the timeline entries it added and
 * the key-moment marks it changed. A compacted journal holds one line per incident with the whole
 * timeline in `added`.
 */
const IncidentChangeSchema = z.object({
  incident: IncidentSchema.omit({ timeline: true }),
  added: z.array(TimelineEntrySchema),
  keys: z.array(z.object({ entryId: z.string(), key: z.boolean() })),
});
type IncidentChange = z.infer<typeof IncidentChangeSchema>;

const ROLE_NAMES: Record<keyof IncidentRoles, string> = {
  commander: 'Incident commander',
  communications: 'Communications lead',
  operations: 'Ops lead',
};
const ROLE_KEYS = Object.keys(ROLE_NAMES) as Array<keyof IncidentRoles>;

/** "HighErrorRate (checkout)": the alert name and the label that best says where it fires. */
export function describeAlert(alert: Pick<Alert, 'name' | 'labels'>): string {
  const where = alert.labels.service ?? alert.labels.job ?? alert.labels.namespace ?? alert.labels.instance;
  return where ? `${alert.name} (${where})` : alert.name;
}

/**
 * Incidents and their timelines, persisted through an append-only journal
 * (`<dataDir>/incidents.jsonl`): each change is written and fsynced before it shows, so a crash
 * or restart never loses a timeline. Errors (unknown incident or entry, a change that makes no
 * sense) throw with a message in words.
 */
export class IncidentStore {
  private readonly incidents = new Map<string, Incident>();

  private constructor(
    private readonly journal: JsonlJournal<IncidentChange>,
    private readonly newId: () => string,
  ) {
    for (const change of journal.records()) replay(this.incidents, change);
  }

  static async open(dir: string, onProblem: (message: string) => void, options: IncidentStoreOptions = {}): Promise<IncidentStore> {
    const journal = await JsonlJournal.open(path.join(dir, INCIDENTS_FILE_NAME), IncidentChangeSchema, onProblem, {
      compactAboveBytes: options.compactAboveBytes,
      ...INCIDENT_RECORDS,
    });
    return new IncidentStore(journal, options.newId ?? randomUUID);
  }

  /** Every incident, most recently declared first. */
  list(): Incident[] {
    return [...this.incidents.values()]
      .reverse()
      .sort((a, b) => (a.declaredAt < b.declaredAt ? 1 : a.declaredAt > b.declaredAt ? -1 : 0))
      .map((incident) => structuredClone(incident));
  }

  get(id: string): Incident | undefined {
    const incident = this.incidents.get(id);
    return incident ? structuredClone(incident) : undefined;
  }

  /**
   * Declares an incident from an alert, an SLO or by hand. `context` carries what the ids in
   * `input` refer to (the caller looks them up): the alert becomes a linked alert, the SLO a
   * linked SLO, the runbooks linked runbooks.
   */
  declare(
    input: DeclareIncidentInput,
    context: { alert?: Alert; slo?: Slo; runbooks: Array<{ id: string; title: string }>; checklistSessionId: string | null },
    now: Date,
  ): Incident {
    const { alert, slo } = context;
    if (input.fromAlert !== undefined && alert?.fingerprint !== input.fromAlert) {
      throw new Error(`cannot declare from alert ${input.fromAlert}: no such alert is known (it may have resolved)`);
    }
    if (input.fromSlo !== undefined && slo?.id !== input.fromSlo) throw new Error(`cannot declare from SLO ${input.fromSlo}: no such SLO is known`);
    const sloName = slo ? slo.displayName || slo.name : null;
    const origin = alert ? `alert ${describeAlert(alert)}` : sloName !== null ? `SLO ${sloName}` : 'by hand';
    const roles: IncidentRoles = { commander: '', communications: '', operations: '' };
    for (const role of ROLE_KEYS) roles[role] = input.roles?.[role]?.trim() ?? '';

    const at = now.toISOString();
    const incident: Incident = {
      id: this.newId(),
      title: input.title.trim(),
      severity: input.severity,
      status: 'investigating',
      roles,
      declaredAt: at,
      resolvedAt: null,
      origin,
      linkedAlerts: alert ? [{ fingerprint: alert.fingerprint, name: describeAlert(alert) }] : [],
      linkedRunbooks: uniqueBy(context.runbooks, (runbook) => runbook.id).map(({ id, title }) => ({ id, title })),
      linkedSlos: slo && sloName !== null ? [{ id: slo.id, name: sloName }] : [],
      checklistSessionId: context.checklistSessionId,
      timeline: [],
    };
    addEntry(incident, 'declared', origin === 'by hand' ? `Declared ${input.severity} by hand` : `Declared ${input.severity} from ${origin}`, at);
    for (const role of ROLE_KEYS) {
      if (roles[role] !== '') addEntry(incident, 'role', `${ROLE_NAMES[role]}: ${roles[role]}`, at);
    }
    if (this.incidents.has(incident.id)) throw new Error(`an incident with id ${incident.id} already exists`);
    return this.commit(undefined, incident);
  }

  /**
   * Changes title, severity, status or roles, or links an alert or a runbook (`context` carries
   * the one `input` names). Each change adds a timeline entry in words; resolving sets
   * `resolvedAt`, reopening clears it. A resolved incident must be reopened (in the same update
   * or before) to link alerts: only open incidents follow their alerts.
   */
  update(input: UpdateIncidentInput, context: { alert?: Alert; runbook?: { id: string; title: string } }, now: Date): Incident {
    const before = this.require(input.id);
    const incident = structuredClone(before);
    const at = now.toISOString();

    if (input.title !== undefined) {
      const title = input.title.trim();
      if (title === '') throw new Error('an incident needs a title');
      if (title !== incident.title) {
        addEntry(incident, 'note', `Title: ${incident.title} → ${title}`, at);
        incident.title = title;
      }
    }
    if (input.severity !== undefined && input.severity !== incident.severity) {
      addEntry(incident, 'severity', `Severity: ${incident.severity} → ${input.severity}`, at);
      incident.severity = input.severity;
    }
    for (const role of ROLE_KEYS) {
      const next = input.roles?.[role]?.trim();
      const previous = incident.roles[role];
      if (next === undefined || next === previous) continue;
      const text = previous === '' ? next : next === '' ? `nobody (was ${previous})` : `${next} (was ${previous})`;
      addEntry(incident, 'role', `${ROLE_NAMES[role]}: ${text}`, at);
      incident.roles[role] = next;
    }
    if (input.linkAlert !== undefined) {
      const alert = context.alert;
      if (alert?.fingerprint !== input.linkAlert) throw new Error(`cannot link alert ${input.linkAlert}: no such alert is known (it may have resolved)`);
      if ((input.status ?? incident.status) === 'resolved') throw new Error(`incident "${incident.title}" is resolved: reopen it before linking alerts`);
      if (!incident.linkedAlerts.some((linked) => linked.fingerprint === alert.fingerprint)) {
        incident.linkedAlerts.push({ fingerprint: alert.fingerprint, name: describeAlert(alert) });
        addEntry(incident, 'linked', `Linked alert ${describeAlert(alert)}`, at);
      }
    }
    if (input.linkRunbook !== undefined) {
      const runbook = context.runbook;
      if (runbook?.id !== input.linkRunbook) throw new Error(`cannot link runbook ${input.linkRunbook}: no such runbook is known`);
      if (!incident.linkedRunbooks.some((linked) => linked.id === runbook.id)) {
        incident.linkedRunbooks.push({ id: runbook.id, title: runbook.title });
        addEntry(incident, 'linked', `Linked runbook ${runbook.title}`, at);
      }
    }
    if (input.status !== undefined && input.status !== incident.status) {
      const reopened = incident.status === 'resolved' ? ' (reopened)' : '';
      addEntry(incident, 'status', `Status: ${incident.status} → ${input.status}${reopened}`, at);
      incident.status = input.status;
      incident.resolvedAt = input.status === 'resolved' ? at : null;
    }
    return this.commit(before, incident);
  }

  /** Adds the user's note, optionally marked as a key moment. */
  addNote(id: string, text: string, key: boolean | undefined, now: Date): Incident {
    const before = this.require(id);
    const note = text.trim();
    if (note === '') throw new Error('a note needs some text');
    const incident = structuredClone(before);
    addEntry(incident, 'note', note, now.toISOString(), key ?? false);
    return this.commit(before, incident);
  }

  /** Marks a timeline entry as a key moment (or unmarks it). */
  markKey(id: string, entryId: string, key: boolean): Incident {
    const before = this.require(id);
    const incident = structuredClone(before);
    const entry = incident.timeline.find((candidate) => candidate.id === entryId);
    if (!entry) throw new Error(`incident "${incident.title}" has no timeline entry ${entryId}`);
    entry.key = key;
    return this.commit(before, incident);
  }

  /**
   * Writes linked alerts' changes onto every open incident that links them: 'alert-firing' when an
   * alert starts firing (again), 'alert-resolved' when it leaves. Returns the incidents that changed.
   */
  recordAlertChanges(changes: Array<{ before?: Alert; after?: Alert }>, now: Date): Incident[] {
    const at = now.toISOString();
    const changed: Incident[] = [];
    for (const before of this.incidents.values()) {
      if (before.status === 'resolved') continue;
      const linked = new Set(before.linkedAlerts.map((alert) => alert.fingerprint));
      let incident: Incident | null = null;
      for (const change of changes) {
        const alert = change.after ?? change.before;
        if (!alert || !linked.has(alert.fingerprint)) continue;
        const startsFiring = change.after?.state === 'firing' && change.before?.state !== 'firing';
        const leaves = change.before !== undefined && change.after === undefined;
        if (!startsFiring && !leaves) continue;
        incident ??= structuredClone(before);
        addEntry(incident, startsFiring ? 'alert-firing' : 'alert-resolved', `${describeAlert(alert)} ${startsFiring ? 'firing' : 'resolved'}`, at);
      }
      if (incident) changed.push(incident);
    }
    return changed.map((incident) => this.commit(this.incidents.get(incident.id), incident));
  }

  /** Adds an entry the app wrote (a runbook or checklist step done, …) to an incident's timeline. */
  record(incidentId: string, entry: { kind: TimelineKind; text: string }, now: Date): Incident {
    const before = this.require(incidentId);
    if (entry.text.trim() === '') throw new Error('a timeline entry needs some text');
    const incident = structuredClone(before);
    addEntry(incident, entry.kind, entry.text.trim(), now.toISOString());
    return this.commit(before, incident);
  }

  private require(id: string): Incident {
    const incident = this.incidents.get(id);
    if (!incident) throw new Error(`no incident with id ${id}`);
    return incident;
  }

  /** Journals the difference between `before` and `after` (fsynced), then shows it. Nothing changed: nothing written. */
  private commit(before: Incident | undefined, after: Incident): Incident {
    const { timeline, ...head } = after;
    const added = timeline.slice(before?.timeline.length ?? 0);
    const keys = (before?.timeline ?? []).flatMap((entry, index) =>
      timeline[index] && timeline[index].key !== entry.key ? [{ entryId: entry.id, key: timeline[index].key }] : [],
    );
    const { timeline: _previousTimeline, ...previousHead } = before ?? after;
    if (before && added.length === 0 && keys.length === 0 && JSON.stringify(head) === JSON.stringify(previousHead)) return structuredClone(after);
    this.journal.append({ incident: head, added, keys });
    this.incidents.set(after.id, after);
    this.journal.compactIfLarge(() => [...this.incidents.values()].map(({ timeline: all, ...rest }) => ({ incident: rest, added: all, keys: [] })));
    return structuredClone(after);
  }
}

function replay(incidents: Map<string, Incident>, change: IncidentChange): void {
  const existing = incidents.get(change.incident.id);
  const timeline = existing?.timeline ?? [];
  const known = new Set(timeline.map((entry) => entry.id));
  for (const entry of change.added) {
    if (!known.has(entry.id)) {
      timeline.push(entry);
      known.add(entry.id);
    }
  }
  for (const mark of change.keys) {
    const entry = timeline.find((candidate) => candidate.id === mark.entryId);
    if (entry) entry.key = mark.key;
  }
  incidents.set(change.incident.id, { ...change.incident, timeline });
}

/** Entry ids are `e1`, `e2`, … within an incident, one above the highest so far (never reused). */
function addEntry(incident: Incident, kind: TimelineKind, text: string, at: string, key = false): void {
  const highest = incident.timeline.reduce((max, entry) => Math.max(max, Number(/^e(\d+)$/.exec(entry.id)?.[1] ?? 0)), 0);
  incident.timeline.push({ id: `e${highest + 1}`, at, kind, text, key });
}

function uniqueBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
