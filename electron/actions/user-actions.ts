import type { Acknowledgement, CreateSilenceInput, OutboxAction, PendingAction, Silence } from '../../shared/actions';
import { linkedAlerts, onCallServiceOf } from '../../shared/incident-links';
import type { Alert } from '../../shared/model';
import type { AppConfig, SourceConfig } from '../config/config-schema';
import type { SecretStore } from '../secrets/secret-store';
import { bearerHeaders } from '../sources/bearer-token';
import type { AlertmanagerEndpoint } from './alertmanager-delivery';
import type { AcknowledgementLog } from './acknowledgement-log';
import type { Outbox } from './outbox';
import { matchersForAlert, upstreamAcknowledgement } from './silence-list';

type AlertmanagerConfig = Extract<SourceConfig, { type: 'alertmanager' }>;
type OnCallConfig = Extract<SourceConfig, { type: 'pagerduty' | 'opsgenie' }>;

export interface UserActionsDeps {
  outbox: Outbox;
  acknowledgements: AcknowledgementLog;
  config: () => AppConfig | undefined;
  alert: (fingerprint: string) => Alert | undefined;
  /** Every alert shown: where "acknowledge everywhere" finds the linked ones. */
  alerts?: () => readonly Alert[];
  /** Every Alertmanager's silences, merged: teammates' acknowledgements are "ACK!" silences. */
  silences: () => readonly Silence[];
  /** The name written on acknowledgements and silences. */
  author: () => string;
  /** An acknowledgement was recorded: for the alert history. */
  onAcknowledged?: (alert: Alert, acknowledgement: { by: string; comment: string; at: string }) => void;
  now?: () => Date;
}

const DEFAULT_ACK_DURATION_MS = 15 * 60_000;

/**
 * What the user does to alerts and silences: acknowledge (recorded here at once, sent upstream as
 * a short "ACK!" silence where the source takes one), create and expire silences, cancel queued
 * actions. Every upstream action goes through the durable outbox; an HA cluster is one target.
 */
export class UserActions {
  private readonly now: () => Date;

