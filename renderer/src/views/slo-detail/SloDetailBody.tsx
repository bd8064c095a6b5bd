import type { Slo } from '../../../../shared/slo';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import {
  budgetTimeText,
  evaluatedText,
  forecastText,
  formatDuration,
  formatFraction,
  formatSli,
  formatTarget,
  formatWindowBound,
  sloSubtitle,
} from '../../lib/slo-format';
import { KeyValueTable } from '../detail/KeyValueTable';
import { BudgetMeter } from '../slo/BudgetMeter';
import { SloStaleMarker } from '../slo/SloStaleMarker';
import { SloStatusBadge } from '../slo/SloStatusBadge';
import { BurnRateTable } from './BurnRateTable';
import { Fact } from '../common/Fact';
import { LinkedAlerts } from './LinkedAlerts';
import { SloCharts } from './SloCharts';
import { SloIncidentActions } from './SloIncidentActions';
import { SloQueries } from './SloQueries';

export function SloDetailBody({ slo }: { slo: Slo }) {
  const now = useNow();
  const subtitle = sloSubtitle(slo);
  return (
    <div className="detail-body slo-detail-body">
      <div className="slo-detail-status">
        <SloStatusBadge status={slo.status} />
        {slo.stale && <SloStaleMarker evaluatedAt={slo.evaluatedAt} now={now} long />}
        <p className="slo-status-reason" data-testid="slo-status-reason">
          {slo.statusReason}
        </p>
      </div>
      <SloIncidentActions slo={slo} />
      {slo.error && (
        <p className="slo-problem" data-testid="slo-eval-error">
          <strong>Evaluation error:</strong> <span className="verbatim">{slo.error}</span>
        </p>
      )}
      {slo.dataErrors.length > 0 && (
        <div className="slo-problem" data-testid="slo-data-errors">
          <strong>Data errors:</strong>
          <ul>
            {slo.dataErrors.map((error, index) => (
              <li key={`${index}:${error}`} className="verbatim">
                {error}
              </li>
            ))}
          </ul>
        </div>
      )}
      {slo.description && <p className="slo-description">{slo.description}</p>}
      <dl className="detail-facts slo-facts" data-testid="slo-facts">
        {subtitle && <Fact term="Service">{subtitle}</Fact>}
        <Fact term="SLI" testId="slo-fact-sli">
          <span>{formatSli(slo.sli, slo.target)}</span>
          {slo.sli === null && <span className="detail-age">(no traffic or no series in the window)</span>}
        </Fact>
        <Fact term="Target">{formatTarget(slo.target)}</Fact>
        <Fact term="Budget left" testId="slo-fact-budget">
          <BudgetMeter remaining={slo.budget.remaining} />
          {slo.budget.remainingSeconds !== null && <span data-testid="slo-budget-time">{budgetTimeText(slo.budget.remainingSeconds)}</span>}
        </Fact>
        <Fact term="Consumed">
          {slo.budget.consumed === null ? 'no data' : formatFraction(slo.budget.consumed)}
          <span className="detail-age">(the whole budget: {formatDuration(slo.budget.totalSeconds)} of full outage)</span>
        </Fact>
        <Fact term="Window">
          <span>{slo.window.label}:</span>
          <span>
            <time dateTime={slo.window.start}>{formatWindowBound(slo.window.start, now)}</time> –{' '}
            <time dateTime={slo.window.end}>{formatWindowBound(slo.window.end, now)}</time>
          </span>
        </Fact>
        <Fact term="Forecast" testId="slo-forecast">
          <span className="forecast-lines">
            <span>
              at the 1 h burn rate: <strong>{forecastText(slo.forecast.exhaustedAt1h, slo.burnRates['1h'], now)}</strong>
            </span>
            <span>
              at the 6 h burn rate: <strong>{forecastText(slo.forecast.exhaustedAt6h, slo.burnRates['6h'], now)}</strong>
            </span>
          </span>
        </Fact>
        <Fact term="Evaluated">
          {slo.evaluatedAt ? <time dateTime={slo.evaluatedAt}>{formatClockTime(slo.evaluatedAt, now)}</time> : null}
          <span className="detail-age">{slo.evaluatedAt ? `(${evaluatedText(slo.evaluatedAt, now)})` : evaluatedText(null, now)}</span>
        </Fact>
        <Fact term="Source">{slo.source ?? 'none'}</Fact>
        <Fact term="File">
          <code className="slo-file">{slo.file}</code>
        </Fact>
      </dl>
      <SloCharts slo={slo} />
      <LinkedAlerts slo={slo} />
      <BurnRateTable slo={slo} />
      <SloQueries slo={slo} />
      <KeyValueTable caption="Labels" entries={slo.labels} testId="slo-labels" />
    </div>
  );
}
