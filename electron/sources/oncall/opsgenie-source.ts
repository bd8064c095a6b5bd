import type { OpsgenieConfig } from '../../config/config-schema';
import { deliverOpsgenieAcknowledge } from '../../oncall/oncall-delivery';
import { OpsgenieClient } from '../../oncall/opsgenie-client';
import type { OpsgenieOnCall } from '../../oncall/opsgenie-model';
import type { SecretStore } from '../../secrets/secret-store';
import type { AlertSource, SourceFetchResult } from '../source';
import { OnCallRefresh, type OnCallState } from './on-call-state';
import { opsgenieAlert, opsgenieOnCall } from './opsgenie-alerts';
import { saasLimitsFor, type OnCallSourceOptions } from './saas-limits';
import { TokenBoundClient } from './token-bound-client';

/**
 * Opsgenie's open alerts as alerts; and who is on call in the configured schedules (read at most
 * every 5 minutes), with "on call now" when the configured user is among them.
 */
export class OpsgenieSource implements AlertSource {
  readonly type = 'opsgenie' as const;
  readonly name: string;
  private readonly clients: TokenBoundClient<OpsgenieClient>;
  private readonly schedules: OnCallRefresh<OpsgenieOnCall[]>;

  constructor(
    private readonly config: OpsgenieConfig,
    secrets?: SecretStore,
    options: OnCallSourceOptions = {},
  ) {
    this.name = config.name;
    const limits = saasLimitsFor(config.timeout);
    this.clients = new TokenBoundClient('Opsgenie', config.token, secrets, options.env ?? process.env, (apiKey) => new OpsgenieClient({ apiKey, baseUrl: config.baseUrl, limits }));
    this.schedules = new OnCallRefresh('Opsgenie', options.now ?? Date.now);
  }

  /** Acknowledges in Opsgenie as the configured `user`, else under the app user's name, with the comment as its note. */
  async acknowledge(alertId: string, request: { by: string; comment: string; uncertain: boolean; signal: AbortSignal }): Promise<{ sent: boolean }> {
    const { client } = this.clients.current();
    const note = request.comment.trim() || undefined;
    return deliverOpsgenieAcknowledge(client, { alertId, user: this.config.user ?? request.by, ...(note ? { note } : {}) }, request);
  }

  /** Closes the alert in Opsgenie (its "resolve"), with the comment as its note. */
  async resolve(alertId: string, request: { by: string; comment: string; uncertain: boolean; signal: AbortSignal }): Promise<{ sent: boolean }> {
    const { client } = this.clients.current();
    const note = request.comment.trim() || undefined;
    return deliverOpsgenieAcknowledge(client, { kind: 'close', alertId, user: this.config.user ?? request.by, ...(note ? { note } : {}) }, request);
  }

  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    const { client, fresh } = this.clients.current();
    if (fresh) this.schedules.reset();
    const { scheduleIds } = this.config;
    const [alerts] = await Promise.all([
      client.listOpenAlerts({ signal }),
      scheduleIds.length > 0 ? this.schedules.refreshIfDue(() => Promise.all(scheduleIds.map((id) => client.whoIsOnCall(id, { signal })))) : undefined,
    ]);
    return { alerts: alerts.map(opsgenieAlert), warnings: this.schedules.warnings() };
  }

  /** Who is on call as of the last read; null with no schedules configured or before the first read succeeded. */
  onCall(): OnCallState | null {
    const onCalls = this.schedules.value;
    return onCalls === null ? null : opsgenieOnCall(onCalls, this.config.user);
  }
}
