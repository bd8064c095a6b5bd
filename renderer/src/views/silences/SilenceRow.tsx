import { memo } from 'react';
import type { Silence } from '../../../../shared/actions';
import { expireSilence } from '../../actions/silences';
import { useEngine, useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import { endsInText, endsSoonWhileFiring } from '../../lib/silence-list-model';
import { matcherText } from '../../lib/silence-matchers';

interface SilenceRowProps {
  silence: Silence;
  author: string;
  /** An "expire" action for it is on its way. */
  expiring: boolean;
}

/** One silence: matchers, author and comment, when it ends, how many alerts it mutes, and Expire. */
export const SilenceRow = memo(function SilenceRow({ silence, author, expiring }: SilenceRowProps) {
  const services = useServices();
  const now = useNow();
  const warningMs = useEngine((state) => state.notifications?.silenceExpiryWarningMs);
  const warn = endsSoonWhileFiring(silence, author, now, warningMs);
  const muted = silence.matchedAlerts.length;
  return (
    <li className={warn ? 'silence-row ends-soon' : 'silence-row'} data-testid="silence-row" data-silence-id={silence.id} data-state={silence.state} data-ends-soon={warn}>
      <div className="silence-main">
        <ul className="silence-matchers" aria-label="Matchers">
          {silence.matchers.map((matcher, index) => (
            <li key={index}>
              <code>{matcherText(matcher)}</code>
            </li>
          ))}
        </ul>
        <span className="silence-comment">
          <strong>{silence.createdBy}</strong>
          {silence.acknowledgement && <span className="ack-marker">ack</span>}: {silence.comment}
        </span>
        <span className="silence-meta">
          {silence.state === 'pending' ? <>starts {formatClockTime(silence.startsAt, now, false)}, </> : null}
          <time dateTime={silence.endsAt}>{endsInText(silence.endsAt, now)}</time>, mutes {muted} {muted === 1 ? 'alert' : 'alerts'}
        </span>
        {warn && (
          <span className="silence-warning" data-testid="silence-ends-soon" role="status">
            Ends soon while {muted === 1 ? 'its alert still fires' : `${muted} alerts it mutes still fire`}: extend it or make sure someone is on it.
          </span>
        )}
      </div>
      <div className="silence-side">
        <span className={`silence-state state-${silence.state}`}>{silence.state}</span>
        <button
          type="button"
          data-testid="expire-silence"
          disabled={expiring || silence.sources.length === 0}
          aria-label={`Expire the silence by ${silence.createdBy}: ${silence.comment}`}
          onClick={() => void expireSilence(services, silence.sources[0]!, silence.id)}
        >
          {expiring ? 'Expiring…' : 'Expire'}
        </button>
      </div>
    </li>
  );
});
