import { DURATION_PRESETS, draftEndsAt, type DurationChoice, type SilenceDraft } from '../../lib/silence-draft';
import { formatClockTime } from '../../lib/format-age';

interface DurationFieldProps {
  draft: Pick<SilenceDraft, 'duration' | 'customEnd'>;
  idPrefix: string;
  now: number;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (change: Partial<Pick<SilenceDraft, 'duration' | 'customEnd'>>) => void;
}

const CHOICES: Array<{ id: DurationChoice; label: string }> = [...DURATION_PRESETS.map(({ id, label }) => ({ id, label })), { id: 'custom', label: 'Until…' }];

/** 1 hour, 4 hours, 1 day, or until a chosen time; says when that is. */
export function DurationField({ draft, idPrefix, now, invalid, describedBy, onChange }: DurationFieldProps) {
  const end = draftEndsAt(draft, now);
  return (
    <fieldset className="form-group duration-field" data-testid="silence-duration">
      <legend>Duration</legend>
      <div className="duration-choices">
        {CHOICES.map((choice) => (
          <label key={choice.id} className="form-check">
            <input
              type="radio"
              name={`${idPrefix}-duration`}
              data-testid={`duration-${choice.id}`}
              value={choice.id}
              checked={draft.duration === choice.id}
              onChange={() => onChange({ duration: choice.id })}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {draft.duration === 'custom' && (
        <div className="form-field">
          <label htmlFor={`${idPrefix}-end`}>Ends at (local time)</label>
          <input
            id={`${idPrefix}-end`}
            data-testid="silence-end"
            type="datetime-local"
            value={draft.customEnd}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange({ customEnd: event.target.value })}
          />
        </div>
      )}
      <p className="duration-end" data-testid="silence-ends">
        {end === null ? 'Enter an end time.' : `Ends ${formatClockTime(new Date(end).toISOString(), now, false)}`}
      </p>
    </fieldset>
  );
}
