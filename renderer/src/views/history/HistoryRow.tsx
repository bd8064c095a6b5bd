import { memo } from 'react';
import type { AlertEpisode } from '../../../../shared/history';
import { useNow } from '../../hooks/use-now';
import { historyOptionId } from '../../lib/dom-id';
import { formatAgo, millisSince } from '../../lib/format-age';
import { episodeDuration, episodeHandling, episodeKey } from '../../lib/history-text';
import { KeyLabels } from '../alert-list/KeyLabels';
import { SeverityBadge } from '../alert-list/SeverityBadge';

interface HistoryRowProps {
  episode: AlertEpisode;
  selected: boolean;
  top: number;
  position: number;
  setSize: number;
  onActivate: (key: string) => void;
}

/** One resolved firing: what, when it ended, how long it lasted, who handled it. */
export const HistoryRow = memo(function HistoryRow({ episode, selected, top, position, setSize, onActivate }: HistoryRowProps) {
  const now = useNow();
  const key = episodeKey(episode);
  const ago = millisSince(episode.resolvedAt, now);
  const handling = episodeHandling(episode);
  return (
    <div
      role="option"
      id={historyOptionId(key)}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      className={selected ? 'alert-row history-row selected' : 'alert-row history-row'}
      data-testid="history-row"
      data-fingerprint={episode.fingerprint}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onActivate(key)}
    >
      <SeverityBadge severity={episode.severity} />
      <div className="alert-main">
        <div className="alert-title">
          <span className="alert-name">{episode.name}</span>
          <KeyLabels labels={episode.labels} />
        </div>
        <div className="alert-summary">{handling ?? 'not acknowledged or silenced'}</div>
      </div>
      <div className="history-meta">
        <span title={episode.resolvedAt ?? undefined}>{ago === null ? 'still firing' : `resolved ${formatAgo(ago)}`}</span>
        {episode.resolvedAt !== null && <span className="detail-age">lasted {episodeDuration(episode)}</span>}
      </div>
    </div>
  );
});
