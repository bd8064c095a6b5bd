import { FakeSaasServer, intParam, param, type FakeAnswer, type RecordedRequest } from './fake-http';

/**
 * A local reproduction of the PagerDuty REST API v2, for the parts this app uses. What it follows,
 * from developer.pagerduty.com and github.com/PagerDuty/developer-docs:
 * - Authentication: `Authorization: Token token=<key>`; otherwise 401. The body has the documented
 *   error shape `{error: {message, code, errors?}}` with code 2006 "Authentication failed" from the
 *   Errors page's code table.
 * - Classic pagination (REST-API/09-Pagination.md): `limit` (default 25, at most 100), `offset`,
 *   answers echo `limit` and `offset`, `more` says whether more match, `total` is null unless
 *   `total=true`; `offset + limit` above 10,000 is a 400.
 * - List incidents: `statuses[]`, `user_ids[]` (assigned to), `team_ids[]`, `date_range=all`;
 *   without `date_range=all` or `since` only the last month is searched (the documented default).
 *   Incident fields: id, type, summary, incident_number, title, status, urgency, html_url,
 *   created_at, service, assignments[{at, assignee}], escalation_policy, teams (references with
 *   id, type, summary, self, html_url).
 * - Update an incident: `PUT /incidents/{id}` with `{incident: {type: "incident_reference",
 *   status}}` and the `From` header (a user's email) → 200 `{incident}`; an unknown id is 404 code
 *   2100 "Not Found"; acknowledging a resolved incident is 400 code 1001 "Incident Already
 *   Resolved"; a missing or unknown `From` is 400 code 1008 "Requester User Not Found" (codes from
 *   the table; that these cases answer exactly so is this fake's assumption).
 * - `GET /users/me` → `{user}` for a user token; an account token has no user (400, assumed).
 * - List on-calls: `since`, `until` (default now…now), `escalation_policy_ids[]`, `user_ids[]`;
 *   entries {user, escalation_policy, escalation_level, schedule, start, end} overlapping the window.
 * - Rate limits (REST-API/04-Rate-Limits.md): 429 with `ratelimit-limit`, `ratelimit-remaining`,
 *   `ratelimit-reset` and `{error: {message: "Rate Limit Exceeded", code: 2020}}`; `Retry-After`
 *   is added when a test asks for it (PagerDuty documents only `ratelimit-reset`).
 */

export interface PdReference {
  id: string;
  type: string;
  summary: string;
  self: string;
  html_url: string;
}

export interface PdIncident {
  id: string;
  type: 'incident';
  summary: string;
  incident_number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  html_url: string;
  self: string;
  created_at: string;
  updated_at: string;
  service: PdReference;
  assignments: { at: string; assignee: PdReference }[];
  acknowledgements: { at: string; acknowledger: PdReference }[];
  escalation_policy: PdReference;
  teams: PdReference[];
  /** The Events API dedup key the incident was opened with. */
  incident_key?: string;
}

export interface PdUser {
  id: string;
  name: string;
  email: string;
  time_zone: string;
}

export interface PdOnCall {
  user: PdReference;
  escalation_policy: PdReference;
  escalation_level: number;
  schedule: PdReference | null;
  start: string | null;
  end: string | null;
}

export interface PagerDutyFakeOptions {
  /** Valid tokens and the user each belongs to (null: an account-wide token). */
  tokens: Record<string, string | null>;
  users?: PdUser[];
  incidents?: PdIncident[];
  oncalls?: PdOnCall[];
  now?: () => Date;
}

const MONTH_MS = 30 * 24 * 3_600_000;

export function pdReference(type: string, id: string, summary: string): PdReference {
  const plural = type.replace(/_reference$/, '') + 's';
  return { id, type, summary, self: `https://api.pagerduty.com/${plural}/${id}`, html_url: `https://acme.pagerduty.com/${plural}/${id}` };
}

/** An incident with plausible defaults; `number` also makes its id (`PINC<number>`). */
export function pdIncident(number: number, fields: Partial<PdIncident> = {}): PdIncident {
  const id = fields.id ?? `PINC${number}`;
  const title = fields.title ?? `Incident ${number}`;
  const createdAt = fields.created_at ?? new Date(Date.UTC(2026, 10, 1, 0, number % 60)).toISOString().replace('.000Z', 'Z');
  return {
    id,
    type: 'incident',
    summary: `[#${number}] ${title}`,
    incident_number: number,
    title,
    status: 'triggered',
    urgency: 'high',
    html_url: `https://acme.pagerduty.com/incidents/${id}`,
    self: `https://api.pagerduty.com/incidents/${id}`,
    created_at: createdAt,
    updated_at: createdAt,
    service: pdReference('service_reference', 'PSVC1', 'Checkout API'),
    assignments: [],
    acknowledgements: [],
    escalation_policy: pdReference('escalation_policy_reference', 'PEP1', 'Checkout on-call'),
    teams: [],
    ...fields,
  };
}

export class PagerDutyFake extends FakeSaasServer {
  readonly incidents: PdIncident[];
  readonly users: PdUser[];
  readonly oncalls: PdOnCall[];
  private readonly now: () => Date;

  private constructor(private readonly options: PagerDutyFakeOptions) {
    super({
      authorized: (header) => {
        const token = tokenIn(header);
        return token !== undefined && token in options.tokens;
      },
      unauthorized: () => pdError(401, 'Authentication failed', 2006),
      redactAuthorization: (value) => (value.startsWith('Token token=') ? 'Token token=<redacted>' : '<redacted>'),
      tooManyRequests: (retryAfter) => ({
        ...pdError(429, 'Rate Limit Exceeded', 2020),
        headers: { 'ratelimit-limit': '960', 'ratelimit-remaining': '0', 'ratelimit-reset': '20', ...(retryAfter === null ? {} : { 'retry-after': retryAfter }) },
      }),
      route: (request, authorization) => this.route(request, tokenIn(authorization)),
    });
    this.incidents = options.incidents ?? [];
    this.users = options.users ?? [];
    this.oncalls = options.oncalls ?? [];
    this.now = options.now ?? (() => new Date());
  }

