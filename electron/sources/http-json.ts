import { createHash, type Hash } from 'node:crypto';
import type * as Undici from 'undici';
import type { Agent, Headers, Response } from 'undici';
import type { z } from 'zod';
import { SOCKET_FAILURE_WORDS } from './socket-failure-words';

/** A source failure, already phrased for the person reading the source health strip. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly kind: 'network' | 'timeout' | 'http' | 'shape' | 'api',
    /** True when the request certainly never left this machine (refused, DNS, no route, no connection in time). */
    readonly notSent = false,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface HttpJsonOptions {
  /** Ends the whole request (connect, headers, body): the caller's overall timeout. */
  signal: AbortSignal;
  /** Responses larger than this are refused instead of buffered. */
  maxBytes?: number;
  /** Limit for opening the connection (TCP and TLS), separate from the whole request's. */
  connectTimeoutMs?: number;
  headers?: Record<string, string>;
  /** How failures name the server and the answer; by default the URL's host and "response from <path>". */
  names?: FailureNames;
}

export interface FailureNames {
  server: string;
  answer: string;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

/**
 * undici is a megabyte of code, loaded with the first request rather than with the engine: a start
 * from the cached state then serves that state first, while undici loads for the first poll.
 * Its fetch also records every request in the process's performance timeline (the last 250, ~1 MB
 * with SLO queries' long URLs), which nothing here reads: that buffer is turned off.
 */
let loadingUndici: Promise<typeof Undici> | undefined;
const undici = () =>
  (loadingUndici ??= import('undici').then((loaded) => {
    performance.setResourceTimingBufferSize(0);
    return loaded;
  }));

/** One connection pool per connect timeout, so keep-alive connections are reused across polls. */
const agents = new Map<number, Agent>();

function agentFor({ Agent }: typeof Undici, connectTimeoutMs: number): Agent {
  let agent = agents.get(connectTimeoutMs);
  if (!agent) {
    agent = new Agent({ connect: { timeout: connectTimeoutMs } });
    agents.set(connectTimeoutMs, agent);
  }
  return agent;
}

/** GETs a URL and validates the JSON body against `schema`; every failure becomes a SourceError in words. */
export async function getJson<S extends z.ZodType>(url: URL, schema: S, options: HttpJsonOptions): Promise<z.output<S>> {
  const body = await getJsonBody(url, options);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw shapeError(url, parsed.error);
  return parsed.data;
}

/** GETs a URL and parses its JSON body, leaving validation to the caller (see `shapeError`). */
export async function getJsonBody(url: URL, options: HttpJsonOptions): Promise<unknown> {
  const response = await request('GET', url, undefined, options);
  return parseAnswer(response, url, await readLimited(response, url, options), options);
}

export type JsonAnswer = { unchanged: true; digest: string } | { unchanged: false; digest: string; body: unknown };

/**
 * `getJsonBody` for polls that mostly get the very same answer: the body's SHA-256 is taken as it
 * arrives, and a successful answer whose digest is `digestBefore` is not parsed at all (parsing
 * 10,000 alerts only to find them unchanged was most of an idle poll's cost).
 */
export async function getJsonBodyUnlessSame(url: URL, options: HttpJsonOptions, digestBefore: string | undefined): Promise<JsonAnswer> {
  const response = await request('GET', url, undefined, options);
  const hash = createHash('sha256');
  const text = await readLimited(response, url, options, hash);
  const digest = hash.digest('base64');
  if (response.ok && digest === digestBefore) return { unchanged: true, digest };
  return { unchanged: false, digest, body: parseAnswer(response, url, text, options) };
}

function parseAnswer(response: Response, url: URL, raw: string, options: HttpJsonOptions): unknown {
  const text = withoutCredentials(raw, options.headers);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (!response.ok) throw httpError(response, url, text, options);
    throw new SourceError(`${url.pathname} answered with something that is not JSON: ${snippet(text)}`, 'shape');
  }
  if (!response.ok && !isPrometheusErrorBody(body)) throw httpError(response, url, text, options);
  return body;
}

/** A body that is JSON but not of the expected shape, in words; `at` is the index of the array element that was checked on its own. */
export function shapeError(url: URL, error: z.ZodError, at?: number): SourceError {
  const issues = error.issues.map((issue) => {
    const path = at === undefined ? issue.path : [at, ...issue.path];
    return `${path.length > 0 ? path.join('.') : '(root)'}: ${issue.message}`;
  });
  return new SourceError(`unexpected response from ${url.pathname}: ${issues.join('; ')}`, 'shape');
}

export interface HttpAnswer {
  ok: boolean;
  status: number;
  statusText: string;
  text: string;
  headers: Headers;
}

/**
 * Sends a request with an optional JSON body and reads the answer (at most `maxBytes`), whatever
 * its status: the caller decides what a status means. Failures are SourceErrors in words;
 * `notSent` tells a request that never left from one that may have reached the server.
 */
export async function sendJson(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: URL, body: unknown, options: HttpJsonOptions): Promise<HttpAnswer> {
  const response = await request(method, url, body, options);
  const text = withoutCredentials(await readLimited(response, url, options), options.headers);
  return { ok: response.ok, status: response.status, statusText: response.statusText, text, headers: response.headers };
}