  constructor(private readonly deps: UserActionsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  acknowledge(fingerprint: string, comment = ''): { acknowledgement: Acknowledgement; action: PendingAction | null } {
    const alert = this.shown(fingerprint);
    const actions = this.acknowledgeOne(alert, comment);
    return { acknowledgement: this.acknowledgementFor(alert)!, action: actions[0] ?? null };
  }

  /**
   * Acknowledges the alert and every alert linked with it (a PagerDuty incident or Opsgenie alert
   * and the Alertmanager alerts it was opened for, see shared/incident-links.ts): one outbox
   * action per target. Those already taken (acknowledged here, or in their service) are left alone.
   */
  acknowledgeEverywhere(fingerprint: string, comment = ''): { acknowledged: string[]; actions: PendingAction[] } {
    const alert = this.shown(fingerprint);
    const all = [alert, ...linkedAlerts(alert, this.deps.alerts?.() ?? [])];
    const open = all.filter((candidate) => !this.alreadyTaken(candidate));
    const actions = open.flatMap((candidate) => this.acknowledgeOne(candidate, comment));
    return { acknowledged: open.map((candidate) => candidate.fingerprint), actions };
  }

  /** Resolves a PagerDuty incident or closes an Opsgenie alert, through the outbox. */
  resolve(fingerprint: string, comment = ''): PendingAction {
    const alert = this.shown(fingerprint);
    const source = this.onCallSourcesOf(alert)[0];
    if (!source) {
      const from = alert.sources.join(', ') || 'no source';
      throw new Error(`${alert.name} comes from ${from}: only PagerDuty incidents and Opsgenie alerts can be resolved from here (an Alertmanager alert resolves when its condition clears)`);
    }
    const action: OutboxAction = { kind: 'resolveIncident', fingerprint, alertName: alert.name, incidentId: incidentIdOf(fingerprint, source.type), comment, createdBy: this.deps.author() };
    const verb = source.type === 'opsgenie' ? 'Close' : 'Resolve';
    return this.deps.outbox.enqueue(source.name, action, `${verb} ${describeOnCallAlert(alert)} in ${source.name}`);
  }

  private shown(fingerprint: string): Alert {
    const alert = this.deps.alert(fingerprint);
    if (!alert) throw new Error(`no alert with fingerprint "${fingerprint}" is shown now`);
    return alert;
  }

  /** Acknowledged here for this firing (and not failed or cancelled since), or acknowledged in its on-call service. */
  private alreadyTaken(alert: Alert): boolean {
    if (onCallServiceOf(alert) !== null && alert.labels.status === 'acknowledged') return true;
    const acknowledgement = this.deps.acknowledgements.get(alert.fingerprint, alert.startsAt);
    return acknowledgement !== undefined && this.acknowledgementFor(alert)?.delivery !== 'local';
  }

  private acknowledgeOne(alert: Alert, comment: string): PendingAction[] {
    const fingerprint = alert.fingerprint;
    const config = this.deps.config();
    const by = this.deps.author();
    const at = this.now().toISOString();
    const targets = config?.acknowledgement.upstream === false ? [] : this.targetsOf(alert);
    const durationMs = config?.acknowledgement.duration ?? DEFAULT_ACK_DURATION_MS;
    const upstream = config?.acknowledgement.upstream !== false;
    const actions = [
      ...targets.map((target) =>
        this.deps.outbox.enqueue(
          target,
          { kind: 'acknowledge', fingerprint, alertName: alert.name, matchers: matchersForAlert(alert), comment, createdBy: by, durationMs },
          `Acknowledge ${alert.name} on ${target}`,
        ),
      ),
      // Incidents from PagerDuty or Opsgenie are acknowledged there, in the service itself.
      ...(upstream ? this.onCallSourcesOf(alert) : []).map((source) =>
        this.deps.outbox.enqueue(
          source.name,
          { kind: 'acknowledgeIncident', fingerprint, alertName: alert.name, incidentId: incidentIdOf(fingerprint, source.type), comment, createdBy: by },
          `Acknowledge ${alert.name} in ${source.name}`,
        ),
      ),
    ];
    this.deps.acknowledgements.record({ fingerprint, startsAt: alert.startsAt, by, comment, at, actionId: actions[0]?.id ?? null });
    this.deps.onAcknowledged?.(alert, { by, comment, at });
    return actions;
  }

  createSilence(input: CreateSilenceInput): PendingAction {
    const target = targetOf(this.alertmanager(input.source));
    const startsAt = input.startsAt ?? this.now().toISOString();
    if (Date.parse(input.endsAt) <= Date.parse(startsAt)) throw new Error(`endsAt ${input.endsAt} must be after startsAt ${startsAt}`);
    const action: OutboxAction = { kind: 'createSilence', matchers: input.matchers, startsAt, endsAt: input.endsAt, comment: input.comment, createdBy: input.createdBy };
    const what = input.matchers.map((matcher) => `${matcher.name}${matcher.isEqual ? '' : '!'}${matcher.isRegex ? '~' : '='}"${matcher.value}"`).join(', ');
    return this.deps.outbox.enqueue(target, action, `Silence ${what} on ${target}`);
  }

  expireSilence(source: string, silenceId: string): PendingAction {
    const target = targetOf(this.alertmanager(source));
    return this.deps.outbox.enqueue(target, { kind: 'expireSilence', silenceId }, `Expire silence ${silenceId} on ${target}`);
  }

  cancel(id: string): PendingAction {
    return this.deps.outbox.cancel(id);
  }

  /** The target an action for this source goes to (its cluster, when it is one of an HA pair). */
  targetForSource(name: string): string | undefined {
    const source = this.alertmanagers().find((candidate) => candidate.name === name);
    return source && targetOf(source);
  }

  /** The local acknowledgement of the alert's current episode, else an upstream "ACK!" silence muting it. */
  acknowledgementFor(alert: Alert): Acknowledgement | undefined {
    const local = this.deps.acknowledgements.get(alert.fingerprint, alert.startsAt);
    if (!local) return upstreamAcknowledgement(alert, this.deps.silences());
    const action = local.actionId ? this.deps.outbox.get(local.actionId) : undefined;
    const base = { by: local.by, at: local.at, comment: local.comment };
    if (!action || action.state === 'cancelled' || action.state === 'failed') return { ...base, delivery: 'local', silenceId: null, expiresAt: null };
    if (action.state !== 'delivered') return { ...base, delivery: 'queued', silenceId: null, expiresAt: null };
    // An ACK silence ends; an acknowledgement in PagerDuty or Opsgenie lasts until the incident moves on.
    const expiresAt = action.action.kind === 'acknowledge' && action.deliveredAt ? new Date(Date.parse(action.deliveredAt) + action.action.durationMs).toISOString() : null;
    return { ...base, delivery: 'sent', silenceId: action.silenceId, expiresAt };
  }

  private targetsOf(alert: Alert): string[] {
    const byName = new Map(this.alertmanagers().map((source) => [source.name, source]));
    const targets = alert.sources.flatMap((name) => {
      const source = byName.get(name);
      return source ? [targetOf(source)] : [];
    });
    return [...new Set(targets)];
  }

  private onCallSourcesOf(alert: Alert): OnCallConfig[] {
    const sources = (this.deps.config()?.sources ?? []).filter((source): source is OnCallConfig => source.type === 'pagerduty' || source.type === 'opsgenie');
    return sources.filter((source) => alert.sources.includes(source.name));
  }

  private alertmanagers(): AlertmanagerConfig[] {
    return alertmanagersOf(this.deps.config());
  }

  private alertmanager(name: string): AlertmanagerConfig {
    const source = this.deps.config()?.sources.find((candidate) => candidate.name === name);
    if (!source) throw new Error(`no source named "${name}" in the config`);
    if (source.type !== 'alertmanager') throw new Error(`source "${name}" is a ${source.type} source; silences live in an Alertmanager`);
    return source;
  }
}

/** "#12 Checkout 5xx above 2%" for a pending-actions line. */
function describeOnCallAlert(alert: Alert): string {
  const number = alert.labels.incident ?? alert.labels.alert;
  const title = alert.annotations.summary?.slice(0, 80);
  return [number, title ? `"${title}"` : alert.name].filter(Boolean).join(' ');
}

/** On-call sources name their alerts `<type>:<id in the service>`. */
function incidentIdOf(fingerprint: string, type: OnCallConfig['type']): string {
  return fingerprint.startsWith(`${type}:`) ? fingerprint.slice(type.length + 1) : fingerprint;
}

function targetOf(source: AlertmanagerConfig): string {
  return source.cluster ?? source.name;
}

function alertmanagersOf(config: AppConfig | undefined): AlertmanagerConfig[] {
  return (config?.sources ?? []).filter((source): source is AlertmanagerConfig => source.type === 'alertmanager');
}

/** The base URLs behind an action's target: one Alertmanager, or every member of its HA cluster. */
export function alertmanagerEndpoints(config: AppConfig | undefined, target: string): string[] {
  return alertmanagersOf(config).flatMap((source) => (targetOf(source) === target ? [source.url] : []));
}

/** The same, each with its bearer token (a source's `token`), looked up for every request. */
export function authorizedAlertmanagerEndpoints(config: AppConfig | undefined, target: string, secrets?: SecretStore): AlertmanagerEndpoint[] {
  return alertmanagersOf(config).flatMap((source) => (targetOf(source) === target ? [{ url: source.url, headers: bearerHeaders(source.name, source.token, secrets) }] : []));
}
