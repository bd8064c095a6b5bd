import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * The part every local SaaS API reproduction shares: a node:http server on 127.0.0.1 (random
 * port) that records each request (the credential blanked), checks the Authorization header,
 * and can be told to answer the next requests otherwise (429 with Retry-After, a raw answer, no
 * answer, a dropped connection after the change was made).
 */

export interface RecordedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: Record<string, string[]>;
  /** Lower-case names; the credential in `authorization` is replaced by `<redacted>`. */
  headers: Record<string, string>;
  /** The JSON body, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  /** Date.now() when the request arrived. */
  at: number;
  /** What the fake answered (0: no answer). */
  status: number;
}

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON, or as is when a string. */
  body?: unknown;
}

/** `hang`: never answer; `destroy`: close the connection without an answer (before handling the request). */
export type Override = FakeAnswer | 'hang' | 'destroy' | ((request: RecordedRequest) => FakeAnswer);

export interface ServiceRules {
  /** The request's credential is valid. */
  authorized(authorization: string | undefined): boolean;
  unauthorized(): FakeAnswer;
  /** The credential part of the Authorization header, blanked for the record. */
  redactAuthorization(authorization: string): string;
  tooManyRequests(retryAfter: string | null): FakeAnswer;
  /** `authorization` is the raw header, for answers that depend on whose token it is. */
  route(request: RecordedRequest, authorization: string): FakeAnswer;
}

export class FakeSaasServer {
  readonly requests: RecordedRequest[] = [];
  private readonly overrides: Override[] = [];
  private dropAnswers = 0;
  private server: Server | undefined;
  url = '';

  constructor(private readonly rules: ServiceRules) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Listens again on the same port after `close`, with the same state: the service is back. */
  async reopen(): Promise<void> {
    const port = Number(new URL(this.url).port);
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** The next `count` requests get 429; `retryAfter` is the header's value (a function for a fresh HTTP date), null for none. */
  rateLimitNext(count: number, retryAfter: string | (() => string) | null): void {
    for (let i = 0; i < count; i++) {
      this.overrides.push(() => this.rules.tooManyRequests(typeof retryAfter === 'function' ? retryAfter() : retryAfter));
    }
  }

  /** The next `count` requests are answered with `override` instead of the API (authorization is not checked). */
  answerNext(count: number, override: Override): void {
    for (let i = 0; i < count; i++) this.overrides.push(override);
  }

  /** The next `count` requests are handled (state changes) and then the connection is closed without the answer. */
  dropAnswerOfNext(count: number): void {
    this.dropAnswers += count;
  }

  /** The recorded requests to one method and path. */
  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', this.url);
    const authorization = req.headers.authorization;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: queryOf(url),
      headers: recordedHeaders(req, (value) => this.rules.redactAuthorization(value)),
      body: parseBody(text),
      at: Date.now(),
      status: 0,
    };
    this.requests.push(request);
    const override = this.overrides.shift();
    if (override === 'hang') return;
    if (override === 'destroy') return void req.socket.destroy();
    if (override) return send(res, request, typeof override === 'function' ? override(request) : override);
    const answer = this.rules.authorized(authorization) ? this.rules.route(request, authorization ?? '') : this.rules.unauthorized();
    if (this.dropAnswers > 0) {
      this.dropAnswers--;
      return void req.socket.destroy();
    }
    send(res, request, answer);
  }
}

function send(res: ServerResponse, request: RecordedRequest, answer: FakeAnswer): void {
  request.status = answer.status;
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const type = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
  res.writeHead(answer.status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...answer.headers });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function queryOf(url: URL): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  return query;
}

function recordedHeaders(req: IncomingMessage, redact: (value: string) => string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
    headers[name] = name === 'authorization' ? redact(text) : text;
  }
  return headers;
}

/** A request id as both services put in their answers. */
export function requestId(): string {
  return randomUUID();
}

/** One query parameter's single value, or undefined. */
export function param(request: RecordedRequest, name: string): string | undefined {
  return request.query[name]?.[0];
}

/** A non-negative integer query parameter, `fallback` when absent, undefined when malformed. */
export function intParam(request: RecordedRequest, name: string, fallback: number): number | undefined {
  const value = param(request, name);
  if (value === undefined) return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
