import { z } from 'zod';
import { normalizeSeverity } from '../../shared/severity';
import { listSilences, type SourceSilence } from './alertmanager-silences';
import type { RequestHeaders } from './bearer-token';
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

export interface AlertmanagerOptions {
  name: string;
  url: string;
  /** Include alerts muted by a silence (shown as suppressed). */
  silenced: boolean;
  /** Include alerts muted by an inhibition rule (shown as suppressed). */
  inhibited: boolean;
  maxResponseBytes?: number;
  /** Sent with every request (a bearer token), worked out per poll so a rotated token is used. */
  headers?: RequestHeaders;
}

export class AlertmanagerSource implements AlertSource {
  readonly type = 'alertmanager' as const;
  readonly name: string;

  constructor(private readonly options: AlertmanagerOptions) {
    this.name = options.name;
  }

  /** The alerts and, from one more request made at the same time, the non-expired silences. */
  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    const url = apiUrl(this.options.url, '/api/v2/alerts', {
      active: 'true',
      unprocessed: 'true',
      silenced: String(this.options.silenced),
      inhibited: String(this.options.inhibited),
    });
    const headers = this.options.headers?.();
    const silencesRequest = new AbortController();
    const silencesRead = listSilences(this.options.url, {
      signal: AbortSignal.any([signal, silencesRequest.signal]),
      maxBytes: this.options.maxResponseBytes,
      headers,
    }).then(
      (silences) => ({ silences: silences.filter((silence) => silence.state !== 'expired') }),
      (error: unknown) => ({ error: error as Error }),
    );
    let alerts: z.output<typeof GettableAlerts>;
    try {
      alerts = await getJson(url, GettableAlerts, { signal, maxBytes: this.options.maxResponseBytes, headers });
    } catch (error) {
      silencesRequest.abort();
      throw error;
    }
    const read = await silencesRead;
    if ('error' in read) {
      // The alerts are good without the silences: keep them, say what is missing.
      return { alerts: alerts.map((alert) => toSourceAlert(alert, new Map())), warnings: [`cannot read silences: ${read.error.message}`] };
    }
    const byId = new Map(read.silences.filter((silence) => silence.state === 'active').map((silence) => [silence.id, silence]));
    return { alerts: alerts.map((alert) => toSourceAlert(alert, byId)), warnings: [], silences: read.silences };
  }
}

function toSourceAlert(alert: z.output<typeof GettableAlerts>[number], silences: Map<string, SourceSilence>): SourceAlert {
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
