import { memo } from 'react';
import type { Slo } from '../../../../shared/slo';
import { burnRateCells, thresholdsText } from '../../lib/slo-burn';
import { formatBurnRate } from '../../lib/slo-format';

/** Every window's burn rate next to the thresholds of the rules that use it. */
export const BurnRateTable = memo(function BurnRateTable({ slo }: { slo: Slo }) {
  return (
    <table className="kv-table burn-rate-table" data-testid="slo-burn-rate-table">
      <caption>Burn rates (1× spends the budget exactly over the window)</caption>
      <thead>
        <tr>
          <th scope="col">Window</th>
          <th scope="col">Burn rate</th>
          <th scope="col">Rules</th>
        </tr>
      </thead>
      <tbody>
        {burnRateCells(slo.burnRates, slo.rules).map((cell) => (
          <tr key={cell.window} data-window={cell.window} data-level={cell.level ?? 'none'}>
            <th scope="row">{cell.window}</th>
            <td className="burn-value">
              {cell.value === null ? 'no data' : formatBurnRate(cell.value)}
              {cell.level && <span className="burn-flag"> above {cell.level} threshold</span>}
            </td>
            <td>{thresholdsText(cell.window, slo.rules)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
