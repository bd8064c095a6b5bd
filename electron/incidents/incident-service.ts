import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import type { DeclareIncidentInputSchema, Incident, UpdateIncidentInputSchema } from '../../shared/incident';
import type { Alert } from '../../shared/model';
import type { Slo } from '../../shared/slo';
import { INCIDENT_CHECKLIST_ID, type RunbookService, type SessionProgress } from '../runbooks/runbook-service';
import type { IncidentStore } from './incident-store';
import { postmortemMarkdown } from './postmortem';
import { statusUpdateText } from './status-update';

export interface IncidentLookups {
  alert(fingerprint: string): Alert | undefined;
  slo(id: string): Slo | undefined;
  now(): Date;
}

/**
 * Incidents on top of their store: declared from an alert, an SLO or by hand, each with the
 * incident checklist to follow, and a timeline that writes itself from linked alerts and the
 * steps done in the incident's guided sessions.
 */
export class IncidentService extends EventEmitter<{ changed: [Incident[]] }> {
  /** The last state of each alert an incident links, to tell firing from resolved. */
  private readonly linkedAlertState = new Map<string, Alert>();
  /** Linked alerts seen resolving: when one comes back, that is news, not a first sighting. */
  private readonly resolvedLinked = new Set<string>();

  constructor(
    private readonly store: IncidentStore,
    private readonly runbooks: RunbookService,
    private readonly lookups: IncidentLookups,
  ) {
    super();
    runbooks.on('progress', (progress) => this.onSessionProgress(progress));
  }

  list(): Incident[] {
    return this.store.list();
  }

  declare(input: z.infer<typeof DeclareIncidentInputSchema>): Incident {
    const now = this.lookups.now();
    const alert = input.fromAlert ? this.requireAlert(input.fromAlert) : undefined;
    const slo = input.fromSlo ? this.lookups.slo(input.fromSlo) : undefined;
    if (input.fromSlo && !slo) throw new Error(`no SLO with id "${input.fromSlo}"`);
    // Runbooks already followed for the alert belong to the incident too.
    const followed = alert ? this.runbooks.set.sessions.filter((session) => session.alertFingerprint === alert.fingerprint) : [];
    const runbooks = [
      ...(input.runbookIds ?? []).map((id) => ({ id, title: this.runbooks.document(id).title })),
      // A runbook followed for the alert may have left the catalog since (a git pull): its session still knows the title.
      ...followed.map((session) => ({ id: session.runbookId, title: session.runbookTitle })),
    ].filter((runbook, index, all) => runbook.id !== INCIDENT_CHECKLIST_ID && all.findIndex((other) => other.id === runbook.id) === index);
    const checklist = this.runbooks.startSession({ runbookId: INCIDENT_CHECKLIST_ID }, now);
    const incident = this.store.declare(input, { ...(alert ? { alert } : {}), ...(slo ? { slo } : {}), runbooks, checklistSessionId: checklist.id }, now);
    if (alert) this.linkedAlertState.set(alert.fingerprint, alert);
    return this.changed(incident);
  }

  update(input: z.infer<typeof UpdateIncidentInputSchema>): Incident {
    const alert = input.linkAlert ? this.requireAlert(input.linkAlert) : undefined;
    const runbook = input.linkRunbook ? { id: input.linkRunbook, title: this.runbooks.document(input.linkRunbook).title } : undefined;
    const incident = this.store.update(input, { ...(alert ? { alert } : {}), ...(runbook ? { runbook } : {}) }, this.lookups.now());
    if (alert) this.linkedAlertState.set(alert.fingerprint, alert);
    return this.changed(incident);
  }

  addNote(id: string, text: string, key: boolean): Incident {
    return this.changed(this.store.addNote(id, text, key, this.lookups.now()));
  }

  markKey(id: string, entryId: string, key: boolean): Incident {
    return this.changed(this.store.markKey(id, entryId, key));
  }

  postmortem(id: string): string {
    return postmortemMarkdown(this.find(id));
  }

  statusUpdate(id: string): string {
    return statusUpdateText(this.find(id), this.lookups.now());
  }

  /** Engine alert deltas: linked alerts that start firing or resolve go on their incidents' timelines. */
  onAlertsChanged(upserted: Alert[], removed: string[]): void {
    const linked = new Set(this.store.list().flatMap((incident) => (incident.status === 'resolved' ? [] : incident.linkedAlerts.map((a) => a.fingerprint))));
    const changes: Array<{ before?: Alert; after?: Alert }> = [];
    for (const alert of upserted) {
      if (!linked.has(alert.fingerprint)) continue;
      const before = this.linkedAlertState.get(alert.fingerprint);
      this.linkedAlertState.set(alert.fingerprint, alert);
      if (this.resolvedLinked.delete(alert.fingerprint)) {
        changes.push({ after: alert });
        continue;
      }
      // First sight since the app started: the state it was in is unknown, so this is the baseline, not news.
      if (!before) continue;
      changes.push({ before, after: alert });
    }
    for (const fingerprint of removed) {
      const before = this.linkedAlertState.get(fingerprint);
      if (!linked.has(fingerprint) || !before) continue;
      this.linkedAlertState.delete(fingerprint);
      this.resolvedLinked.add(fingerprint);
      changes.push({ before });
    }
    if (changes.length === 0) return;
    this.store.recordAlertChanges(changes, this.lookups.now());
    this.emit('changed', this.store.list());
  }

  private onSessionProgress({ session, happened }: SessionProgress): void {
    // The incident's checklist, sessions started from the incident, and runbooks followed for an alert the incident links.
    const incidents = this.store.list().filter(
      (incident) =>
        incident.checklistSessionId === session.id ||
        incident.id === session.incidentId ||
        (incident.status !== 'resolved' &&
          session.alertFingerprint !== null &&
          incident.linkedAlerts.some((alert) => alert.fingerprint === session.alertFingerprint) &&
          incident.linkedRunbooks.some((runbook) => runbook.id === session.runbookId)),
    );
    if (incidents.length === 0 || happened.length === 0) return;
    const now = this.lookups.now();
    for (const incident of incidents) for (const entry of happened) this.store.record(incident.id, entry, now);
    this.emit('changed', this.store.list());
  }

  private find(id: string): Incident {
    const incident = this.store.get(id);
    if (!incident) throw new Error(`no incident with id "${id}"`);
    return incident;
  }

  private requireAlert(fingerprint: string): Alert {
    const alert = this.lookups.alert(fingerprint);
    if (!alert) throw new Error(`no alert with fingerprint "${fingerprint}" is firing now`);
    return alert;
  }

  private changed(incident: Incident): Incident {
    this.emit('changed', this.store.list());
    return incident;
  }
}
