import { z } from 'zod';
import type { SilenceMatcher } from '../../shared/actions';
import { apiUrl, getJson, SourceError } from './http-json';
import { IsoInstant } from './timestamps';

/**
 * A small client for Alertmanager API v2 silences: list, create, expire. Failures are in words
 * and of two kinds: `SilenceRefusedError` when Alertmanager refused for good (retrying the same
 * request cannot help), `SilenceRequestError` for everything that may pass (network, timeout, 5xx).
 */

/** One silence as an Alertmanager source reports it (times are canonical ISO instants); also the shape the state cache keeps. */
export const SourceSilenceSchema = z.object({
  id: z.string(),
  matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean() })),
  startsAt: z.string(),
  endsAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  state: z.enum(['active', 'pending', 'expired']),
});
export type SourceSilence = z.infer<typeof SourceSilenceSchema>;

export interface PostableSilence {
  matchers: SilenceMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface SilenceRequestOptions {
  signal?: AbortSignal;
  /** The whole request, connect to last byte. */
  timeoutMs?: number;
  maxBytes?: number;
}

/** Alertmanager refused for good: invalid matchers or times (HTTP 400/422), or a silence it does not know. */
export class SilenceRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: 'invalid' | 'unknown-silence',
  ) {
    super(message);
    this.name = 'SilenceRefusedError';
  }
}

/** A failure that may pass. `mayHaveReachedServer` is false when the request certainly never left (connection refused, DNS). */
export class SilenceRequestError extends SourceError {
  constructor(
    message: string,
    kind: SourceError['kind'],
    readonly mayHaveReachedServer: boolean,
  ) {
    super(message, kind);
    this.name = 'SilenceRequestError';
  }
}

const GettableSilences = z.array(
  z.object({
    id: z.string(),
    matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean().default(true) })),
    startsAt: IsoInstant,
    endsAt: IsoInstant,
    updatedAt: IsoInstant,
    createdBy: z.string(),
    comment: z.string(),
    status: z.object({ state: z.enum(['active', 'pending', 'expired']) }),
  }),
);

const SilenceCreated = z.object({ silenceID: z.string().min(1) });

const MAX_ANSWER_BYTES = 1024 * 1024;

/** `GET /api/v2/silences`: every silence the server holds, expired ones included. */
export async function listSilences(baseUrl: string, options: SilenceRequestOptions = {}): Promise<SourceSilence[]> {
  const url = apiUrl(baseUrl, '/api/v2/silences');
  let silences: z.output<typeof GettableSilences>;
  try {
    silences = await getJson(url, GettableSilences, { signal: requestSignal(options), maxBytes: options.maxBytes });
  } catch (error) {
    // A GET changes nothing on the server, so whether it got there does not matter.
    if (error instanceof SourceError) throw new SilenceRequestError(error.message, error.kind, false);
    throw error;
  }
  return silences.map(({ status, ...silence }) => ({ ...silence, state: status.state }));
}

/** `POST /api/v2/silences`; returns the new silence's id. */
export async function createSilence(baseUrl: string, silence: PostableSilence, options: SilenceRequestOptions = {}): Promise<string> {
  const url = apiUrl(baseUrl, '/api/v2/silences');
  const answer = await send('POST', url, silence, options);
  if (answer.status === 400 || answer.status === 422) {
    throw new SilenceRefusedError(`Alertmanager at ${url.host} refused the silence: ${answer.reason}`, answer.status, 'invalid');
  }
  if (!answer.ok) throw httpFailure('POST', url, answer);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    body = undefined;
  }
  const created = SilenceCreated.safeParse(body);
  if (!created.success) {
    throw new SilenceRequestError(`unexpected answer from POST ${url.pathname} (expected a silenceID): ${snippet(answer.text)}`, 'shape', true);
  }
  return created.data.silenceID;
}

/** `DELETE /api/v2/silence/{id}`. Expiring an already expired silence succeeds (as Alertmanager itself answers). */
export async function expireSilence(baseUrl: string, silenceId: string, options: SilenceRequestOptions = {}): Promise<void> {
  const url = apiUrl(baseUrl, `/api/v2/silence/${encodeURIComponent(silenceId)}`);
  const answer = await send('DELETE', url, undefined, options);
  if (answer.ok || /already expired/i.test(answer.reason)) return;
  // 404 from newer Alertmanagers; 0.25 and older answer 500 "silence not found".
  if (answer.status === 404 || /silence not found/i.test(answer.reason)) {
    throw new SilenceRefusedError(`Alertmanager at ${url.host} does not know silence ${silenceId}`, answer.status, 'unknown-silence');
  }
  if (answer.status === 400 || answer.status === 422) {
    throw new SilenceRefusedError(`Alertmanager at ${url.host} refused to expire silence ${silenceId}: ${answer.reason}`, answer.status, 'invalid');
  }
  throw httpFailure('DELETE', url, answer);
}

interface Answer {
  ok: boolean;
  status: number;
  statusText: string;
  text: string;
  /** Alertmanager's error in words: its JSON string or `{message}` body, else the body's start. */
  reason: string;
}

async function send(method: 'POST' | 'DELETE', url: URL, body: unknown, options: SilenceRequestOptions): Promise<Answer> {
  const signal = requestSignal(options);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      signal,
      redirect: 'error',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw describeSendFailure(method, url, error, signal);
  }
  let text: string;
  try {
    text = await readStart(response, options.maxBytes ?? MAX_ANSWER_BYTES);
  } catch (error) {
    throw describeSendFailure(method, url, error, signal, true);
  }
  return { ok: response.ok, status: response.status, statusText: response.statusText, text, reason: reasonIn(text) };
}

/** The answers here are a silence id or an error sentence: keep at most `maxBytes` and drop the rest. */
async function readStart(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk);
    total += chunk.byteLength;
    // Leaving the loop cancels the rest of the stream.
    if (total >= maxBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function requestSignal(options: SilenceRequestOptions): AbortSignal {
  const signals = [options.signal, options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs)].filter(
    (signal): signal is AbortSignal => signal !== undefined,
  );
  return signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
}

function reasonIn(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'string') return body;
    if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
      return (body as { message: string }).message;
    }
  } catch {
    // Not JSON: the text itself says it.
  }
  return snippet(text);
}

function httpFailure(method: string, url: URL, answer: Answer): SilenceRequestError {
  return new SilenceRequestError(`HTTP ${answer.status} ${answer.statusText} from ${method} ${url.origin}${url.pathname}: ${answer.reason}`, 'http', true);
}

/** Failures that happen before a request leaves the machine: it certainly did not reach the server. */
const NOT_SENT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};
const MAYBE_SENT: Record<string, string> = {
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed unexpectedly',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
};

function describeSendFailure(method: string, url: URL, error: unknown, signal: AbortSignal, answering = false): SilenceRequestError {
  const what = `${method} ${url.pathname}`;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new SilenceRequestError(`no answer from ${url.host} in time for ${what} (${reason.message})`, 'timeout', true);
    }
    return new SilenceRequestError(`${what} to ${url.host} was cancelled`, 'timeout', true);
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const notSent = !answering && code in NOT_SENT;
  const words = NOT_SENT[code] ?? MAYBE_SENT[code] ?? cause?.message ?? (error as Error).message ?? String(error);
  return new SilenceRequestError(`${words} at ${url.host} (${what})`, 'network', !notSent);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}
