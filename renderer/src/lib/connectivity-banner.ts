import type { Connectivity, SourceHealth } from '../../../shared/model';
import { formatDuration, millisSince } from './format-age';

export interface ConnectivityBanner {
  level: 'offline' | 'degraded';
  headline: string;
  /** The engine's words: "no network", "no source reachable (am-prod: connection refused)". */
  reason: string | null;
}

/**
 * What the offline banner says, or null while every source answers. The age is that of the newest
 * data any source delivered: what the dashboard shows is at least that old.
 */
export function connectivityBanner(connectivity: Connectivity | null, sources: readonly Pick<SourceHealth, 'lastSuccessAt'>[], now: number): ConnectivityBanner | null {
  if (connectivity === null || connectivity.state === 'online') return null;
  if (connectivity.state === 'degraded') return { level: 'degraded', headline: 'Some sources cannot be reached; their alerts show their last known state.', reason: connectivity.reason };
  const ages = sources.map((source) => millisSince(source.lastSuccessAt, now)).filter((age): age is number => age !== null);
  const headline =
    ages.length > 0
      ? `Offline — showing the last known state from ${formatDuration(Math.min(...ages))} ago`
      : 'Offline — no source has answered yet, so there is no state to show';
  return { level: 'offline', headline, reason: connectivity.reason };
}
