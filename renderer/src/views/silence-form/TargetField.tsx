import type { SilenceDraft } from '../../lib/silence-draft';

interface TargetFieldProps {
  draft: Pick<SilenceDraft, 'source' | 'targets'>;
  id: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (source: string) => void;
}

/** Which Alertmanager gets the silence: a choice only when the alert comes from several. */
export function TargetField({ draft, id, invalid, describedBy, onChange }: TargetFieldProps) {
  if (draft.targets.length === 0) {
    return (
      <p className="form-error" data-testid="silence-no-target">
        No Alertmanager is configured, so there is nowhere to send a silence.
      </p>
    );
  }
  if (draft.targets.length === 1) {
    return (
      <p className="silence-target" data-testid="silence-target">
        Sent to <strong>{draft.source}</strong>
      </p>
    );
  }
  return (
    <div className="form-field">
      <label htmlFor={id}>Alertmanager</label>
      <select id={id} data-testid="silence-target-select" value={draft.source} aria-invalid={invalid || undefined} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)}>
        {draft.targets.map((target) => (
          <option key={target} value={target}>
            {target}
          </option>
        ))}
      </select>
    </div>
  );
}
