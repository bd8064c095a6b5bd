import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { normalizeSeverity } from '../../shared/severity';
import { describeZodError } from '../../shared/api';
import { labelsFingerprint } from './fingerprint';
import type { RequestHeaders } from './bearer-token';
import { SourceError, apiUrl, getJson } from './http-json';
import type { AlertSource, SourceAlert, SourceFetchResult } from './source';
import { LabelSet } from '../../shared/label-set';
import { IsoInstant } from './timestamps';


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
      activeAt: IsoInstant.optional(),
      value: z.string().optional(),
    }),
  ),
});

const ConfigData = z.object({ yaml: z.string() });
const ExternalLabels = z.object({ global: z.object({ external_labels: LabelSet.optional() }).nullish() }).nullish();

/** External labels change only with a Prometheus config reload: re-read them this often. */
const EXTERNAL_LABELS_TTL_MS = 10 * 60_000;

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

const RangeQueryData = z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: LabelSet, values: z.array(Sample) })),
});
export type RangeQueryData = z.output<typeof RangeQueryData>;

export interface RangeQueryResult {
  data: RangeQueryData;
  warnings: string[];
}

export interface PrometheusOptions {
  name: string;
  url: string;
  maxResponseBytes?: number;
  /** Sent with every request (a bearer token), worked out per request so a rotated token is used. */
  headers?: RequestHeaders;
}

export class PrometheusSource implements AlertSource {
  readonly type = 'prometheus' as const;
  readonly name: string;
  private externalLabels: { labels: Record<string, string>; readAt: number } | undefined;
  private firstSeen = new Map<string, string>();

  constructor(
    private readonly options: PrometheusOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.name = options.name;
  }

  /**
   * Pending and firing alerts, with the server's external labels added as Prometheus adds them
   * when it sends to Alertmanager, so both copies of an alert get the same fingerprint.
   */
  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    const [body, external] = await Promise.all([this.get('/api/v1/alerts', {}, AlertsData, signal), this.readExternalLabels(signal)]);
    const firstSeen = new Map<string, string>();
    const alerts = body.data.alerts
      .filter((alert) => alert.state !== 'inactive')
      .map((alert) => {
        const labels = { ...external.labels, ...alert.labels };
        const fingerprint = labelsFingerprint(labels);
        // Without activeAt (some Prometheus-compatible rulers), the first time we saw it stands in.
        const startsAt = alert.activeAt ?? this.firstSeen.get(fingerprint) ?? new Date(this.now()).toISOString();
        firstSeen.set(fingerprint, startsAt);
        return toSourceAlert({ ...alert, labels }, fingerprint, startsAt, this.options.url);
      });
    this.firstSeen = firstSeen;
    return { alerts, warnings: [...body.warnings, ...external.warnings] };
  }

  private async readExternalLabels(signal: AbortSignal): Promise<{ labels: Record<string, string>; warnings: string[] }> {
    const cached = this.externalLabels;
    if (cached && this.now() - cached.readAt < EXTERNAL_LABELS_TTL_MS) return { labels: cached.labels, warnings: [] };
    try {
      const { data } = await this.get('/api/v1/status/config', {}, ConfigData, signal);
      const parsed = ExternalLabels.safeParse(parseYaml(data.yaml));
      const labels = (parsed.success && parsed.data?.global?.external_labels) || {};
      this.externalLabels = { labels, readAt: this.now() };
      return { labels, warnings: [] };
    } catch (error) {
      // Without them alerts still show, but may not merge with their Alertmanager copies.
      return { labels: cached?.labels ?? {}, warnings: [`cannot read external labels: ${(error as Error).message}`] };
    }
  }

  /** `GET /api/v1/query`: an instant query, typed by result type. Later SLO work builds on this. */
  async queryInstant(query: string, options: { signal: AbortSignal; time?: Date }): Promise<InstantQueryResult> {
    const params: Record<string, string> = { query };
    if (options.time) params.time = (options.time.getTime() / 1000).toString();
    return this.get('/api/v1/query', params, QueryData, options.signal);
  }

  /** `GET /api/v1/query_range`: one series per result, a sample per step from `start` to `end`. */
  async queryRange(query: string, options: { start: Date; end: Date; stepSeconds: number; signal: AbortSignal }): Promise<RangeQueryResult> {
    const params: Record<string, string> = {
      query,
      start: (options.start.getTime() / 1000).toString(),
      end: (options.end.getTime() / 1000).toString(),
      step: options.stepSeconds.toString(),
    };
    return this.get('/api/v1/query_range', params, RangeQueryData, options.signal);
  }

  private async get<S extends z.ZodType>(path: string, query: Record<string, string>, schema: S, signal: AbortSignal) {
    const headers = this.options.headers?.();
    const body = await getJson(apiUrl(this.options.url, path, query), Envelope, { signal, maxBytes: this.options.maxResponseBytes, headers });
    if (body.status === 'error') {
      throw new SourceError(`Prometheus ${body.errorType} error: ${body.error}`, 'api');
    }
    const data = schema.safeParse(body.data);
    if (!data.success) throw new SourceError(`unexpected response from ${path}: data.${describeZodError(data.error)}`, 'shape');
    return { data: data.data as z.output<S>, warnings: body.warnings ?? [] };
  }
}

function toSourceAlert(alert: z.output<typeof AlertsData>['alerts'][number], fingerprint: string, startsAt: string, baseUrl: string): SourceAlert {
  return {
    fingerprint,
    name: alert.labels.alertname ?? '(no alertname)',
    labels: alert.labels,
    annotations: alert.annotations,
    severity: normalizeSeverity(alert.labels.severity),
    state: alert.state === 'pending' ? 'pending' : 'firing',
    startsAt,
    silencedBy: [],
    inhibitedBy: [],
    generatorURL: `${baseUrl.replace(/\/+$/, '')}/alerts?search=${encodeURIComponent(alert.labels.alertname ?? '')}`,
    ...(alert.value !== undefined ? { value: alert.value } : {}),
  };
}
