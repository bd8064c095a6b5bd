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
 * after a retry or with warnings; down: every try of the last cycle failed.
 */
export function nextHealth(previous: SourceHealth, outcome: PollOutcome): SourceHealth {
  const at = new Date(outcome.finishedAt).toISOString();
  if (!outcome.ok || !outcome.result) {
    return {
      ...previous,
      status: 'down',
      lastAttemptAt: at,
      lastError: outcome.error ?? 'unknown error',
      consecutiveFailures: previous.consecutiveFailures + 1,
    };
  }
  const { result } = outcome;
  const retried = outcome.attempts > 1;
  return {
    ...previous,
    status: retried || result.warnings.length > 0 ? 'degraded' : 'ok',
    lastSuccessAt: at,
    lastAttemptAt: at,
    lastError: null,
    warnings: retried ? [...result.warnings, `needed ${outcome.attempts} tries`] : result.warnings,
    alertCount: result.alerts.length,
    consecutiveFailures: 0,
  };
}
