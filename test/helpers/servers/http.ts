/** Alertmanager / Prometheus HTTP API helpers (loopback URLs only). */
import { assertLoopback, describeValue } from './wait';

export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

async function requestJson(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<unknown> {
  assertLoopback(url);
  const init: RequestInit = { method, signal: AbortSignal.timeout(10_000) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url} failed: HTTP ${response.status} ${response.statusText}: ${text.slice(0, 2000)}`);
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Alertmanager / Prometheus API helpers

/** `POST /api/v2/alerts`; throws with status and body on failure. */
export async function postAlerts(alertmanagerUrl: string, alerts: PostableAlert[]): Promise<void> {
  await requestJson('POST', `${trimSlash(alertmanagerUrl)}/api/v2/alerts`, alerts);
}

/**
 * Re-posts `alerts` with `endsAt` = now (or `at`), so Alertmanager resolves them and drops
 * them from `GET /api/v2/alerts`.
 */
export async function resolveAlerts(alertmanagerUrl: string, alerts: PostableAlert[], at: Date = new Date()): Promise<void> {
  const endsAt = at.toISOString();
  await postAlerts(
    alertmanagerUrl,
    alerts.map((alert) => ({ ...alert, endsAt })),
  );
}

/** One alert as `GET /api/v2/alerts` returns it (the fields tests use). */
export interface AlertmanagerAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL?: string;
  receivers: Array<{ name: string }>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[]; inhibitedBy: string[] };
}

/** `GET /api/v2/alerts`, optionally with `filter` matchers such as `alertname="X"`. */
export async function getAlertmanagerAlerts(alertmanagerUrl: string, filter: string[] = []): Promise<AlertmanagerAlert[]> {
  const query = new URLSearchParams();
  for (const matcher of filter) query.append('filter', matcher);
  const suffix = filter.length ? `?${query.toString()}` : '';
  return (await requestJson('GET', `${trimSlash(alertmanagerUrl)}/api/v2/alerts${suffix}`)) as AlertmanagerAlert[];
}

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex?: boolean;
  isEqual?: boolean;
}

/** `POST /api/v2/silences`; returns the silence ID. Defaults: now → +1h, createdBy "test". */
export async function createSilence(
  alertmanagerUrl: string,
  silence: { matchers: SilenceMatcher[]; startsAt?: string; endsAt?: string; createdBy?: string; comment?: string },
): Promise<string> {
  const now = Date.now();
  const result = (await requestJson('POST', `${trimSlash(alertmanagerUrl)}/api/v2/silences`, {
    matchers: silence.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex ?? false, isEqual: m.isEqual ?? true })),
    startsAt: silence.startsAt ?? new Date(now).toISOString(),
    endsAt: silence.endsAt ?? new Date(now + 3_600_000).toISOString(),
    createdBy: silence.createdBy ?? 'test',
    comment: silence.comment ?? 'created by the test harness',
  })) as { silenceID?: unknown };
  if (typeof result.silenceID !== 'string') throw new Error(`createSilence: unexpected response ${describeValue(result)}`);
  return result.silenceID;
}

/** `DELETE /api/v2/silence/{id}` (expires it). */
export async function expireSilence(alertmanagerUrl: string, silenceId: string): Promise<void> {
  await requestJson('DELETE', `${trimSlash(alertmanagerUrl)}/api/v2/silence/${encodeURIComponent(silenceId)}`);
}

/** One alert as Prometheus' `GET /api/v1/alerts` returns it. */
export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  value: string;
}

/** Prometheus `GET /api/v1/alerts` → `data.alerts`. */
export async function getPrometheusAlerts(prometheusUrl: string): Promise<PrometheusAlert[]> {
  const body = (await requestJson('GET', `${trimSlash(prometheusUrl)}/api/v1/alerts`)) as {
    status?: string;
    data?: { alerts?: PrometheusAlert[] };
  };
  if (body.status !== 'success' || !body.data?.alerts) throw new Error(`unexpected /api/v1/alerts body ${describeValue(body)}`);
  return body.data.alerts;
}
