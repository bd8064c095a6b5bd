import type { Ref } from 'react';

interface FilterFieldProps {
  inputRef: Ref<HTMLInputElement>;
  id: string;
  testId: string;
  /** "search" for full-text searches (the browser offers to clear them), "text" for filter expressions. */
  type: 'search' | 'text';
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and announced; null when the query is fine. */
  error: string | null;
  errorTestId: string;
  maxLength?: number;
}

/** The text field every list view filters or searches with (focused by `/`), with its error beneath. */
export function FilterField({ inputRef, id, testId, type, label, placeholder, value, onChange, error, errorTestId, maxLength }: FilterFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="filter-field">
      <input
        ref={inputRef}
        id={id}
        className="filter-input"
        data-testid={testId}
        type={type}
        aria-label={label}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p className="filter-error" id={errorId} data-testid={errorTestId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
