import { z } from 'zod';
import { normalizeSeverity } from '../../shared/severity';
import { describeZodError } from '../../shared/api';
import { labelsFingerprint } from './fingerprint';
import { SourceError, apiUrl, getJson } from './http-json';
import type { AlertSource, SourceAlert, SourceFetchResult } from './source';

const LabelSet = z.record(z.string(), z.string());

/** Prometheus HTTP API envelope: `status`, `data`, optional `warnings`, or `errorType` + `error`. */
const Envelope = z.discriminatedUnion('status', [
  z.object({ status: z.literal('success'), data: z.unknown(), warnings: z.array(z.string()).optional() }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string(), warnings: z.array(z.string()).optional() }),
]);

const AlertsData = z.object({
  alerts: z.array(
    z.object({
      labels: LabelSet,
      annotations: LabelSet.default({}),
      state: z.enum(['firing', 'pending', 'inactive']),
      activeAt: z.string().optional(),
      value: z.string().optional(),
    }),
  ),
});

const Sample = z.tuple([z.number(), z.string()]);
const QueryData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: LabelSet, value: Sample })) }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: LabelSet, values: z.array(Sample) })) }),
  z.object({ resultType: z.literal('scalar'), result: Sample }),
  z.object({ resultType: z.literal('string'), result: Sample }),
]);
export type InstantQueryData = z.output<typeof QueryData>;

export interface InstantQueryResult {
  data: InstantQueryData;
  warnings: string[];
}

export interface PrometheusOptions {
  name: string;
  url: string;
  maxResponseBytes?: number;
}

export class PrometheusSource implements AlertSource {
  readonly type = 'prometheus' as const;
  readonly name: string;

  constructor(private readonly options: PrometheusOptions) {
    this.name = options.name;
  }

  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    const body = await this.get('/api/v1/alerts', {}, AlertsData, signal);
    const alerts = body.data.alerts.filter((alert) => alert.state !== 'inactive').map((alert) => toSourceAlert(alert, this.options.url));
    return { alerts, warnings: body.warnings };
  }

  /** `GET /api/v1/query`: an instant query, typed by result type. Later SLO work builds on this. */
  async queryInstant(query: string, options: { signal: AbortSignal; time?: Date }): Promise<InstantQueryResult> {
    const params: Record<string, string> = { query };
    if (options.time) params.time = (options.time.getTime() / 1000).toString();
    return this.get('/api/v1/query', params, QueryData, options.signal);
  }

  private async get<S extends z.ZodType>(path: string, query: Record<string, string>, schema: S, signal: AbortSignal) {
    const body = await getJson(apiUrl(this.options.url, path, query), Envelope, { signal, maxBytes: this.options.maxResponseBytes });
    if (body.status === 'error') {
      throw new SourceError(`Prometheus ${body.errorType} error: ${body.error}`, 'api');
    }
    const data = schema.safeParse(body.data);
    if (!data.success) throw new SourceError(`unexpected response from ${path}: data.${describeZodError(data.error)}`, 'shape');
    return { data: data.data as z.output<S>, warnings: body.warnings ?? [] };
  }
}

function toSourceAlert(alert: z.output<typeof AlertsData>['alerts'][number], baseUrl: string): SourceAlert {
  return {
    fingerprint: labelsFingerprint(alert.labels),
    name: alert.labels.alertname ?? '(no alertname)',
    labels: alert.labels,
    annotations: alert.annotations,
    severity: normalizeSeverity(alert.labels.severity),
    state: alert.state === 'pending' ? 'pending' : 'firing',
    startsAt: alert.activeAt ?? new Date().toISOString(),
    silencedBy: [],
    inhibitedBy: [],
    generatorURL: `${baseUrl.replace(/\/+$/, '')}/alerts?search=${encodeURIComponent(alert.labels.alertname ?? '')}`,
  };
}
