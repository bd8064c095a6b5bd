import { z } from 'zod';
import { normalizeSeverity } from '../../shared/severity';
import { apiUrl, getJson } from './http-json';
import { IsoInstant } from './timestamps';
import type { AlertSource, SourceAlert, SourceFetchResult } from './source';

const LabelSet = z.record(z.string(), z.string());

/** The subset of Alertmanager API v2 `GettableAlert` that the app reads. */
const GettableAlerts = z.array(
  z.object({
    fingerprint: z.string(),
    labels: LabelSet,
    annotations: LabelSet.default({}),
    startsAt: IsoInstant,
    generatorURL: z.string().optional(),
    status: z.object({
      state: z.enum(['active', 'suppressed', 'unprocessed']),
      silencedBy: z.array(z.string()).nullish(),
      inhibitedBy: z.array(z.string()).nullish(),
    }),
  }),
);

const GettableSilences = z.array(
  z.object({
    id: z.string(),
    createdBy: z.string(),
    comment: z.string(),
    endsAt: IsoInstant,
    status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
  }),
);
type Silence = z.output<typeof GettableSilences>[number];

export interface AlertmanagerOptions {
  name: string;
  url: string;
  /** Include alerts muted by a silence (shown as suppressed). */
  silenced: boolean;
  /** Include alerts muted by an inhibition rule (shown as suppressed). */
  inhibited: boolean;
  maxResponseBytes?: number;
}

export class AlertmanagerSource implements AlertSource {
  readonly type = 'alertmanager' as const;
  readonly name: string;

  constructor(private readonly options: AlertmanagerOptions) {
    this.name = options.name;
  }

  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    const url = apiUrl(this.options.url, '/api/v2/alerts', {
      active: 'true',
      unprocessed: 'true',
      silenced: String(this.options.silenced),
      inhibited: String(this.options.inhibited),
    });
    const alerts = await getJson(url, GettableAlerts, { signal, maxBytes: this.options.maxResponseBytes });
    const warnings: string[] = [];
    let silences = new Map<string, Silence>();
    if (alerts.some((alert) => alert.status.silencedBy?.length)) {
      try {
        silences = await this.activeSilences(signal);
      } catch (error) {
        // The alerts are good without the silences' details: keep them, say what is missing.
        warnings.push(`cannot read silence details: ${(error as Error).message}`);
      }
    }
    return { alerts: alerts.map((alert) => toSourceAlert(alert, silences)), warnings };
  }

  private async activeSilences(signal: AbortSignal): Promise<Map<string, Silence>> {
    const url = apiUrl(this.options.url, '/api/v2/silences');
    const silences = await getJson(url, GettableSilences, { signal, maxBytes: this.options.maxResponseBytes });
    return new Map(silences.filter((silence) => silence.status.state === 'active').map((silence) => [silence.id, silence]));
  }
}

function toSourceAlert(alert: z.output<typeof GettableAlerts>[number], silences: Map<string, Silence>): SourceAlert {
  const silencedBy = alert.status.silencedBy ?? [];
  const inhibitedBy = alert.status.inhibitedBy ?? [];
  return {
    fingerprint: alert.fingerprint,
    name: alert.labels.alertname ?? '(no alertname)',
    labels: alert.labels,
    annotations: alert.annotations,
    severity: normalizeSeverity(alert.labels.severity),
    state: alert.status.state === 'suppressed' ? 'suppressed' : 'firing',
    startsAt: alert.startsAt,
    silencedBy,
    inhibitedBy,
    silences: silencedBy.flatMap((id) => {
      const silence = silences.get(id);
      return silence ? [{ id, createdBy: silence.createdBy, comment: silence.comment, endsAt: silence.endsAt }] : [];
    }),
    ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
  };
}
