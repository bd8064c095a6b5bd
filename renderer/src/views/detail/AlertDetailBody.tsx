import type { ReactNode } from 'react';
import type { Alert } from '../../../../shared/model';
import { useNow } from '../../hooks/use-now';
import { displayState } from '../../lib/alert-state';
import { formatAge, formatClockTime, millisSince } from '../../lib/format-age';
import { AlertActions } from '../alert-actions/AlertActions';
import { SeverityBadge } from '../alert-list/SeverityBadge';
import { AlertHistorySection } from '../alert-history/AlertHistorySection';
import { AlertIncidents, AlertRunbooks } from './AlertRunbooks';
import { ExternalLink } from './ExternalLink';
import { KeyValueTable } from './KeyValueTable';
import { InhibitedBy, SilencedBy } from './MutedBy';

export function AlertDetailBody({ alert }: { alert: Alert }) {
  const now = useNow();
  const age = millisSince(alert.startsAt, now);
  const runbook = alert.annotations.runbook_url;
  return (
    <div className="detail-body">
      <dl className="detail-facts">
        <Fact term="Severity">
          <SeverityBadge severity={alert.severity} />
        </Fact>
        <Fact term="State">
          <span data-testid="detail-state">{displayState(alert)}</span>
          {alert.stale && <span className="stale-marker">stale: every source reporting it is unreachable</span>}
        </Fact>
        <Fact term="Started">
          <time dateTime={alert.startsAt}>{formatClockTime(alert.startsAt, now)}</time>
          {age !== null && <span className="detail-age"> ({formatAge(age)} ago)</span>}
        </Fact>
        <Fact term="Sources">{alert.sources.join(', ') || 'none'}</Fact>
        {alert.silencedBy.length > 0 && (
          <Fact term="Silenced">
            <SilencedBy alert={alert} now={now} />
          </Fact>
        )}
        {alert.inhibitedBy.length > 0 && (
          <Fact term="Inhibited by">
            <InhibitedBy alert={alert} />
          </Fact>
        )}
        {runbook && (
          <Fact term="Runbook">
            <ExternalLink url={runbook} testId="runbook-link">
              Open runbook
            </ExternalLink>
          </Fact>
        )}
        {alert.generatorURL && (
          <Fact term="Generator">
            <ExternalLink url={alert.generatorURL} testId="generator-link">
              Open in source
            </ExternalLink>
          </Fact>
        )}
        <Fact term="Fingerprint">
          <code>{alert.fingerprint}</code>
        </Fact>
      </dl>
      <AlertActions alert={alert} />
      <AlertHistorySection fingerprint={alert.fingerprint} episodeMark={alert.startsAt} />
      <AlertRunbooks alert={alert} />
      <AlertIncidents alert={alert} />
      <KeyValueTable caption="Labels" entries={alert.labels} testId="detail-labels" />
      <KeyValueTable caption="Annotations" entries={alert.annotations} testId="detail-annotations" />
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
