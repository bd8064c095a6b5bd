import type { PagerDutyConfig } from '../../config/config-schema';
import { deliverPagerDutyAction } from '../../oncall/oncall-delivery';
import { PagerDutyClient } from '../../oncall/pagerduty-client';
import type { PagerDutyIncident, PagerDutyOnCall, PagerDutyUser } from '../../oncall/pagerduty-model';
import { RequestRefusedError } from '../../oncall/saas-errors';
import type { SecretStore } from '../../secrets/secret-store';
import type { AlertSource, SourceFetchResult } from '../source';
import { OnCallRefresh, type OnCallState } from './on-call-state';
import { pagerDutyAlert, pagerDutyOnCall } from './pagerduty-alerts';
import { saasLimitsFor, type OnCallSourceOptions } from './saas-limits';
import { TokenBoundClient } from './token-bound-client';

/** How far ahead `/oncalls` is read to find my next shift (PagerDuty allows 90 days). */
const SHIFT_HORIZON_MS = 30 * 86_400_000;

/**
 * The open (triggered and acknowledged) PagerDuty incidents assigned to the token's user or to
 * the configured teams, as alerts; and "my shift" from `/oncalls`, read at most every 5 minutes.
 */
export class PagerDutySource implements AlertSource {
  readonly type = 'pagerduty' as const;
  readonly name: string;
  private readonly clients: TokenBoundClient<PagerDutyClient>;
  private readonly shifts: OnCallRefresh<PagerDutyOnCall[]>;
  private readonly now: () => number;
  private me: PagerDutyUser | null = null;

  constructor(
    private readonly config: PagerDutyConfig,
    secrets?: SecretStore,
    options: OnCallSourceOptions = {},
  ) {
    this.name = config.name;
    this.now = options.now ?? Date.now;
    const limits = saasLimitsFor(config.timeout);
    this.clients = new TokenBoundClient('PagerDuty', config.token, secrets, options.env ?? process.env, (token) => new PagerDutyClient({ token, baseUrl: config.baseUrl, limits }));
    this.shifts = new OnCallRefresh('PagerDuty', this.now);
  }

  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    const { client, fresh } = this.clients.current();
    if (fresh) {
      this.me = null;
      this.shifts.reset();
    }
    const me = (this.me ??= await this.currentUser(client, signal));
    const [incidents] = await Promise.all([
      this.openIncidents(client, me, signal),
      this.shifts.refreshIfDue(() => client.oncalls(this.onCallQuery(me), { signal })),
    ]);
    return { alerts: incidents.map(pagerDutyAlert), warnings: this.shifts.warnings() };
  }

  /** My shift as of the last `/oncalls` read, judged at this moment; null before the first read succeeded. */
  onCall(): OnCallState | null {
    const oncalls = this.shifts.value;
    if (oncalls === null || this.me === null) return null;
    return pagerDutyOnCall(oncalls, this.me.id, new Date(this.now()));
  }

  /** Acknowledges in PagerDuty as the configured `fromEmail`, else as the token's own user. */
  async acknowledge(incidentId: string, request: { uncertain: boolean; signal: AbortSignal }): Promise<{ sent: boolean }> {
    const { client } = this.clients.current();
    const fromEmail = this.config.fromEmail ?? (this.me ??= await this.currentUser(client, request.signal)).email;
    return deliverPagerDutyAction(client, { kind: 'acknowledge', incidentId, fromEmail }, request);
  }

  /** Resolves in PagerDuty, as `acknowledge` does; after an uncertain try a resolved incident counts as done. */
  async resolve(incidentId: string, request: { uncertain: boolean; signal: AbortSignal }): Promise<{ sent: boolean }> {
    const { client } = this.clients.current();
    const fromEmail = this.config.fromEmail ?? (this.me ??= await this.currentUser(client, request.signal)).email;
    return deliverPagerDutyAction(client, { kind: 'resolve', incidentId, fromEmail }, request);
  }

  private async currentUser(client: PagerDutyClient, signal: AbortSignal): Promise<PagerDutyUser> {
    try {
      return await client.currentUser({ signal });
    } catch (error) {
      if (!(error instanceof RequestRefusedError)) throw error;
      throw new RequestRefusedError('PagerDuty', error.status, `PagerDuty cannot tell whose token this is (${error.message}); use a user API token, not an account-wide key`);
    }
  }

  /**
   * Assigned to me, plus those of my teams. PagerDuty combines `user_ids[]` and `team_ids[]` in
   * one query as "both", which would drop my incidents of other teams: two queries, merged.
   */
  private async openIncidents(client: PagerDutyClient, me: PagerDutyUser, signal: AbortSignal): Promise<PagerDutyIncident[]> {
    const statuses: PagerDutyIncident['status'][] = ['triggered', 'acknowledged'];
    const { teamIds } = this.config;
    const lists = await Promise.all([
      client.listIncidents({ statuses, userIds: [me.id] }, { signal }),
      ...(teamIds.length > 0 ? [client.listIncidents({ statuses, teamIds }, { signal })] : []),
    ]);
    const byId = new Map<string, PagerDutyIncident>();
    for (const incident of lists.flat()) if (!byId.has(incident.id)) byId.set(incident.id, incident);
    return [...byId.values()];
  }

  /** The configured escalation policies (who is on call there, me included or not), else my own shifts anywhere. */
  private onCallQuery(me: PagerDutyUser) {
    const since = new Date(this.now());
    const until = new Date(since.getTime() + SHIFT_HORIZON_MS);
    const { escalationPolicyIds } = this.config;
    return escalationPolicyIds.length > 0 ? { escalationPolicyIds, since, until } : { userIds: [me.id], since, until };
  }
}
