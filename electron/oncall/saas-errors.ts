import { SourceError } from '../sources/http-json';

/** The on-call services this folder talks to, named as the user knows them. */
export type SaasService = 'PagerDuty' | 'Opsgenie';

/**
 * The service refused the token (401) or what it may do (403). Retrying cannot help until the
 * user changes the token, so it is never retried; the UI shows a "token rejected" state.
 */
export class TokenRejectedError extends SourceError {
  constructor(
    readonly service: SaasService,
    readonly status: 401 | 403,
    serviceMessage: string,
  ) {
    super(`token rejected by ${service} (${status}): ${serviceMessage}`, 'api');
    this.name = 'TokenRejectedError';
  }
}

/** The service kept answering HTTP 429; `retryAfterMs` is how long it last asked to wait (null when it did not say). */
export class RateLimitedError extends SourceError {
  constructor(
    readonly service: SaasService,
    readonly tries: number,
    readonly retryAfterMs: number | null,
    reason: string,
  ) {
    super(`${service} is rate limiting this client (HTTP 429): ${reason}`, 'http');
    this.name = 'RateLimitedError';
  }
}

/** The service answered and refused the request for good (400, 404, 409, 422…): sending it again cannot help. */
export class RequestRefusedError extends SourceError {
  constructor(
    readonly service: SaasService,
    readonly status: number,
    message: string,
  ) {
    super(message, 'api');
    this.name = 'RequestRefusedError';
  }
}

/**
 * True when a failed request certainly changed nothing upstream: it never left this machine, or
 * the service answered with a refusal (401/403, 429, another 4xx). A timeout, a cut connection
 * or a 5xx may have come after the change was made, so they are not certain.
 */
export function certainlyNotApplied(error: unknown): boolean {
  if (!(error instanceof SourceError)) return false;
  return error.notSent || error instanceof TokenRejectedError || error instanceof RateLimitedError || error instanceof RequestRefusedError;
}
