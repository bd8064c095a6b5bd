import { memo, useMemo } from 'react';
import type { Slo } from '../../../../shared/slo';
import { loadSloHistory } from '../../actions/slo-history';
import { useServices } from '../../app-services';
import { useSloHistory } from '../../hooks/use-slo-history';
import { burndownChartModel, burnRateChartModel, summarizeBurndown, summarizeBurnRate } from '../../lib/slo-chart-data';
import { formatBurnRate } from '../../lib/slo-format';
import { ChartFigure } from './ChartFigure';
import { UplotChart } from './LazyUplotChart';

const formatPercent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`);
const formatPercentTick = (value: number) => `${Number(value.toFixed(2))} %`;
const formatBurnTick = (value: number) => `${Number(value.toFixed(2))}×`;
const formatTime = (unixSeconds: number) =>
  new Date(unixSeconds * 1000).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** The burn-down and the 1 h burn rate over the window, fetched when the detail opens and after each evaluation. */
export const SloCharts = memo(function SloCharts({ slo }: { slo: Slo }) {
  const services = useServices();
  const entry = useSloHistory(slo.id, slo.evaluatedAt);
  const history = entry?.history ?? null;
  const burndown = useMemo(() => (history ? burndownChartModel(history) : null), [history]);
  const burnRate = useMemo(() => (history ? burnRateChartModel(history) : null), [history]);

  return (
    <section className="slo-charts" data-testid="slo-charts" data-state={entry?.state ?? 'loading'} aria-labelledby="slo-charts-title" aria-busy={entry?.state === 'loading'}>
      <h3 id="slo-charts-title">Over the window</h3>
      {entry?.state === 'error' && (
        <p className="slo-problem" data-testid="slo-history-error" role="status">
          Could not load the chart data: <span className="verbatim">{entry.error}</span>{' '}
          <button type="button" onClick={() => void loadSloHistory(services, slo.id, slo.evaluatedAt, true)}>
            Retry
          </button>
        </p>
      )}
      {!history && entry?.state !== 'error' && (
        <p className="chart-loading" role="status">
          Loading chart data…
        </p>
      )}
      {burndown && (
        <ChartFigure
          testId="slo-burndown-chart"
          title="Error budget left (burn-down)"
          summary={summarizeBurndown(burndown, formatTime)}
          model={burndown}
          valueHeader="Budget left"
          formatValue={formatPercent}
          formatTime={formatTime}
        >
          <UplotChart model={burndown} formatValue={formatPercent} formatTick={formatPercentTick} />
        </ChartFigure>
      )}
      {burnRate && (
        <ChartFigure
          testId="slo-burnrate-chart"
          title="Burn rate over 1 h, with the rule thresholds"
          summary={summarizeBurnRate(burnRate, formatTime)}
          model={burnRate}
          valueHeader="1 h burn rate"
          formatValue={formatBurnRate}
          formatTime={formatTime}
        >
          <UplotChart model={burnRate} formatValue={formatBurnRate} formatTick={formatBurnTick} />
        </ChartFigure>
      )}
    </section>
  );
});
