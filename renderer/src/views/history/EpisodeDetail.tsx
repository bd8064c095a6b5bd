import { useAlerts, useHistory, useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import { episodeDuration, episodeHandling, episodeKey } from '../../lib/history-text';
import { revealAlert } from '../../stores/ui-store';
import { SeverityBadge } from '../alert-list/SeverityBadge';
import { AlertHistorySection } from '../alert-history/AlertHistorySection';
import { Fact } from '../common/Fact';
import { KeyValueTable } from '../detail/KeyValueTable';

const TITLE_ID = 'episode-detail-title';

/** One resolved firing, and the alert's history around it. */
export function EpisodeDetail() {
  const services = useServices();
  const open = useHistory((state) => state.detailOpen);
  const selectedKey = useHistory((state) => state.selectedKey);
  const episode = useHistory((state) => state.search.episodes.find((candidate) => episodeKey(candidate) === selectedKey));
  const closeDetail = useHistory((state) => state.closeDetail);
  const firingNow = useAlerts((state) => (episode ? state.alerts.has(episode.fingerprint) : false));
  const now = useNow();
  if (!open || selectedKey === null) return null;
  return (
    <section className="alert-detail" data-testid="episode-detail" data-fingerprint={episode?.fingerprint} aria-labelledby={TITLE_ID}>
      <div className="detail-header">
        <h2 id={TITLE_ID}>{episode?.name ?? 'No longer in the list'}</h2>
        <button type="button" className="detail-close" data-testid="episode-close" aria-label="Close the resolved alert" onClick={closeDetail}>
          Close
        </button>
      </div>
      {episode && (
        <div className="detail-body">
          <dl className="detail-facts">
            <Fact term="Severity">
              <SeverityBadge severity={episode.severity} />
            </Fact>
            <Fact term="Started">
              <time dateTime={episode.startsAt}>{formatClockTime(episode.startsAt, now)}</time>
            </Fact>
            <Fact term="Resolved">
              {episode.resolvedAt ? <time dateTime={episode.resolvedAt}>{formatClockTime(episode.resolvedAt, now)}</time> : 'still firing'}
              <span className="detail-age">(lasted {episodeDuration(episode)})</span>
            </Fact>
            <Fact term="Handled">{episodeHandling(episode) ?? 'not acknowledged or silenced'}</Fact>
            <Fact term="Sources">{episode.sources.join(', ') || 'none'}</Fact>
          </dl>
          {firingNow && (
            <p className="episode-firing">
              It fires again now.{' '}
              <button type="button" className="link-button" data-testid="episode-show-alert" onClick={() => revealAlert(services.ui, services.alerts, episode.fingerprint)}>
                Show the alert
              </button>
            </p>
          )}
          <AlertHistorySection fingerprint={episode.fingerprint} episodeMark={episodeKey(episode)} />
          <KeyValueTable caption="Labels" entries={episode.labels} testId="episode-labels" />
        </div>
      )}
    </section>
  );
}
