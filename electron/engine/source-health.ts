import type { SourceHealth, SourceType } from '../../shared/model';
import type { PollOutcome } from './source-poller';

export function initialHealth(name: string, type: SourceType): SourceHealth {
  return {
    name,
    type,
    status: 'pending',
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    warnings: [],
    alertCount: 0,
    consecutiveFailures: 0,
    circuit: 'closed',
    nextAttemptAt: null,
    fromCache: false,
  };
}

/**
 * ok: the last cycle succeeded at the first try without warnings; degraded: it succeeded only
 * after a retry or with warnings; down: every try of the last cycle failed, or the open circuit
 * refused it (then no request was made, and `lastAttemptAt` stays that of the last real one).
 */
export function nextHealth(previous: SourceHealth, outcome: PollOutcome): SourceHealth {
  const at = new Date(outcome.finishedAt).toISOString();
  const circuit = { circuit: outcome.circuit, nextAttemptAt: outcome.nextAttemptAt };
  if (!outcome.ok || !outcome.result) {
    return {
      ...previous,
      ...circuit,
      status: 'down',
      lastAttemptAt: outcome.attempts === 0 ? previous.lastAttemptAt : at,
      lastError: outcome.error ?? 'unknown error',
      consecutiveFailures: previous.consecutiveFailures + 1,
    };
  }
  const { result } = outcome;
  const retried = outcome.attempts > 1;
  return {
    ...previous,
    ...circuit,
    status: retried || result.warnings.length > 0 ? 'degraded' : 'ok',
    lastSuccessAt: at,
    lastAttemptAt: at,
    lastError: null,
    warnings: retried ? [...result.warnings, `needed ${outcome.attempts} tries`] : result.warnings,
    alertCount: result.alerts.length,
    consecutiveFailures: 0,
  };
}

/** A half-open probe has started: "probing" until its outcome arrives. */
export function probingHealth(previous: SourceHealth): SourceHealth {
  return { ...previous, circuit: 'half-open', nextAttemptAt: null };
}
