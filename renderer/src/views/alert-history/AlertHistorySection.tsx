import { memo } from 'react';
import { useAlertHistory } from '../../hooks/use-alert-history';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import { episodeDuration, episodeHandling, episodeKey, historySummary } from '../../lib/history-text';

/** How many past episodes the detail lists; the History view has them all. */
const SHOWN_EPISODES = 8;

/**
 * "Fired 7 times in the last 7 days, median duration 4 min" and the recent episodes, from the
 * app's own history; fetched when the detail opens. `episodeMark` changes when the alert starts
 * or stops firing, which fetches it again.
 */
export const AlertHistorySection = memo(function AlertHistorySection({ fingerprint, episodeMark }: { fingerprint: string; episodeMark: string | null }) {
  const entry = useAlertHistory(fingerprint, episodeMark);
  const now = useNow();
  const history = entry?.history ?? null;
  return (
    <section className="alert-history" data-testid="alert-history" aria-labelledby="alert-history-title" aria-busy={entry?.state === 'loading'}>
      <h3 id="alert-history-title">History</h3>
      {entry?.state === 'error' && (
        <p className="form-error" data-testid="alert-history-error">
          Could not load the history: {entry.error}
        </p>
      )}
      {history === null ? (
        entry?.state !== 'error' && <p className="kv-empty">Loading history…</p>
      ) : (
        <>
          <p className="history-summary" data-testid="history-summary" data-count={history.firedLast7Days}>
            {historySummary(history)}
          </p>
          {history.episodes.length > 0 && (
            <ol className="episode-list" aria-label="Recent firings, most recent first">
              {history.episodes.slice(0, SHOWN_EPISODES).map((episode) => {
                const handling = episodeHandling(episode);
                return (
                  <li key={episodeKey(episode)} className="episode" data-testid="history-episode">
                    <time dateTime={episode.startsAt}>{formatClockTime(episode.startsAt, now, false)}</time>
                    <span className="episode-duration">{episodeDuration(episode)}</span>
                    {handling && <span className="episode-handling">{handling}</span>}
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
});
