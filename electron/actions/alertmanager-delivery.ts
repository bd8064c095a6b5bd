import { ACK_COMMENT_PREFIX, type OutboxAction } from '../../shared/actions';
import {
  createSilence,
  expireSilence,
  listSilences,
  SilenceRefusedError,
  SilenceRequestError,
  type PostableSilence,
  type SourceSilence,
} from '../sources/alertmanager-silences';
import type { RequestHeaders } from '../sources/bearer-token';
import { SourceError } from '../sources/http-json';
import { DeliveryNotSentError, DeliveryRefusedError, type Deliver, type DeliveryContext } from './outbox';
import { sameMatchers } from './silence-list';

/** One Alertmanager to deliver to: its base URL, and the headers (a bearer token) every request to it carries. */
export interface AlertmanagerEndpoint {
  url: string;
  headers?: RequestHeaders | undefined;
}

export interface AlertmanagerDeliveryOptions {
  /** Base URLs: one source, or every member of an HA cluster (tried in order until one answers). */
  endpointsFor(target: string): Array<string | AlertmanagerEndpoint>;
  /** For each request, connect to last byte. */
  timeoutMs: number;
  now?: () => Date;
}

/** The comment of an acknowledgement given without one. */
export const DEFAULT_ACK_COMMENT = "I'm on it";

type SilenceAction = Extract<OutboxAction, { kind: 'acknowledge' | 'createSilence' }>;

/**
 * Delivers outbox actions to Alertmanager, exactly once: before posting a silence it lists the
 * silences of the member it will post to, and a silence with the same matchers, comment, author
 * (and end, for a silence) created since the action was queued means an earlier try got there. An HA cluster gets the silence on one member only: they replicate it.
 */
export function createAlertmanagerDelivery(options: AlertmanagerDeliveryOptions): Deliver {
  const now = options.now ?? (() => new Date());
  return async (target, action, context) => {
    const endpoints = options.endpointsFor(target).map((endpoint) => (typeof endpoint === 'string' ? { url: endpoint } : endpoint));
    if (endpoints.length === 0) throw new DeliveryNotSentError(`no Alertmanager is configured for "${target}" (yet)`);
    const request = { signal: context.signal, timeoutMs: options.timeoutMs };
    if (action.kind === 'expireSilence') {
      await expireOnAnyMember(target, endpoints, action.silenceId, request);
      return { silenceId: null };
    }
    if (action.kind === 'acknowledgeIncident' || action.kind === 'resolveIncident') throw new DeliveryRefusedError(`"${target}" is an Alertmanager; incidents are acknowledged in their on-call service`);
    const silence = postableFor(action, now());
    const failures: Failure[] = [];
    for (const endpoint of endpoints) {
      let existing: SourceSilence[];
      let authorized: typeof request & { headers?: Record<string, string> };
      try {
        authorized = withHeaders(request, endpoint);
        existing = await listSilences(endpoint.url, authorized);
      } catch (error) {
        failures.push(failureOf(error, endpoint.url));
        continue;
      }
      const arrived = existing.find((candidate) => isSameSilence(candidate, silence, action, context));
      if (arrived) return { silenceId: arrived.id };
      try {
        return { silenceId: await createSilence(endpoint.url, silence, authorized) };
      } catch (error) {
        // This member got the request; another one could post a second copy before gossip tells it.
        throw translate(error);
      }
    }
    throw noMemberAnswered(target, failures);
  };
}

/** The silence to post. An ack lasts `durationMs` from now; a silence that would have ended already is refused. */
export function postableFor(action: SilenceAction, now: Date): PostableSilence {
  if (action.kind === 'acknowledge') {
    return {
      matchers: action.matchers,
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + action.durationMs).toISOString(),
      createdBy: action.createdBy,
      comment: `${ACK_COMMENT_PREFIX} ${action.comment.trim() || DEFAULT_ACK_COMMENT}`,
    };
  }
  if (Date.parse(action.endsAt) <= now.getTime()) {
    throw new DeliveryRefusedError(`the silence would already have ended at ${action.endsAt}`);
  }
  const startsAt = Date.parse(action.startsAt) < now.getTime() ? now.toISOString() : action.startsAt;
  return { matchers: action.matchers, startsAt, endsAt: action.endsAt, createdBy: action.createdBy, comment: action.comment };
}

/** Clocks of this machine and Alertmanager may disagree by this much. */
const CLOCK_SKEW_MS = 60_000;

/**
 * An earlier try of this very action arrived: same matchers, comment and author, created (or
 * changed) since the action was queued, and for a silence the same end. An older look-alike
 * (yesterday's silence with the same comment, or the one the user is now extending) is not it.
 */
function isSameSilence(candidate: SourceSilence, silence: PostableSilence, action: SilenceAction, context: DeliveryContext): boolean {
  if (candidate.comment !== silence.comment || candidate.createdBy !== silence.createdBy) return false;
  if (!sameMatchers(candidate.matchers, silence.matchers)) return false;
  // A copy someone expired since the action was queued counts (its end became the moment of expiry).
  if (candidate.state === 'expired') return Date.parse(candidate.updatedAt) > Date.parse(context.createdAt);
  if (Date.parse(candidate.updatedAt) < Date.parse(context.createdAt) - CLOCK_SKEW_MS) return false;
  // An ack's end depends on when it was posted; a silence's end is the user's.
  return action.kind === 'acknowledge' || Date.parse(candidate.endsAt) === Date.parse(silence.endsAt);
}

/** Expiring is idempotent, so any member will do; a silence no member knows counts as expired. */
async function expireOnAnyMember(target: string, endpoints: AlertmanagerEndpoint[], silenceId: string, request: { signal: AbortSignal; timeoutMs: number }): Promise<void> {
  const failures: Failure[] = [];
  let unknown = false;
  for (const endpoint of endpoints) {
    try {
      await expireSilence(endpoint.url, silenceId, withHeaders(request, endpoint));
      return;
    } catch (error) {
      if (error instanceof SilenceRefusedError && error.reason === 'unknown-silence') unknown = true;
      else if (error instanceof SilenceRefusedError) throw translate(error);
      else failures.push(failureOf(error, endpoint.url));
    }
  }
  if (unknown) return;
  throw noMemberAnswered(target, failures);
}

/** The token is looked up for each delivery: a rotated one is used at once, a missing one is a failure that sent nothing. */
function withHeaders<R extends object>(request: R, endpoint: AlertmanagerEndpoint): R & { headers?: Record<string, string> } {
  return endpoint.headers ? { ...request, headers: endpoint.headers() } : request;
}

interface Failure {
  message: string;
  sent: boolean;
}

function failureOf(error: unknown, endpoint: string): Failure {
  const sent = error instanceof SilenceRequestError ? error.mayHaveReachedServer : !(error instanceof SourceError && error.notSent);
  return { message: error instanceof Error ? error.message : `${endpoint}: ${String(error)}`, sent };
}

function translate(error: unknown): unknown {
  if (error instanceof SilenceRefusedError) return new DeliveryRefusedError(error.message);
  if (error instanceof SilenceRequestError && !error.mayHaveReachedServer) return new DeliveryNotSentError(error.message);
  return error;
}

function noMemberAnswered(target: string, failures: Failure[]): Error {
  const message = failures.length === 1 ? failures[0]!.message : `no member of ${target} answered: ${failures.map((failure) => failure.message).join('; ')}`;
  return failures.some((failure) => failure.sent) ? new Error(message) : new DeliveryNotSentError(message);
}
