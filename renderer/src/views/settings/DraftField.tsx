import type { SourceType } from '../../../../shared/model';
import { fieldSpec } from './field-specs';
import type { TextField } from './source-draft';

interface DraftFieldProps {
  field: TextField;
  type: SourceType;
  value: string;
  idPrefix: string;
  problem: string | undefined;
  onChange: (value: string) => void;
}

/** One labelled box of the source form, with its hint and the engine's complaint about it, if any. */
export function DraftField({ field, type, value, idPrefix, problem, onChange }: DraftFieldProps) {
  const spec = fieldSpec(field, type);
  const id = `${idPrefix}-${field.replace(/\./g, '-')}`;
  const described = [spec.hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'data-testid': `source-field-${field}`,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': described,
  } as const;
  return (
    <div className="form-field">
      <label htmlFor={id}>{spec.label}</label>
      {spec.choices ? (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          {spec.defaultChoice && <option value="">default ({spec.defaultChoice})</option>}
          {spec.choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="text"
          autoComplete="off"
          spellCheck={false}
          inputMode={spec.inputMode}
          placeholder={spec.placeholder}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {spec.hint && (
        <span className="field-hint" id={`${id}-hint`}>
          {spec.hint}
        </span>
      )}
      {problem && (
        <span className="field-problem" id={`${id}-problem`} data-testid={`source-problem-${field}`}>
          {problem}
        </span>
      )}
    </div>
  );
}
