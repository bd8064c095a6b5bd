import { FakeSaasServer, intParam, param, requestId, type FakeAnswer, type RecordedRequest } from './fake-http';

/**
 * A local reproduction of the Opsgenie REST API v2, for the parts this app uses. What it follows,
 * from docs.opsgenie.com and the opsgenie/opsgenie-oas definitions:
 * - Authentication: `Authorization: GenieKey <key>`; otherwise 401 with the ErrorResponse shape
 *   `{message, took, requestId}` ("Could not authenticate").
 * - Every answer carries BaseResponse's `took` and `requestId`.
 * - Pagination ("Pagination" page): `offset`, `limit` (default 20, at most 100), `sort` (default
 *   createdAt), `order` (default desc); the body's `paging` holds absolute URLs `first`, `last`
 *   and, while more remain, `next`, with the query parameters of that page.
 * - List alerts: `GET /v2/alerts?query=status:open` → `{data: BaseAlert[], paging}`; BaseAlert
 *   fields id, tinyId, alias, message, status, acknowledged, isSeen, tags, snoozed, count,
 *   lastOccurredAt, createdAt, updatedAt, source, owner, priority, responders, integration, report.
 * - Get alert: `GET /v2/alerts/{id}?identifierType=id` → `{data}`; unknown → 404.
 * - Acknowledge: `POST /v2/alerts/{id}/acknowledge?identifierType=id` with `{user, source, note}`
 *   → 202 `{result: "Request will be processed", took, requestId}`; processed asynchronously.
 * - Close: `POST /v2/alerts/{id}/close?identifierType=id` with `{user, source, note}` → 202 the
 *   same way; once processed the alert's status is "closed".
 * - Get request status: `GET /v2/alerts/requests/{requestId}` → `{data: {success, action,
 *   processedAt, integrationId, isSuccess, status, alertId, alias}}` (the documented samples,
 *   including "Alert does not exist"); 404 while not processed yet.
 * - Who is on call: `GET /v2/schedules/{id}/on-calls?scheduleIdentifierType=id&flat=false` →
 *   `{data: {_parent: {id, name, enabled}, onCallParticipants: Participant[]}}`, participants
 *   `{id, name, type, onCallParticipants?}`; with `flat=true`, `onCallRecipients` (names).
 * - Rate limiting ("Rate Limiting" page): 429 Too Many Requests; `Retry-After` is added when a
 *   test asks for it.
 */

export interface OgAlert {
  id: string;
  tinyId: string;
  alias: string;
  message: string;
  status: 'open' | 'closed';
  acknowledged: boolean;
  isSeen: boolean;
  tags: string[];
  snoozed: boolean;
  count: number;
  lastOccurredAt: string;
  createdAt: string;
  updatedAt: string;
  source: string;
  owner: string;
  priority: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  responders: { type: string; id: string }[];
  integration: { id: string; name: string; type: string };
  report: { ackTime?: number; acknowledgedBy?: string };
}

export interface OgParticipant {
  id: string;
  name: string;
  type: 'user' | 'team' | 'escalation' | 'schedule';
  onCallParticipants?: OgParticipant[];
}

export interface OgSchedule {
  id: string;
  name: string;
  enabled: boolean;
  /** Who is on call now (the fake computes no rotations). */
  onCallParticipants: OgParticipant[];
}

interface ActionRequest {
  kind: 'acknowledge' | 'close';
  alertId: string;
  user: string;
  note: string | undefined;
  processedAt: string | null;
  isSuccess: boolean;
  status: string;
}

export interface OpsgenieFakeOptions {
  apiKeys: string[];
  alerts?: OgAlert[];
  schedules?: OgSchedule[];
  /** True: acknowledge requests wait for `processPending()`, as Opsgenie's asynchronous processing may. */
  holdProcessing?: boolean;
}

