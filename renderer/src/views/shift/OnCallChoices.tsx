import { setOnCall } from '../../actions/on-call';
import { useServices } from '../../app-services';
import { ON_CALL_CHOICES, currentOnCallChoice } from '../../lib/on-call-text';
import type { OnCallStatus } from '../../../../shared/model';

/** On call / Off call / Follow schedule: the user's own word, or back to PagerDuty/Opsgenie. */
export function OnCallChoices({ status, testIdPrefix, onChosen }: { status: OnCallStatus; testIdPrefix: string; onChosen?: () => void }) {
  const services = useServices();
  const current = currentOnCallChoice(status);
  return (
    <div className="on-call-choices" role="group" aria-label="Set on call">
      {ON_CALL_CHOICES.map(({ value, label }) => (
        <button
          key={String(value)}
          type="button"
          data-testid={`${testIdPrefix}-${String(value)}`}
          aria-pressed={current === value}
          onClick={() => {
            onChosen?.();
            void setOnCall(services, value);
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
