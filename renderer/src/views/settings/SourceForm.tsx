import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConnectionTest, SourceSettingsList } from '../../../../shared/settings';
import { saveSourceDraft, testSourceDraft } from '../../actions/source-settings';
import { useServices } from '../../app-services';
import { ConnectionTestResult } from './ConnectionTestResult';
import { DraftField } from './DraftField';
import { FORM_GROUPS } from './field-specs';
import { appliesTo, problemsByField, takesToken, TYPE_LABEL, type SourceDraft, type TextField } from './source-draft';
import { TokenField } from './TokenField';

interface SourceFormProps {
  initial: SourceDraft;
  /** The source's name before this edit; null adds a new one. */
  previousName: string | null;
  /** The source as listed when the form opened (edits only). */
  listed?: Record<string, unknown>;
  writable: boolean;
  onSaved: (list: SourceSettingsList, name: string) => void;
  onCancel: () => void;
}

type Problems = ReturnType<typeof problemsByField>;

/** Adds or edits one source: its boxes by type, Test (without saving) and Save; the engine's complaints next to their boxes. */
export function SourceForm({ initial, previousName, listed, writable, onSaved, onCancel }: SourceFormProps) {
  const { api } = useServices();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const ids = useId();
  const pane = useRef<HTMLElement>(null);
  const title = previousName ? `Edit ${previousName}` : `Add ${TYPE_LABEL[draft.type]} source`;

  useEffect(() => {
    pane.current?.querySelector<HTMLElement>('[data-testid="source-field-name"]')?.focus();
  }, []);

  const setText = (field: TextField, value: string) => setDraft((current) => ({ ...current, text: { ...current.text, [field]: value } }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy('save');
    const outcome = await saveSourceDraft(api, previousName, draft, listed);
    setBusy(null);
    if (outcome.ok) {
      onSaved(outcome.value, draft.text.name.trim() || draft.type);
      return;
    }
    setProblems(problemsByField(outcome.message));
    requestAnimationFrame(() => pane.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-group.invalid input, .settings-problems')?.focus());
  };

  const runTest = async () => {
    if (busy) return;
    setBusy('test');
    setTest(null);
    const outcome = await testSourceDraft(api, draft);
    setBusy(null);
    if (outcome.ok) setTest(outcome.value);
    else setProblems(problemsByField(outcome.message));
  };

  return (
    <section ref={pane} className="settings-pane" data-testid="source-form" aria-labelledby={`${ids}-title`}>
      <div className="detail-header">
        <h2 id={`${ids}-title`}>{title}</h2>
        <button type="button" className="detail-close" data-testid="source-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <form onSubmit={(event) => void save(event)} noValidate>
        {FORM_GROUPS.filter((group) => !group.only || group.only === draft.type).map((group) => {
          const fields = group.fields.filter((field) => appliesTo(field, draft.type));
          if (fields.length === 0) return null;
          return (
            <fieldset key={group.title} className="form-group">
              <legend>{group.title}</legend>
              <div className="settings-grid">
                {fields.map((field) => (
                  <DraftField key={field} field={field} type={draft.type} value={draft.text[field]} idPrefix={ids} problem={problems?.byField[field]} onChange={(value) => setText(field, value)} />
                ))}
              </div>
            </fieldset>
          );
        })}
        {takesToken(draft.type) && <TokenField draft={draft} idPrefix={ids} problem={problems?.byField.token} onChange={(change) => setDraft((current) => ({ ...current, ...change }))} />}
        {problems && problems.other.length > 0 && (
          <div className="form-error settings-problems" role="alert" tabIndex={-1} data-testid="source-problems">
            {problems.other.map((problem) => (
              <p key={problem}>{problem}</p>
            ))}
          </div>
        )}
        {problems && problems.other.length === 0 && Object.keys(problems.byField).length > 0 && (
          <p className="form-error" role="alert" data-testid="source-problems">
            Not saved: fix the fields marked above.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary-button" data-testid="source-save" disabled={busy !== null || !writable}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" data-testid="source-test" disabled={busy !== null} onClick={() => void runTest()}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
        </div>
        <p className="form-hint">Save writes this source into the config file (your comments and other sources stay as they are); the app picks it up at once.</p>
      </form>
      {test && <ConnectionTestResult result={test} />}
    </section>
  );
}
