import type { Incident } from '../../shared/incident';
import type { AlertEpisode } from '../../shared/history';
import type { Alert, OnCallStatus } from '../../shared/model';
import type { Shift, ShiftAlert } from '../../shared/shift';
import type { AlertHistoryStore } from '../history/alert-history';
import { shiftReportMarkdown } from './shift-report';
import { ShiftStart } from './shift-start';

const DEFAULT_WINDOW_MS = 12 * 3_600_000;
/** A shift start older than this is not a shift any more (a toggle left on for a week). */
const MAX_WINDOW_MS = 7 * 24 * 3_600_000;
const MAX_HISTORY_EPISODES = 1_000;

export interface ShiftServiceDeps {
  onCall: () => OnCallStatus;
  /** Every alert the engine knows now (firing, pending, silenced). */
  alerts: () => Alert[];
  incidents: () => Incident[];
  /** The app's alert history: episodes of the period, with who acknowledged them. */
  history?: Pick<AlertHistoryStore, 'between'>;
  /** This app's own acknowledgement log, for episodes the history has no acknowledgement for (yet). */
  acknowledgement?: (fingerprint: string, startsAt: string) => { by: string; at: string } | undefined;
  /** The notification rules in effect now, in words. */
  notificationRules: () => string[];
  log?: (message: string) => void;
  now?: () => Date;
  /** Where the shift's start is kept across restarts (`shift.json` in the data folder); none: memory only. */
  startFile?: string;
}

/**
 * "My shift": the period since the user went on call (as seen by this app: their toggle, or the
 * schedule turning them on call; kept across restarts), else the last 12 hours, with the alerts that fired in it, who
 * acknowledged them, the incidents, and what is still open to hand over.
 */
export class ShiftService {
  private readonly now: () => Date;
  private readonly start: ShiftStart;

  constructor(private readonly deps: ShiftServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.start = new ShiftStart(deps.startFile, this.now, deps.log);
    this.start.changed(deps.onCall());
  }

  /** Call on every on-call change (the engine's `onCallChanged`), so the shift's start is known. */
  onCallChanged(status: OnCallStatus): void {
    this.start.changed(status);
  }

  async get(input: { from?: string | undefined } = {}): Promise<Shift> {
    const now = this.now();
    const from = this.periodStart(input.from, now);
    const episodes = await this.episodes(from, now);
    const alerts = mergeAlerts(episodes, this.deps.alerts(), from, (fingerprint, startsAt) => this.deps.acknowledgement?.(fingerprint, startsAt));
    const incidents = this.deps
      .incidents()
      .filter((incident) => incident.resolvedAt === null || Date.parse(incident.resolvedAt) >= from.getTime())
      .filter((incident) => Date.parse(incident.declaredAt) <= now.getTime())
      .map(({ id, title, status, declaredAt, resolvedAt }) => ({ id, title, status, declaredAt, resolvedAt }))
      .sort((a, b) => a.declaredAt.localeCompare(b.declaredAt));
    return { onCall: this.deps.onCall(), from: from.toISOString(), to: now.toISOString(), alerts, incidents, notifications: this.deps.notificationRules() };
  }

  async report(input: { from?: string | undefined } = {}, options: { timeZone?: string } = {}): Promise<{ markdown: string }> {
    return { markdown: shiftReportMarkdown(await this.get(input), options) };
  }

  private periodStart(requested: string | undefined, now: Date): Date {
    const earliest = now.getTime() - MAX_WINDOW_MS;
    if (requested !== undefined) return new Date(Math.max(Date.parse(requested), earliest));
    const since = this.start.since;
    if (since !== null) return new Date(Math.max(since.getTime(), earliest));
    return new Date(now.getTime() - DEFAULT_WINDOW_MS);
  }

  private async episodes(from: Date, to: Date): Promise<AlertEpisode[]> {
    if (!this.deps.history?.between) return [];
    try {
      return await this.deps.history.between(from, to, MAX_HISTORY_EPISODES);
    } catch (error) {
      // The live alerts still make a useful shift view when the history cannot be read.
      this.deps.log?.(`shift: the alert history could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }
}

/**
 * One row per firing episode: the history's episodes of the period, then what fires now (which
 * knows the newest acknowledgement, and that it has not ended). Pending alerts never fired.
 */
export function mergeAlerts(
  episodes: readonly AlertEpisode[],
  live: readonly Alert[],
  from: Date,
  localAcknowledgement: (fingerprint: string, startsAt: string) => { by: string; at: string } | undefined,
): ShiftAlert[] {
  const rows = new Map<string, ShiftAlert>();
  for (const episode of episodes) {
    const ack = episode.acknowledgedBy !== null ? { by: episode.acknowledgedBy, at: episode.acknowledgedAt } : localAcknowledgement(episode.fingerprint, episode.startsAt);
    rows.set(`${episode.fingerprint}@${episode.startsAt}`, {
      fingerprint: episode.fingerprint,
      name: episode.name,
      severity: episode.severity,
      labels: episode.labels,
      startsAt: episode.startsAt,
      endsAt: episode.resolvedAt,
      sources: episode.sources,
      acknowledgedBy: ack?.by ?? null,
      acknowledgedAt: ack?.at ?? null,
    });
  }
  for (const alert of live) {
    if (alert.state === 'pending') continue;
    const key = `${alert.fingerprint}@${alert.startsAt}`;
    const known = rows.get(key);
    const ack = alert.acknowledgement ?? localAcknowledgement(alert.fingerprint, alert.startsAt);
    rows.set(key, {
      fingerprint: alert.fingerprint,
      name: alert.name,
      severity: alert.severity,
      labels: alert.labels,
      startsAt: alert.startsAt,
      endsAt: null,
      sources: alert.sources,
      acknowledgedBy: ack?.by ?? known?.acknowledgedBy ?? null,
      acknowledgedAt: ack?.at ?? known?.acknowledgedAt ?? null,
    });
  }
  return [...rows.values()]
    .filter((row) => row.endsAt === null || Date.parse(row.endsAt) >= from.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.name.localeCompare(b.name));
}
