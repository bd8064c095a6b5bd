import type { Acknowledgement, CreateSilenceInput, OutboxAction, PendingAction, Silence } from '../../shared/actions';
import type { Alert } from '../../shared/model';
import type { AppConfig, SourceConfig } from '../config/config-schema';
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
    const alert = this.deps.alert(fingerprint);
    if (!alert) throw new Error(`no alert with fingerprint "${fingerprint}" is shown now`);
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
    return { acknowledgement: this.acknowledgementFor(alert)!, action: actions[0] ?? null };
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
