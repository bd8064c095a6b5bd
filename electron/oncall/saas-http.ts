import type { z } from 'zod';
import { describeZodError } from '../../shared/api';
import { apiUrl, sendJson, snippet, SourceError, type HttpAnswer } from '../sources/http-json';
import { defaultRateLimitWaitMs, retryAfterMs, seconds } from './retry-after';
import { RateLimitedError, RequestRefusedError, TokenRejectedError, type SaasService } from './saas-errors';

/**
 * HTTP for the on-call SaaS APIs, sent through `sources/http-json.ts` (connection pool, size limit,
 * network failures in words): a timeout per try, 429 answers waited out and retried, 401/403 as
 * `TokenRejectedError`, every other failure a `SourceError` in words. The token lives in a private
 * field and is scrubbed from every message, since a server or proxy may echo it back.
 */

export interface SaasLimits {
  /** One try, connect to last byte. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Larger answers are refused instead of buffered. */
  maxBytes: number;
  /** Tries in all when the service answers 429, and the longest wait it may ask for before giving up. */
  maxTries: number;
  maxWaitMs: number;
}

export const DEFAULT_SAAS_LIMITS: SaasLimits = {
  timeoutMs: 15_000,
  connectTimeoutMs: 3_000,
  maxBytes: 8 * 1024 * 1024,
  maxTries: 4,
  maxWaitMs: 60_000,
};

export interface SaasHttpOptions {
  service: SaasService;
  token: string;
  /** Builds the Authorization header's value from the token. */
  authorization: (token: string) => string;
  /** Sent with every request (e.g. PagerDuty's versioned Accept). */
  headers: Record<string, string>;
  limits: SaasLimits;
  /** The service's own words in an error body, if it has any. */
  errorMessage: (body: unknown) => string | undefined;
}

export interface SaasRequest {
  method: 'GET' | 'PUT' | 'POST';
  url: URL;
  body?: unknown;
  headers?: Record<string, string>;
  /** The caller's cancel: ends a try and a wait for Retry-After alike. */
  signal?: AbortSignal;
}

export type SaasAnswer = Pick<HttpAnswer, 'status' | 'headers' | 'text'>;

export class SaasHttp {
  readonly #authorization: string;
  readonly #secrets: string[];
  readonly #tokenProblem: string | undefined;
  readonly #options: Omit<SaasHttpOptions, 'token' | 'authorization'>;

  constructor({ token, authorization, ...options }: SaasHttpOptions) {
    this.#options = options;
    this.#tokenProblem = tokenProblem(options.service, token);
    this.#authorization = this.#tokenProblem ? '' : authorization(token);
    this.#secrets = token.trim().length >= 4 ? [token, encodeURIComponent(token)] : [];
  }

  /** Sends a request and returns a 2xx answer; waits out and retries 429s; throws everything else in words. */
  async send(request: SaasRequest): Promise<SaasAnswer> {
    try {
      return await this.sendWaitingOutRateLimits(request);
    } catch (error) {
      throw this.scrub(error);
    }
  }

  /** `send`, then the body parsed as JSON and checked against `schema`. */
  async json<S extends z.ZodType>(request: SaasRequest, schema: S): Promise<z.output<S>> {
    const answer = await this.send(request);
    try {
      return parseAnswer(answer.text, schema, `${this.#options.service} answered ${describeRequest(request)}`);
    } catch (error) {
      throw this.scrub(error);
    }
  }

  /** A shape problem the caller found in an answer, its words cleaned of the token like every other failure. */
  shapeError(message: string): SourceError {
    return new SourceError(this.redact(message), 'shape');
  }

