import { budgetBarPercent, budgetLevel, formatBudgetRemaining } from '../../lib/slo-format';

/** The error budget left as a bar with its value in words; an overspent budget says so, no data says so. */
export function BudgetMeter({ remaining }: { remaining: number | null }) {
  const label = formatBudgetRemaining(remaining);
  const level = budgetLevel(remaining);
  if (remaining === null) {
    return (
      <div className="budget" data-testid="slo-budget" data-level={level}>
        <div className="budget-track budget-track-unknown" aria-hidden="true" />
        <span className="budget-label">budget: {label}</span>
      </div>
    );
  }
  const percent = budgetBarPercent(remaining);
  return (
    <div className="budget" data-testid="slo-budget" data-level={level}>
      <div
        className="budget-track"
        role="meter"
        aria-label="Error budget left"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent * 10) / 10}
        aria-valuetext={label}
      >
        <div className="budget-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="budget-label">{label}</span>
    </div>
  );
}
