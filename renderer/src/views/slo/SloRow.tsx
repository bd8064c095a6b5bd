import { memo } from 'react';
import type { Slo } from '../../../../shared/slo';
import { useNow } from '../../hooks/use-now';
import { sloOptionId } from '../../lib/dom-id';
import { evaluatedText, formatSliVsTarget, sloSubtitle } from '../../lib/slo-format';
import { BudgetMeter } from './BudgetMeter';
import { BurnRates } from './BurnRates';
import { SloStaleMarker } from './SloStaleMarker';
import { SloStatusBadge } from './SloStatusBadge';

interface SloRowProps {
  slo: Slo;
  selected: boolean;
  position: number;
  setSize: number;
  onActivate: (id: string) => void;
}

export const SloRow = memo(function SloRow({ slo, selected, position, setSize, onActivate }: SloRowProps) {
  const now = useNow();
  const subtitle = sloSubtitle(slo);
  return (
    <div
      role="option"
      id={sloOptionId(slo.id)}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      className={selected ? 'slo-row selected' : 'slo-row'}
      data-testid="slo-row"
      data-slo-id={slo.id}
      data-status={slo.status}
      data-stale={slo.stale}
      onClick={() => onActivate(slo.id)}
    >
      <div className="slo-row-status">
        <SloStatusBadge status={slo.status} />
      </div>
      <div className="slo-row-main">
        <div className="slo-row-title">
          <span className="slo-name">{slo.displayName}</span>
          {subtitle && <span className="slo-subtitle">{subtitle}</span>}
        </div>
        <div className="slo-row-meta">
          {slo.stale && <SloStaleMarker evaluatedAt={slo.evaluatedAt} now={now} />}
          <span className="slo-window">{slo.window.label}</span>
          <span className="slo-evaluated" data-testid="slo-evaluated" title={slo.evaluatedAt ?? undefined}>
            {evaluatedText(slo.evaluatedAt, now)}
          </span>
          {slo.error && (
            <span className="slo-row-error" title={slo.error}>
              error: {slo.error}
            </span>
          )}
        </div>
      </div>
      <div className="slo-row-numbers">
        <span className="slo-sli" data-testid="slo-sli" title="SLI over the window / target">
          {formatSliVsTarget(slo)}
        </span>
        <BudgetMeter remaining={slo.budget.remaining} />
      </div>
      <BurnRates burnRates={slo.burnRates} rules={slo.rules} />
    </div>
  );
});
