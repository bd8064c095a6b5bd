import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createSilence } from '../../actions/silences';
import { useServices, useSilences } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import {
  addMatcher,
  AUTHOR_MAX,
  changeMatcher,
  COMMENT_MAX,
  createSilenceInput,
  removeMatcher,
  silenceDraftProblem,
  type SilenceDraft,
} from '../../lib/silence-draft';
import { DurationField } from './DurationField';
import { MatchedAlertCount } from './MatchedAlertCount';
import { MatcherRow } from './MatcherRow';
import { TargetField } from './TargetField';

/**
 * Matchers (prefilled from the alert, each editable and removable), duration, comment, author and
 * the Alertmanager; submitting queues the silence, which is sent as soon as that Alertmanager answers.
 */
export function SilenceForm({ initial, className }: { initial: SilenceDraft; className: string }) {
  const services = useServices();
  const close = useSilences((state) => state.closeForm);
  const [draft, setDraft] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const now = useNow();
  const ids = useId();
  const pane = useRef<HTMLElement>(null);
  const problem = silenceDraftProblem(draft, now);
  const shown = attempted ? problem : null;
  const problemId = shown ? `${ids}-problem` : undefined;
  const marks = (field: string) => shown?.field === field;

  // From an alert the matchers are filled in and the comment is what is missing; from scratch, the first matcher.
  useEffect(() => {
    const first = initial.origin ? '[data-testid="silence-comment"]' : '[data-testid="matcher-name"]';
    pane.current?.querySelector<HTMLElement>(first)?.focus();
  }, [initial.origin]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const at = Date.now();
    if (silenceDraftProblem(draft, at) !== null) {
      // Take the user to what needs fixing, once the form has marked it.
      requestAnimationFrame(() => pane.current?.querySelector<HTMLElement>('[aria-invalid="true"], .invalid button')?.focus());
      return;
    }
    if (busy) return;
    setBusy(true);
    try {
      await createSilence(services, createSilenceInput(draft, at));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={pane} className={`${className} silence-form`} data-testid="silence-form" aria-labelledby={`${ids}-title`}>
      <div className="detail-header">
        <h2 id={`${ids}-title`}>{draft.origin ? `Silence ${draft.origin}` : 'New silence'}</h2>
        <button type="button" className="detail-close" data-testid="silence-cancel" onClick={close}>
          Cancel
        </button>
      </div>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TargetField draft={draft} id={`${ids}-target`} invalid={marks('source')} describedBy={problemId} onChange={(source) => setDraft({ ...draft, source })} />
        <fieldset className={marks('matchers') ? 'form-group matchers invalid' : 'form-group matchers'} data-testid="silence-matchers" aria-describedby={marks('matchers') ? problemId : undefined}>
          <legend>Matchers: the silence mutes alerts whose labels satisfy all of them</legend>
          <ul className="matcher-list">
            {draft.matchers.map((matcher, index) => (
              <MatcherRow
                key={matcher.id}
                matcher={matcher}
                position={index + 1}
                invalid={marks(`matcher-${matcher.id}`)}
                describedBy={marks(`matcher-${matcher.id}`) ? problemId : undefined}
                onChange={(change) => setDraft(changeMatcher(draft, matcher.id, change))}
                onRemove={() => setDraft(removeMatcher(draft, matcher.id))}
              />
            ))}
          </ul>
          <div className="matcher-actions">
            <button type="button" data-testid="matcher-add" onClick={() => setDraft(addMatcher(draft))}>
              Add matcher
            </button>
            <MatchedAlertCount matchers={draft.matchers} />
          </div>
        </fieldset>
        <DurationField
          draft={draft}
          idPrefix={ids}
          now={now}
          invalid={marks('end')}
          describedBy={marks('end') ? problemId : undefined}
          onChange={(change) => setDraft({ ...draft, ...change })}
        />
        <div className="form-field">
          <label htmlFor={`${ids}-comment`}>Comment (required): why, and a ticket if there is one</label>
          <textarea
            id={`${ids}-comment`}
            data-testid="silence-comment"
            rows={3}
            required
            maxLength={COMMENT_MAX}
            value={draft.comment}
            aria-invalid={marks('comment') || undefined}
            aria-describedby={marks('comment') ? problemId : undefined}
            onChange={(event) => setDraft({ ...draft, comment: event.target.value })}
          />
        </div>
        <div className="form-field">
          <label htmlFor={`${ids}-author`}>Author</label>
          <input
            id={`${ids}-author`}
            data-testid="silence-author"
            type="text"
            required
            maxLength={AUTHOR_MAX}
            autoComplete="off"
            value={draft.author}
            aria-invalid={marks('author') || undefined}
            aria-describedby={marks('author') ? problemId : undefined}
            onChange={(event) => setDraft({ ...draft, author: event.target.value })}
          />
        </div>
        {shown && (
          <p className="form-error" id={problemId} data-testid="silence-problem" role="alert">
            {shown.message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary-button" data-testid="silence-submit" disabled={busy}>
            {busy ? 'Queuing…' : 'Create silence'}
          </button>
        </div>
        <p className="form-hint">It is queued first and sent as soon as the Alertmanager answers; it shows under Silences until then.</p>
      </form>
    </section>
  );
}
