import type { BurnRule, BurnWindow } from '../../../../shared/slo';
import { burnRateCells, thresholdsText } from '../../lib/slo-burn';
import { formatBurnRate } from '../../lib/slo-format';

/** The seven burn rates in a compact strip; values above a rule's threshold stand out (and say so). */
export function BurnRates({ burnRates, rules }: { burnRates: Record<BurnWindow, number | null>; rules: readonly BurnRule[] }) {
  return (
    <ul className="burn-rates" data-testid="slo-burn-rates" aria-label="Burn rates">
      {burnRateCells(burnRates, rules).map((cell) => (
        <li
          key={cell.window}
          className="burn-rate"
          data-window={cell.window}
          data-level={cell.level ?? 'none'}
          title={`${cell.window}: ${cell.value === null ? 'no data' : formatBurnRate(cell.value)}; ${thresholdsText(cell.window, rules)}`}
        >
          <span className="burn-window">{cell.window}</span>
          <span className="burn-value">{formatBurnRate(cell.value)}</span>
          {cell.value === null && <span className="visually-hidden"> no data</span>}
          {cell.level && <span className="visually-hidden"> above the {cell.level} threshold</span>}
        </li>
      ))}
    </ul>
  );
}