  static start(options: PagerDutyFakeOptions): Promise<PagerDutyFake> {
    return new PagerDutyFake(options).start();
  }

  incident(id: string): PdIncident | undefined {
    return this.incidents.find((incident) => incident.id === id);
  }

  private route(request: RecordedRequest, token: string | undefined): FakeAnswer {
    const { method, path } = request;
    if (method === 'GET' && path === '/incidents') return this.listIncidents(request);
    if (method === 'GET' && path === '/users/me') return this.me(token);
    if (method === 'GET' && path === '/oncalls') return this.listOnCalls(request);
    const incidentPath = /^\/incidents\/([^/]+)$/.exec(path);
    if (incidentPath && method === 'GET') {
      const incident = this.incident(decodeURIComponent(incidentPath[1]!));
      return incident ? { status: 200, body: { incident } } : pdError(404, 'Not Found', 2100);
    }
    if (incidentPath && method === 'PUT') return this.updateIncident(decodeURIComponent(incidentPath[1]!), request);
    return pdError(404, 'Not Found', 2100);
  }

  private listIncidents(request: RecordedRequest): FakeAnswer {
    const statuses = request.query['statuses[]'];
    const userIds = request.query['user_ids[]'];
    const teamIds = request.query['team_ids[]'];
    const since = param(request, 'since');
    const searchFrom = param(request, 'date_range') === 'all' ? -Infinity : since ? Date.parse(since) : this.now().getTime() - MONTH_MS;
    const matching = this.incidents.filter(
      (incident) =>
        Date.parse(incident.created_at) >= searchFrom &&
        (!statuses || statuses.includes(incident.status)) &&
        (!userIds || incident.assignments.some((assignment) => userIds.includes(assignment.assignee.id))) &&
        (!teamIds || incident.teams.some((team) => teamIds.includes(team.id))),
    );
    return paginate(request, 'incidents', matching);
  }

  private updateIncident(id: string, request: RecordedRequest): FakeAnswer {
    const incident = this.incident(id);
    if (!incident) return pdError(404, 'Not Found', 2100);
    const requester = this.users.find((user) => user.email === request.headers.from);
    if (!requester) return pdError(400, 'Requester User Not Found', 1008);
    const wanted = (request.body as { incident?: { type?: unknown; status?: unknown } } | undefined)?.incident;
    if (wanted?.type !== 'incident_reference' || (wanted.status !== 'acknowledged' && wanted.status !== 'resolved')) {
      return pdError(400, 'Invalid Input Provided', 2001, ['incident.status must be acknowledged or resolved']);
    }
    if (incident.status === 'resolved' && wanted.status === 'acknowledged') return pdError(400, 'Incident Already Resolved', 1001);
    const at = this.now().toISOString();
    if (wanted.status === 'acknowledged' && incident.status !== 'acknowledged') {
      incident.acknowledgements.push({ at, acknowledger: pdReference('user_reference', requester.id, requester.name) });
    }
    if (wanted.status === 'resolved') incident.assignments = [];
    incident.status = wanted.status;
    incident.updated_at = at;
    return { status: 200, body: { incident } };
  }

  private me(token: string | undefined): FakeAnswer {
    const userId = token === undefined ? null : this.options.tokens[token];
    const user = this.users.find((candidate) => candidate.id === userId);
    if (!user) return pdError(400, 'Invalid Input Provided', 2001, ['An account-level API token has no current user']);
    return { status: 200, body: { user: { ...user, type: 'user', summary: user.name, html_url: `https://acme.pagerduty.com/users/${user.id}` } } };
  }

  private listOnCalls(request: RecordedRequest): FakeAnswer {
    const now = this.now().toISOString();
    const since = Date.parse(param(request, 'since') ?? now);
    const until = Date.parse(param(request, 'until') ?? now);
    const policies = request.query['escalation_policy_ids[]'];
    const users = request.query['user_ids[]'];
    const matching = this.oncalls.filter(
      (oncall) =>
        (oncall.start === null || Date.parse(oncall.start) <= until) &&
        (oncall.end === null || Date.parse(oncall.end) > since) &&
        (!policies || policies.includes(oncall.escalation_policy.id)) &&
        (!users || users.includes(oncall.user.id)),
    );
    return paginate(request, 'oncalls', matching);
  }
}

function tokenIn(authorization: string | undefined): string | undefined {
  return /^Token token=(.+)$/.exec(authorization ?? '')?.[1];
}

function paginate(request: RecordedRequest, key: string, all: unknown[]): FakeAnswer {
  const limit = intParam(request, 'limit', 25);
  const offset = intParam(request, 'offset', 0);
  if (limit === undefined || offset === undefined || limit === 0) return pdError(400, 'Invalid Input Provided', 2001, ['limit and offset must be integers']);
  const pageSize = Math.min(limit, 100);
  if (offset + pageSize > 10_000) return pdError(400, 'Invalid Input Provided', 2001, ['Offset must be less than 10000']);
  const total = param(request, 'total') === 'true' ? all.length : null;
  return { status: 200, body: { [key]: all.slice(offset, offset + pageSize), limit: pageSize, offset, more: offset + pageSize < all.length, total } };
}

export function pdError(status: number, message: string, code: number, errors?: string[]): FakeAnswer {
  return { status, body: { error: { message, code, ...(errors ? { errors } : {}) } } };
}
