import { SourceError } from '../sources/http-json';
import { ActionAccepted, AlertAnswer, AlertPage, OnCallAnswer, opsgenieErrorMessage, RequestStatusAnswer, type OpsgenieAlert, type OpsgenieOnCall, type OpsgenieRequestStatus } from './opsgenie-model';
import { RequestRefusedError } from './saas-errors';
import { DEFAULT_SAAS_LIMITS, SaasHttp, saasUrl, type SaasLimits } from './saas-http';

export const OPSGENIE_API_URL = 'https://api.opsgenie.com';
export const OPSGENIE_EU_API_URL = 'https://api.eu.opsgenie.com';

/** Guards against a server whose `paging.next` never ends: 200 pages of 100 alerts. */
const MAX_PAGES = 200;

export interface OpsgenieClientOptions {
  /** An API integration key (`GenieKey`). Never appears in an error or a log line. */
  apiKey: string;
  /** Default `https://api.opsgenie.com`; `OPSGENIE_EU_API_URL` for the EU instance; tests point it at a local fake. */
  baseUrl?: string;
  limits?: Partial<SaasLimits>;
  /** Alerts per page, at most 100 (Opsgenie's maximum). */
  pageSize?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface AcknowledgeOptions {
  /** Display name of who acknowledges, shown in the alert's log. */
  user: string;
  note?: string;
}

/**
 * An Opsgenie REST API v2 client: open alerts (all pages), acknowledge and close (asynchronous: Opsgenie
 * answers 202 with a request id), request status, who is on call. Failures are `SourceError`s
 * in words; 401/403 are `TokenRejectedError`, a 429 that does not pass is `RateLimitedError`,
 * other 4xx are `RequestRefusedError`.
 */
export class OpsgenieClient {
  readonly #http: SaasHttp;
  private readonly baseUrl: string;
  private readonly pageSize: number;

  constructor(options: OpsgenieClientOptions) {
    this.baseUrl = options.baseUrl ?? OPSGENIE_API_URL;
    this.pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
    this.#http = new SaasHttp({
      service: 'Opsgenie',
      token: options.apiKey,
      authorization: (key) => `GenieKey ${key}`,
      headers: {},
      limits: { ...DEFAULT_SAAS_LIMITS, ...options.limits },
      errorMessage: opsgenieErrorMessage,
    });
  }

  /**
   * Every open alert, all pages read. Pages follow `paging.next`, but only its query (offset,
   * limit, sort…) is taken, on the configured base URL: the key never goes to another host.
   */
  async listOpenAlerts(options: CallOptions = {}): Promise<OpsgenieAlert[]> {
    const alerts: OpsgenieAlert[] = [];
    let url = saasUrl(this.baseUrl, '/v2/alerts', { query: 'status:open', offset: '0', limit: String(this.pageSize) });
    for (let pages = 1; ; pages++) {
      const page = await this.#http.json({ method: 'GET', url, signal: options.signal }, AlertPage);
      alerts.push(...page.data);
      const next = page.paging?.next;
      if (!next || page.data.length === 0) return alerts;
      const following = this.nextPageUrl(next, url);
      if (pages >= MAX_PAGES) throw new SourceError(`Opsgenie kept offering further pages after ${MAX_PAGES}; stopped paging`, 'shape');
      url = following;
    }
  }

  async getAlert(alertId: string, options: CallOptions = {}): Promise<OpsgenieAlert> {
    const url = saasUrl(this.baseUrl, `/v2/alerts/${encodeURIComponent(alertId)}`, { identifierType: 'id' });
    return (await this.#http.json({ method: 'GET', url, signal: options.signal }, AlertAnswer)).data;
  }

  /** `POST /v2/alerts/{id}/acknowledge`. Opsgenie accepts it (202) and processes it later; `requestStatus` tells the outcome. */
  async acknowledge(alertId: string, { user, note }: AcknowledgeOptions, options: CallOptions = {}): Promise<{ requestId: string }> {
    const url = saasUrl(this.baseUrl, `/v2/alerts/${encodeURIComponent(alertId)}/acknowledge`, { identifierType: 'id' });
    const body = { user, source: 'On-Call Companion', ...(note ? { note } : {}) };
    const accepted = await this.#http.json({ method: 'POST', url, body, signal: options.signal }, ActionAccepted);
    return { requestId: accepted.requestId };
  }

  /** `POST /v2/alerts/{id}/close`: Opsgenie's "resolve". Accepted (202) and processed later, like acknowledge. */
  async close(alertId: string, { user, note }: AcknowledgeOptions, options: CallOptions = {}): Promise<{ requestId: string }> {
    const url = saasUrl(this.baseUrl, `/v2/alerts/${encodeURIComponent(alertId)}/close`, { identifierType: 'id' });
    const body = { user, source: 'On-Call Companion', ...(note ? { note } : {}) };
    const accepted = await this.#http.json({ method: 'POST', url, body, signal: options.signal }, ActionAccepted);
    return { requestId: accepted.requestId };
  }

  /** `GET /v2/alerts/requests/{requestId}`; Opsgenie answers 404 while it has not processed the request yet. */
  async requestStatus(requestId: string, options: CallOptions = {}): Promise<OpsgenieRequestStatus> {
    const url = saasUrl(this.baseUrl, `/v2/alerts/requests/${encodeURIComponent(requestId)}`);
    try {
      const { data } = await this.#http.json({ method: 'GET', url, signal: options.signal }, RequestStatusAnswer);
      return { processed: true, success: data.isSuccess, status: data.status, alertId: data.alertId || null };
    } catch (error) {
      if (error instanceof RequestRefusedError && error.status === 404) return { processed: false };
      throw error;
    }
  }

  /** `GET /v2/schedules/{id}/on-calls`: who is on call in a schedule now (or at `date`). */
  async whoIsOnCall(scheduleId: string, options: CallOptions & { date?: Date } = {}): Promise<OpsgenieOnCall> {
    const url = saasUrl(this.baseUrl, `/v2/schedules/${encodeURIComponent(scheduleId)}/on-calls`, {
      scheduleIdentifierType: 'id',
      flat: 'false',
      date: options.date?.toISOString(),
    });
    return this.#http.json({ method: 'GET', url, signal: options.signal }, OnCallAnswer);
  }

  private nextPageUrl(next: string, current: URL): URL {
    let offered: URL;
    try {
      offered = new URL(next);
    } catch {
      throw this.#http.shapeError(`Opsgenie's paging.next is not a URL: ${JSON.stringify(next.slice(0, 200))}`);
    }
    const url = new URL(current);
    url.search = offered.search;
    // Old API versions put the key in paging URLs; it belongs in the Authorization header only.
    url.searchParams.delete('apiKey');
    const from = Number(current.searchParams.get('offset') ?? 0);
    const to = Number(url.searchParams.get('offset'));
    if (!Number.isInteger(to) || to <= from) {
      throw new SourceError(`Opsgenie's paging.next does not move forward (offset ${from} to ${url.searchParams.get('offset')}); stopped paging`, 'shape');
    }
    return url;
  }
}