  private async sendWaitingOutRateLimits(request: SaasRequest): Promise<SaasAnswer> {
    const { service, limits } = this.#options;
    if (this.#tokenProblem) throw new SourceError(this.#tokenProblem, 'api', true);
    for (let tries = 1; ; tries++) {
      const answer = await this.once(request);
      if (answer.status !== 429) return this.judge(request, answer);
      const asked = retryAfterMs(answer.headers, Date.now());
      const wait = asked ?? defaultRateLimitWaitMs(tries);
      if (wait > limits.maxWaitMs) {
        const said = asked === null ? `it did not say how long to wait, and the next wait would be ${seconds(wait)}` : `it asked to wait ${seconds(asked)}`;
        throw new RateLimitedError(service, tries, asked, `${said}, longer than the ${seconds(limits.maxWaitMs)} this app waits; try again later`);
      }
      if (tries >= limits.maxTries) {
        const said = asked === null ? 'it did not say how long to wait' : `it asked to wait ${seconds(asked)}`;
        throw new RateLimitedError(service, tries, asked, `gave up after ${tries} ${tries === 1 ? 'try' : 'tries'}; ${said}`);
      }
      await this.wait(wait, request);
    }
  }

  private async once(request: SaasRequest): Promise<SaasAnswer> {
    const { service, limits, headers } = this.#options;
    const perTry = AbortSignal.timeout(limits.timeoutMs);
    const where = `${service} at ${request.url.host}`;
    try {
      return await sendJson(request.method, request.url, request.body, {
        signal: request.signal ? AbortSignal.any([request.signal, perTry]) : perTry,
        maxBytes: limits.maxBytes,
        connectTimeoutMs: limits.connectTimeoutMs,
        headers: { ...headers, ...request.headers, authorization: this.#authorization },
        names: { server: where, answer: `the answer to ${describeRequest(request)}` },
      });
    } catch (error) {
      // http-json words a timeout by the signal's reason; this one is the try's own limit.
      if (error instanceof SourceError && error.kind === 'timeout' && !error.notSent && perTry.aborted && !request.signal?.aborted) {
        throw new SourceError(`no complete answer from ${where} within ${seconds(limits.timeoutMs)}`, 'timeout');
      }
      throw error;
    }
  }

  private judge(request: SaasRequest, answer: SaasAnswer): SaasAnswer {
    const { service } = this.#options;
    if (answer.status >= 200 && answer.status < 300) return answer;
    const theirWords = this.theirWords(answer);
    if (answer.status === 401 || answer.status === 403) throw new TokenRejectedError(service, answer.status, theirWords);
    const what = describeRequest(request);
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 408) {
      throw new RequestRefusedError(service, answer.status, `${service} refused ${what} (HTTP ${answer.status}): ${theirWords}`);
    }
    throw new SourceError(`HTTP ${answer.status} from ${service} for ${what}: ${theirWords}`, 'http');
  }

  private theirWords(answer: SaasAnswer): string {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return snippet(this.redact(answer.text));
    }
    return this.redact(this.#options.errorMessage(body) ?? snippet(answer.text));
  }

  /**
   * Waits as the service asked; the caller's signal ends the wait. A timer may fire a little
   * before the wall clock says the time has come (the event loop's clock is cached), and a
   * service counting its window by the wall clock would limit a request sent that early.
   */
  private wait(ms: number, request: SaasRequest): Promise<void> {
    const cancelled = () => new SourceError(`request to ${this.#options.service} at ${request.url.host} was cancelled while waiting ${seconds(ms)} as it asked (HTTP 429)`, 'timeout');
    const deadline = Date.now() + ms;
    return new Promise((resolve, reject) => {
      if (request.signal?.aborted) return reject(cancelled());
      const onAbort = () => {
        clearTimeout(timer);
        reject(cancelled());
      };
      const check = () => {
        const left = deadline - Date.now();
        if (left > 0) {
          timer = setTimeout(check, left);
          return;
        }
        request.signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      let timer = setTimeout(check, ms);
      request.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private redact(text: string): string {
    let clean = text;
    for (const secret of this.#secrets) clean = clean.split(secret).join('<token>');
    return clean;
  }

  /** Last line of defence: no message or stack leaves with the token in it, and no cause that might hold it. */
  private scrub(error: unknown): unknown {
    if (!(error instanceof Error)) return new SourceError(this.redact(String(error)), 'api');
    error.message = this.redact(error.message);
    if (error.stack) error.stack = this.redact(error.stack);
    delete (error as { cause?: unknown }).cause;
    return error;
  }
}

function parseAnswer<S extends z.ZodType>(text: string, schema: S, what: string): z.output<S> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SourceError(`${what} with something that is not JSON: ${snippet(text)}`, 'shape');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SourceError(`${what} in an unexpected shape: ${describeZodError(parsed.error)}`, 'shape');
  return parsed.data;
}

function tokenProblem(service: SaasService, token: string): string | undefined {
  if (token.trim() === '') return `no ${service} token is set`;
  if (/[^\x21-\x7e]/.test(token)) {
    return `the ${service} token contains a space, line break or non-ASCII character, which cannot be sent in an HTTP header; paste it again`;
  }
  return undefined;
}

function describeRequest(request: SaasRequest): string {
  return `${request.method} ${request.url.pathname}`;
}

/** A base URL (which may carry a path prefix) plus a path; array values become repeated keys (`statuses[]=a&statuses[]=b`). */
export function saasUrl(base: string, path: string, query: Record<string, string | readonly string[] | undefined> = {}): URL {
  const url = apiUrl(base, path);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const one of typeof value === 'string' ? [value] : value) url.searchParams.append(key, one);
  }
  return url;
}
