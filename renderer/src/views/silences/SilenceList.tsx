import { useMemo } from 'react';
import { useEngine, useSilences } from '../../app-services';
import { silencesBeingExpired } from '../../lib/action-list-model';
import { groupSilences } from '../../lib/silence-list-model';
import { EmptyState } from '../common/EmptyState';
import { SilenceRow } from './SilenceRow';

/** Active and pending silences, per Alertmanager (an HA pair is one), ending soonest first. */
export function SilenceList() {
  const silences = useSilences((state) => state.silences);
  const actions = useSilences((state) => state.actions);
  const loaded = useSilences((state) => state.loaded);
  const author = useEngine((state) => state.preferences.author);
  const groups = useMemo(() => groupSilences(silences), [silences]);
  const expiring = useMemo(() => silencesBeingExpired(actions), [actions]);
  return (
    <section className="outbox-section" data-testid="silence-list" aria-labelledby="silence-list-title">
      <h2 id="silence-list-title" className="section-title">
        Silences
      </h2>
      {!loaded ? (
        <EmptyState testId="silence-empty" kind="loading" title="Loading silences…" />
      ) : groups.length === 0 ? (
        <EmptyState testId="silence-empty" kind="no-silences" title="No active silences">
          Silence an alert from its detail, or make one here with New silence.
        </EmptyState>
      ) : (
        groups.map((group) => (
          <section key={group.label} className="silence-group" data-testid="silence-group" data-alertmanager={group.label} aria-label={`Silences on ${group.label}`}>
            <h3 className="silence-group-title">
              {group.label} <span className="section-count">({group.silences.length})</span>
            </h3>
            <ul className="silence-rows">
              {group.silences.map((silence) => (
                <SilenceRow key={silence.id} silence={silence} author={author} expiring={expiring.has(silence.id)} />
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