/** An open alert with plausible defaults; `n` makes its id, tinyId and creation time (later for larger n). */
export function ogAlert(n: number, fields: Partial<OgAlert> = {}): OgAlert {
  const createdAt = new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString();
  return {
    id: `alert-${String(n).padStart(4, '0')}`,
    tinyId: String(n),
    alias: `alias-${n}`,
    message: `Alert ${n}`,
    status: 'open',
    acknowledged: false,
    isSeen: false,
    tags: [],
    snoozed: false,
    count: 1,
    lastOccurredAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    source: 'prometheus',
    owner: '',
    priority: 'P3',
    responders: [],
    integration: { id: 'int-1', name: 'Prometheus', type: 'API' },
    report: {},
    ...fields,
  };
}

export class OpsgenieFake extends FakeSaasServer {
  readonly alerts: OgAlert[];
  readonly schedules: OgSchedule[];
  /** Notes added by actions, per alert id. */
  readonly notes = new Map<string, string[]>();
  private readonly actions = new Map<string, ActionRequest>();

  private constructor(private readonly options: OpsgenieFakeOptions) {
    super({
      authorized: (header) => {
        const key = /^GenieKey (.+)$/.exec(header ?? '')?.[1];
        return key !== undefined && options.apiKeys.includes(key);
      },
      unauthorized: () => ogError(401, 'Could not authenticate'),
      redactAuthorization: (value) => (value.startsWith('GenieKey ') ? 'GenieKey <redacted>' : '<redacted>'),
      tooManyRequests: (retryAfter) => {
        const headers: Record<string, string> = retryAfter === null ? {} : { 'retry-after': retryAfter };
        return { ...ogError(429, 'Too Many Requests'), headers };
      },
      route: (request) => this.route(request),
    });
    this.alerts = options.alerts ?? [];
    this.schedules = options.schedules ?? [];
  }

  static start(options: OpsgenieFakeOptions): Promise<OpsgenieFake> {
    return new OpsgenieFake(options).start();
  }

  alert(id: string): OgAlert | undefined {
    return this.alerts.find((alert) => alert.id === id);
  }

  /** Processes the acknowledge requests held back by `holdProcessing`. */
  processPending(): void {
    for (const action of this.actions.values()) if (action.processedAt === null) this.process(action);
  }

  private route(request: RecordedRequest): FakeAnswer {
    const { method, path } = request;
    if (method === 'GET' && path === '/v2/alerts') return this.listAlerts(request);
    const requestStatus = /^\/v2\/alerts\/requests\/([^/]+)$/.exec(path);
    if (requestStatus && method === 'GET') return this.requestStatus(decodeURIComponent(requestStatus[1]!));
    const alertPath = /^\/v2\/alerts\/([^/]+)$/.exec(path);
    if (alertPath && method === 'GET') {
      const alert = this.alert(decodeURIComponent(alertPath[1]!));
      return alert ? ok(200, { data: alert }) : ogError(404, 'Alert does not exist');
    }
    const acknowledge = /^\/v2\/alerts\/([^/]+)\/acknowledge$/.exec(path);
    if (acknowledge && method === 'POST') return this.acknowledge(decodeURIComponent(acknowledge[1]!), request);
    const close = /^\/v2\/alerts\/([^/]+)\/close$/.exec(path);
    if (close && method === 'POST') return this.acknowledge(decodeURIComponent(close[1]!), request, 'close');
    const onCalls = /^\/v2\/schedules\/([^/]+)\/on-calls$/.exec(path);
    if (onCalls && method === 'GET') return this.whoIsOnCall(decodeURIComponent(onCalls[1]!), request);
    return ogError(404, 'Could not find the requested resource');
  }

