import { z } from 'zod';
import type { SilenceMatcher } from '../../shared/actions';
import { apiUrl, authenticationProblem, getJson, sendJson, snippet, SourceError, type HttpAnswer } from './http-json';
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
  /** Sent with the request: a bearer token for Grafana's Alertmanager-compatible API. */
  headers?: Record<string, string>;
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
    silences = await getJson(url, GettableSilences, { signal: requestSignal(options), maxBytes: options.maxBytes, headers: options.headers });
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

interface Answer extends HttpAnswer {
  /** Alertmanager's error in words: its JSON string or `{message}` body, else the body's start. */
  reason: string;
}

async function send(method: 'POST' | 'DELETE', url: URL, body: unknown, options: SilenceRequestOptions): Promise<Answer> {
  let answer: HttpAnswer;
  try {
    answer = await sendJson(method, url, body, { signal: requestSignal(options), maxBytes: options.maxBytes ?? MAX_ANSWER_BYTES, headers: options.headers });
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    throw new SilenceRequestError(`${error.message} (${method} ${url.pathname})`, error.kind, !error.notSent);
  }
  const authentication = authenticationProblem(answer.status, options.headers);
  // Refused at the door: nothing was applied, so a later try (with a new token) is no repeat.
  if (authentication) throw new SilenceRequestError(`${url.host} ${authentication} (HTTP ${answer.status} from ${method} ${url.pathname})`, 'http', false);
  return { ...answer, reason: reasonIn(answer.text) };
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
