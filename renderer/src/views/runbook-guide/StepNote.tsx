import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { updateRunbookSession } from '../../actions/runbooks';
import { useServices } from '../../app-services';

/** How long typing pauses before a note is saved (it is also saved when the field loses focus). */
export const NOTE_SAVE_DELAY_MS = 800;
const NOTE_MAX = 20_000;

type SaveState = 'saved' | 'editing' | 'saving' | 'failed';

/** The user's note on one step; mounted per step, so it starts from what the session holds. */
export function StepNote({ sessionId, stepId, saved }: { sessionId: string; stepId: string; saved: string }) {
  const services = useServices();
  const id = useId();
  const [text, setText] = useState(saved);
  const [state, setState] = useState<SaveState>('saved');
  const sent = useRef(saved);
  const latest = useRef(saved);

  const save = useCallback(async () => {
    const value = latest.current;
    if (value === sent.current) return;
    sent.current = value;
    setState('saving');
    const ok = await updateRunbookSession(services, sessionId, { type: 'note', stepId, text: value });
    if (!ok) sent.current = '\u0000unsaved';
    if (latest.current === value) setState(ok ? 'saved' : 'failed');
  }, [services, sessionId, stepId]);

  // Saved once typing pauses…
  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => void save(), NOTE_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, save]);
  // …and never lost by moving on before the pause is over.
  useEffect(() => () => void save(), [save]);

  return (
    <div className="guide-note">
      <label htmlFor={id}>Notes on this step</label>
      <textarea
        id={id}
        data-testid="runbook-note"
        rows={3}
        maxLength={NOTE_MAX}
        value={text}
        placeholder="What you saw and what you did; kept with this session"
        onChange={(event) => {
          latest.current = event.target.value;
          setText(event.target.value);
          setState('editing');
        }}
        onBlur={() => void save()}
      />
      <span className="guide-note-state" data-testid="runbook-note-state" data-state={state} role="status">
        {state === 'saving' ? 'Saving…' : state === 'failed' ? 'Not saved: see the error above' : state === 'saved' && text !== '' ? 'Saved' : ''}
      </span>
    </div>
  );
}