  private listAlerts(request: RecordedRequest): FakeAnswer {
    const query = param(request, 'query');
    const status = query === undefined ? undefined : /^status:(open|closed)$/.exec(query)?.[1];
    if (query !== undefined && status === undefined) return ogError(422, 'Request body is not processable', { query: 'this fake knows only status:open and status:closed' });
    const offset = intParam(request, 'offset', 0);
    const limit = intParam(request, 'limit', 20);
    if (offset === undefined || limit === undefined || limit < 1 || limit > 100) return ogError(422, 'Request body is not processable', { limit: 'must be 1 to 100' });
    const order = param(request, 'order') ?? 'desc';
    const matching = this.alerts
      .filter((alert) => status === undefined || alert.status === status)
      .sort((a, b) => (order === 'asc' ? 1 : -1) * a.createdAt.localeCompare(b.createdAt));
    const page = (at: number) => {
      const url = new URL('/v2/alerts', this.url);
      if (query !== undefined) url.searchParams.set('query', query);
      url.searchParams.set('offset', String(at));
      url.searchParams.set('limit', String(limit));
      url.searchParams.set('sort', 'createdAt');
      url.searchParams.set('order', order);
      return url.toString();
    };
    const lastOffset = Math.max(0, Math.floor((matching.length - 1) / limit) * limit);
    const paging = { first: page(0), last: page(lastOffset), ...(offset + limit < matching.length ? { next: page(offset + limit) } : {}) };
    return ok(200, { data: matching.slice(offset, offset + limit), paging });
  }

  private acknowledge(alertId: string, request: RecordedRequest, kind: ActionRequest['kind'] = 'acknowledge'): FakeAnswer {
    const body = (request.body ?? {}) as { user?: unknown; note?: unknown };
    const id = requestId();
    const action: ActionRequest = {
      kind,
      alertId,
      user: typeof body.user === 'string' ? body.user : 'unknown',
      note: typeof body.note === 'string' ? body.note : undefined,
      processedAt: null,
      isSuccess: false,
      status: '',
    };
    this.actions.set(id, action);
    if (!this.options.holdProcessing) this.process(action);
    return { status: 202, body: { result: 'Request will be processed', took: 0.107, requestId: id } };
  }

  private process(action: ActionRequest): void {
    action.processedAt = new Date().toISOString();
    const alert = this.alert(action.alertId);
    if (!alert) {
      action.status = 'Alert does not exist';
      return;
    }
    if (action.kind === 'close') {
      alert.status = 'closed';
      alert.updatedAt = action.processedAt;
      action.isSuccess = true;
      action.status = 'Closed';
      return;
    }
    alert.acknowledged = true;
    alert.owner = action.user;
    alert.report = { ...alert.report, acknowledgedBy: action.user, ackTime: Date.now() - Date.parse(alert.createdAt) };
    alert.updatedAt = action.processedAt;
    if (action.note) this.notes.set(alert.id, [...(this.notes.get(alert.id) ?? []), action.note]);
    action.isSuccess = true;
    action.status = 'Acknowledged';
  }

  private requestStatus(id: string): FakeAnswer {
    const action = this.actions.get(id);
    if (!action || action.processedAt === null) return ogError(404, 'Request not found. It might not be processed, yet.');
    const alertId = action.isSuccess ? action.alertId : '';
    return ok(200, {
      data: { success: action.isSuccess, action: action.kind === 'close' ? 'Close' : 'Acknowledge', processedAt: action.processedAt, integrationId: 'int-1', isSuccess: action.isSuccess, status: action.status, alertId, alias: '' },
    });
  }

  private whoIsOnCall(id: string, request: RecordedRequest): FakeAnswer {
    const schedule = this.schedules.find((candidate) => candidate.id === id);
    if (!schedule) return ogError(404, `Schedule with identifier [${id}] does not exist`);
    const _parent = { id: schedule.id, name: schedule.name, enabled: schedule.enabled };
    if (param(request, 'flat') === 'true') {
      return ok(200, { data: { _parent, onCallRecipients: schedule.onCallParticipants.flatMap(userNames) } });
    }
    return ok(200, { data: { _parent, onCallParticipants: schedule.onCallParticipants } });
  }
}

function userNames(participant: OgParticipant): string[] {
  return participant.type === 'user' ? [participant.name] : (participant.onCallParticipants ?? []).flatMap(userNames);
}

function ok(status: number, body: Record<string, unknown>): FakeAnswer {
  return { status, body: { ...body, took: 0.012, requestId: requestId() } };
}

export function ogError(status: number, message: string, errors?: Record<string, string>): FakeAnswer {
  return { status, body: { message, ...(errors ? { errors } : {}), took: 0.003, requestId: requestId() } };
}
