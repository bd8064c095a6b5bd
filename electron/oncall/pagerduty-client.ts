import type { z } from 'zod';
import { SourceError } from '../sources/http-json';
import {
  IncidentAnswer,
  IncidentPage,
  OnCallPage,
  pagerDutyErrorMessage,
  UserAnswer,
  type PagerDutyIncident,
  type PagerDutyIncidentStatus,
  type PagerDutyOnCall,
  type PagerDutyUser,
} from './pagerduty-model';
import { DEFAULT_SAAS_LIMITS, SaasHttp, saasUrl, type SaasLimits } from './saas-http';

export const PAGERDUTY_API_URL = 'https://api.pagerduty.com';

/** Classic pagination serves at most this many records per query (offset + limit ≤ 10,000). */
const PAGERDUTY_RECORD_CAP = 10_000;

export interface PagerDutyClientOptions {
  /** A REST API key (account or user token). Never appears in an error or a log line. */
  token: string;
  /** Default `https://api.pagerduty.com`; tests point it at a local fake. */
  baseUrl?: string;
  limits?: Partial<SaasLimits>;
  /** Records per page, at most 100 (PagerDuty's maximum). */
  pageSize?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface IncidentFilter {
  statuses: PagerDutyIncidentStatus[];
  /** Incidents assigned to any of these users. */
  userIds?: string[];
  /** Incidents of any of these teams. */
  teamIds?: string[];
}

export interface OnCallQuery {
  escalationPolicyIds?: string[];
  userIds?: string[];
  /** The window: every on-call that overlaps it is listed (PagerDuty allows at most 90 days). */
  since: Date;
  until: Date;
}

type ListKey = 'incidents' | 'oncalls';

/**
 * A PagerDuty REST API v2 client: incidents (all pages), acknowledge and resolve, the current
 * user and the on-calls. Failures are `SourceError`s in words; 401/403 are `TokenRejectedError`,
 * a 429 that does not pass is `RateLimitedError`, other 4xx are `RequestRefusedError`.
 */
export class PagerDutyClient {
  readonly #http: SaasHttp;
  private readonly baseUrl: string;
  private readonly pageSize: number;

  constructor(options: PagerDutyClientOptions) {
    this.baseUrl = options.baseUrl ?? PAGERDUTY_API_URL;
    this.pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
    this.#http = new SaasHttp({
      service: 'PagerDuty',
      token: options.token,
      authorization: (token) => `Token token=${token}`,
      headers: { accept: 'application/vnd.pagerduty+json;version=2' },
      limits: { ...DEFAULT_SAAS_LIMITS, ...options.limits },
      errorMessage: pagerDutyErrorMessage,
    });
  }

  /** Every incident matching the filter, all pages read, in PagerDuty's order. */
  listIncidents(filter: IncidentFilter, options: CallOptions = {}): Promise<PagerDutyIncident[]> {
    const query = {
      'statuses[]': filter.statuses,
      'user_ids[]': filter.userIds,
      'team_ids[]': filter.teamIds,
      // Without it PagerDuty only searches a recent window; an incident open for weeks still needs acknowledging.
      date_range: 'all',
    };
    return this.allPages('/incidents', query, IncidentPage, 'incidents', options);
  }

  async getIncident(incidentId: string, options: CallOptions = {}): Promise<PagerDutyIncident> {
    const url = saasUrl(this.baseUrl, `/incidents/${encodeURIComponent(incidentId)}`);
    return (await this.#http.json({ method: 'GET', url, signal: options.signal }, IncidentAnswer)).incident;
  }

  /** `PUT /incidents/{id}` as `fromEmail` (PagerDuty's required `From` header); returns the incident as PagerDuty now has it. */
  acknowledge(incidentId: string, fromEmail: string, options: CallOptions = {}): Promise<PagerDutyIncident> {
    return this.setStatus(incidentId, 'acknowledged', fromEmail, options);
  }

  resolve(incidentId: string, fromEmail: string, options: CallOptions = {}): Promise<PagerDutyIncident> {
    return this.setStatus(incidentId, 'resolved', fromEmail, options);
  }

  /** `GET /users/me`: the user the token belongs to (an account-wide token has none, and PagerDuty refuses). */
  async currentUser(options: CallOptions = {}): Promise<PagerDutyUser> {
    const url = saasUrl(this.baseUrl, '/users/me');
    return (await this.#http.json({ method: 'GET', url, signal: options.signal }, UserAnswer)).user;
  }

  /** Every on-call entry overlapping `since`…`until` for the given policies or users. */
  oncalls(query: OnCallQuery, options: CallOptions = {}): Promise<PagerDutyOnCall[]> {
    const params = {
      since: query.since.toISOString(),
      until: query.until.toISOString(),
      'escalation_policy_ids[]': query.escalationPolicyIds,
      'user_ids[]': query.userIds,
    };
    return this.allPages('/oncalls', params, OnCallPage, 'oncalls', options);
  }

  private async setStatus(incidentId: string, status: 'acknowledged' | 'resolved', fromEmail: string, options: CallOptions): Promise<PagerDutyIncident> {
    if (!fromEmail.includes('@')) {
      throw new SourceError(`PagerDuty needs the email address of a PagerDuty user to ${status === 'acknowledged' ? 'acknowledge' : 'resolve'} an incident, got "${fromEmail}"`, 'api', true);
    }
    const url = saasUrl(this.baseUrl, `/incidents/${encodeURIComponent(incidentId)}`);
    const body = { incident: { type: 'incident_reference', status } };
    const answer = await this.#http.json({ method: 'PUT', url, body, headers: { from: fromEmail }, signal: options.signal }, IncidentAnswer);
    return answer.incident;
  }

  /** Reads page after page (`offset`, `limit`) until PagerDuty says there is no `more`. */
  private async allPages<K extends ListKey, S extends z.ZodType<{ offset: number; more: boolean } & Record<K, unknown[]>>>(
    path: string,
    query: Record<string, string | string[] | undefined>,
    schema: S,
    key: K,
    options: CallOptions,
  ): Promise<z.output<S>[K]> {
    const items: unknown[] = [];
    let offset = 0;
    for (;;) {
      const url = saasUrl(this.baseUrl, path, { ...query, limit: String(this.pageSize), offset: String(offset) });
      const page = await this.#http.json({ method: 'GET', url, signal: options.signal }, schema);
      const records = page[key];
      items.push(...records);
      if (!page.more) return items as z.output<S>[K];
      if (records.length === 0) {
        throw new SourceError(`PagerDuty said there are more ${key} after offset ${page.offset} but sent none; stopped paging`, 'shape');
      }
      offset = page.offset + records.length;
      if (offset + this.pageSize > PAGERDUTY_RECORD_CAP) {
        throw new SourceError(`more than ${PAGERDUTY_RECORD_CAP} ${key} match, more than PagerDuty lists for one query; narrow the filter`, 'api');
      }
    }
  }
}
