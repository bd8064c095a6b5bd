import type { MatchOperator } from '../../../../shared/label-matchers';
import type { DraftMatcher } from '../../lib/silence-draft';
import { MATCH_OPERATORS, OPERATOR_LABEL } from '../../lib/silence-matchers';

interface MatcherRowProps {
  matcher: DraftMatcher;
  position: number;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (change: Partial<Omit<DraftMatcher, 'id'>>) => void;
  onRemove: () => void;
}

/** One matcher: label name, operator, value, and a button to drop it. */
export function MatcherRow({ matcher, position, invalid, describedBy, onChange, onRemove }: MatcherRowProps) {
  const what = `matcher ${position}`;
  return (
    <li className="matcher-row" data-testid="matcher-row" data-name={matcher.name}>
      <input
        className="matcher-name"
        data-testid="matcher-name"
        type="text"
        aria-label={`Label name of ${what}`}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={matcher.name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange({ name: event.target.value })}
      />
      <select
        className="matcher-operator"
        data-testid="matcher-operator"
        aria-label={`Operator of ${what}`}
        value={matcher.operator}
        onChange={(event) => onChange({ operator: event.target.value as MatchOperator })}
      >
        {MATCH_OPERATORS.map((operator) => (
          <option key={operator} value={operator} title={OPERATOR_LABEL[operator]}>
            {operator}
          </option>
        ))}
      </select>
      <input
        className="matcher-value"
        data-testid="matcher-value"
        type="text"
        aria-label={`Value of ${what}`}
        autoComplete="off"
        spellCheck={false}
        maxLength={2000}
        value={matcher.value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange({ value: event.target.value })}
      />
      <button type="button" className="matcher-remove" data-testid="matcher-remove" aria-label={`Remove ${what}${matcher.name ? ` (${matcher.name})` : ''}`} onClick={onRemove}>
        Remove
      </button>
    </li>
  );
}
