import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { acknowledgeAlert } from '../../actions/acknowledge';
import { useServices, useUi } from '../../app-services';

const COMMENT_MAX = 1000;
/** The last `a` key press acted on: a press is for the detail open at the time, once. */
let handledFocusRequest = 0;

/** "I'm on it", with an optional comment; `a` in the list lands here. */
export function AcknowledgeForm({ fingerprint }: { fingerprint: string }) {
  const services = useServices();
  const focusRequest = useUi((state) => state.ackFocusRequest);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    if (focusRequest <= handledFocusRequest) return;
    handledFocusRequest = focusRequest;
    input.current?.focus();
  }, [focusRequest]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      if (await acknowledgeAlert(services, fingerprint, comment)) setComment('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ack-form" data-testid="ack-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={`${id}-comment`}>Acknowledge: say you are on it (comment optional)</label>
      <div className="ack-row">
        <input
          ref={input}
          id={`${id}-comment`}
          data-testid="ack-comment"
          type="text"
          maxLength={COMMENT_MAX}
          autoComplete="off"
          placeholder="e.g. looking at the database"
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
        <button type="submit" className="primary-button" data-testid="acknowledge" disabled={busy}>
          {busy ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      </div>
    </form>
  );
}