async function request(method: string, url: URL, body: unknown, options: HttpJsonOptions): Promise<Response> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  try {
    const loaded = await undici();
    return await loaded.fetch(url, {
      method,
      signal: options.signal,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'error',
      dispatcher: agentFor(loaded, connectTimeoutMs),
    });
  } catch (error) {
    throw describeFetchFailure(namesFor(url, options), error, options.signal, connectTimeoutMs);
  }
}

function httpError(response: Response, url: URL, text: string, options: HttpJsonOptions): SourceError {
  const http = `HTTP ${response.status} ${response.statusText} from ${url.origin}${url.pathname}`;
  const authentication = authenticationProblem(response.status, options.headers);
  if (authentication) return new SourceError(`${url.host} ${authentication} (${http}: ${snippet(text)})`, 'http');
  return new SourceError(`${http}: ${snippet(text)}`, 'http');
}

/** 401/403 in words: a token was sent and refused, or the server wants one and none is configured. */
export function authenticationProblem(status: number, headers: Record<string, string> | undefined): string | undefined {
  if (status !== 401 && status !== 403) return undefined;
  return hasAuthorization(headers) ? 'rejected the token' : 'needs a token: set "token" on this source';
}

function hasAuthorization(headers: Record<string, string> | undefined): boolean {
  return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
}

/** A server may echo the request back: credential header values never reach an error message. */
export function withoutCredentials(text: string, headers: Record<string, string> | undefined): string {
  let clean = text;
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'authorization') continue;
    // The credential without its scheme ("Bearer", "GenieKey"), which is no secret.
    const secret = value.replace(/^\S+\s+/, '');
    if (secret.length >= 4) clean = clean.split(secret).join('<token>');
  }
  return clean;
}

function isPrometheusErrorBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'error';
}

function namesFor(url: URL, options: HttpJsonOptions): FailureNames {
  return options.names ?? { server: url.host, answer: `response from ${url.pathname}` };
}

async function readLimited(response: Response, url: URL, options: HttpJsonOptions, hash?: Hash): Promise<string> {
  const { signal, maxBytes = DEFAULT_MAX_BYTES } = options;
  const names = namesFor(url, options);
  const header = response.headers.get('content-length');
  const declared = header === null ? undefined : Number(header);
  const limit = `the ${maxBytes}-byte limit${maxBytes >= MEGABYTE ? ` (${megabytes(maxBytes)})` : ''}`;
  if (declared !== undefined && declared > maxBytes) {
    await response.body?.cancel();
    throw new SourceError(`${names.answer} is ${declared} bytes, more than ${limit}`, 'shape');
  }
  if (!response.body) return '';
  // Decoded as it arrives rather than gathered into one big Buffer: a poll's 4 MB Buffer, freed
  // and allocated again every poll, fragments the C heap (RSS grew ~20 % over 2,000 polls).
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new SourceError(`${names.answer} exceeds ${limit}`, 'shape');
      }
      hash?.update(chunk);
      parts.push(decoder.decode(chunk, { stream: true }));
    }
  } catch (error) {
    if (error instanceof SourceError || signal.aborted) throw describeFetchFailure(names, error, signal);
    // The headers came, the body stopped: say so, rather than letting a JSON parse error guess.
    const of = declared !== undefined && Number.isFinite(declared) ? ` of ${declared}` : '';
    throw new SourceError(`${names.answer} was cut off after ${total}${of} bytes (${networkFailureWords(error)})`, 'network');
  }
  parts.push(decoder.decode());
  return parts.join('');
}

const MEGABYTE = 1024 * 1024;

function megabytes(bytes: number): string {
  const mb = bytes / MEGABYTE;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function describeFetchFailure(names: FailureNames, error: unknown, signal: AbortSignal, connectTimeoutMs?: number): SourceError {
  if (error instanceof SourceError) return error;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new SourceError(`no answer from ${names.server} in time (${reason.message})`, 'timeout');
    }
    return new SourceError(`request to ${names.server} was cancelled`, 'timeout');
  }
  const code = errorCode(error);
  // Only a failure before the response began can be one where nothing was sent.
  const notSent = connectTimeoutMs !== undefined && code !== undefined && NOT_SENT.has(code);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' && connectTimeoutMs !== undefined) {
    return new SourceError(`could not connect to ${names.server} within ${connectTimeoutMs / 1000} s`, 'timeout', true);
  }
  return new SourceError(`${networkFailureWords(error)} at ${names.server}`, 'network', notSent);
}

/** Failures that happen before a request leaves the machine. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const NETWORK_FAILURES: Record<string, string> = {
  ...SOCKET_FAILURE_WORDS,
  // undici's own codes.
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
  // The server closed the connection before the body reached its announced length.
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'connection closed unexpectedly',
};

function networkFailureWords(error: unknown): string {
  const code = errorCode(error);
  return (code && NETWORK_FAILURES[code]) ?? (error as { cause?: Error }).cause?.message ?? (error as Error).message ?? String(error);
}

/** undici puts the system's code on `cause` (fetch failed) or on the error itself. */
function errorCode(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
}

/** The start of a body, on one line, for error messages. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}

/** Joins an API path onto a base URL that may carry a path prefix (e.g. behind a reverse proxy). */
export function apiUrl(base: string, path: string, query?: Record<string, string>): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  return url;
}
