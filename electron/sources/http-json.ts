import type { z } from 'zod';
import { describeZodError } from '../../shared/api';

/** A source failure, already phrased for the person reading the source health strip. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly kind: 'network' | 'timeout' | 'http' | 'shape' | 'api',
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface HttpJsonOptions {
  signal: AbortSignal;
  /** Responses larger than this are refused instead of buffered. */
  maxBytes?: number;
  headers?: Record<string, string>;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** GETs a URL and validates the JSON body against `schema`; every failure becomes a SourceError in words. */
export async function getJson<S extends z.ZodType>(url: URL, schema: S, options: HttpJsonOptions): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: options.signal,
      headers: { accept: 'application/json', ...options.headers },
      redirect: 'error',
    });
  } catch (error) {
    throw describeFetchFailure(url, error, options.signal);
  }
  const text = await readLimited(response, options.maxBytes ?? DEFAULT_MAX_BYTES, url, options.signal);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (!response.ok) throw httpError(response, url, text);
    throw new SourceError(`${url.pathname} answered with something that is not JSON: ${snippet(text)}`, 'shape');
  }
  if (!response.ok && !isPrometheusErrorBody(body)) throw httpError(response, url, text);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new SourceError(`unexpected response from ${url.pathname}: ${describeZodError(parsed.error)}`, 'shape');
  }
  return parsed.data;
}

function httpError(response: Response, url: URL, text: string): SourceError {
  return new SourceError(`HTTP ${response.status} ${response.statusText} from ${url.origin}${url.pathname}: ${snippet(text)}`, 'http');
}

function isPrometheusErrorBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'error';
}

async function readLimited(response: Response, maxBytes: number, url: URL, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new SourceError(`response from ${url.pathname} is ${declared} bytes, more than the ${maxBytes}-byte limit`, 'shape');
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new SourceError(`response from ${url.pathname} exceeds the ${maxBytes}-byte limit`, 'shape');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw describeFetchFailure(url, error, signal);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeFetchFailure(url: URL, error: unknown, signal: AbortSignal): SourceError {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return new SourceError(`no answer from ${url.host} in time (${reason.message})`, 'timeout');
    }
    return new SourceError(`request to ${url.host} was cancelled`, 'timeout');
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host name not found (DNS)',
    EAI_AGAIN: 'DNS lookup failed (temporary)',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
    UND_ERR_SOCKET: 'connection closed unexpectedly',
  };
  const words = (code && reasons[code]) ?? cause?.message ?? (error as Error).message ?? String(error);
  return new SourceError(`${words} at ${url.host}`, 'network');
}

function snippet(text: string): string {
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
