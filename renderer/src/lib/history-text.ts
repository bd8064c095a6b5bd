import type { AlertEpisode, AlertHistory } from '../../../shared/history';
import { formatDuration } from './format-age';

/** "Fired 7 times in the last 7 days, median duration 4 min" */
export function historySummary(history: Pick<AlertHistory, 'firedLast7Days' | 'medianDurationMs'>): string {
  const count = history.firedLast7Days;
  if (count === 0) return 'Not fired in the last 7 days';
  const times = count === 1 ? 'once' : `${count} times`;
  const median = history.medianDurationMs === null ? 'none resolved yet' : `median duration ${formatDuration(history.medianDurationMs)}`;
  return `Fired ${times} in the last 7 days, ${median}`;
}

/** How long an episode lasted, or "still firing". */
export function episodeDuration(episode: Pick<AlertEpisode, 'startsAt' | 'resolvedAt'>): string {
  if (episode.resolvedAt === null) return 'still firing';
  const lasted = Date.parse(episode.resolvedAt) - Date.parse(episode.startsAt);
  return Number.isNaN(lasted) ? 'unknown' : formatDuration(lasted);
}

/** An episode is one firing of one alert; its end tells apart firings reported with the same start (a source restarted in between). */
export function episodeKey(episode: Pick<AlertEpisode, 'fingerprint' | 'startsAt' | 'resolvedAt'>): string {
  return `${episode.fingerprint}@${episode.startsAt}..${episode.resolvedAt ?? ''}`;
}

/** Who took care of it, in words, or null: "acknowledged by alice; silenced by bob: deploy". */
export function episodeHandling(episode: AlertEpisode): string | null {
  const parts: string[] = [];
  if (episode.acknowledgedBy) parts.push(`acknowledged by ${episode.acknowledgedBy}${episode.acknowledgeComment ? `: ${episode.acknowledgeComment}` : ''}`);
  if (episode.silencedBy) parts.push(`silenced by ${episode.silencedBy}${episode.silenceComment ? `: ${episode.silenceComment}` : ''}`);
  return parts.length > 0 ? parts.join('; ') : null;
}
