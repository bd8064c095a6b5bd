import type { Ref } from 'react';
import type { RunbookDocument, RunbookSession } from '../../../../shared/runbook';
import { useRunbooks } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import { filledText, type GuideModel } from '../../lib/runbook-guide-model';

interface GuideFinishedProps {
  session: RunbookSession;
  document: RunbookDocument;
  model: GuideModel;
  embedded: boolean;
  headingRef: Ref<HTMLHeadingElement>;
}

/** The end of a guided session: what was done, checked and noted, step by step. */
export function GuideFinished({ session, document, model, embedded, headingRef }: GuideFinishedProps) {
  const now = useNow();
  const close = useRunbooks((state) => state.closeSession);
  const Heading = embedded ? 'h4' : 'h3';
  return (
    <div className="guide-finished" data-testid="runbook-finished">
      <Heading ref={headingRef} tabIndex={-1} className="guide-step-title">
        Finished{session.finishedAt ? ` at ${formatClockTime(session.finishedAt, now, false)}` : ''}
      </Heading>
      <p>
        {model.completedCount} of {model.total} {model.total === 1 ? 'step' : 'steps'} done.
      </p>
      <ol className="guide-summary" data-testid="runbook-summary">
        {document.steps.map((step) => {
          const done = session.completedSteps.includes(step.id);
          const checked = (session.checks[step.id] ?? []).length;
          const note = session.notes[step.id];
          return (
            <li key={step.id} data-step-id={step.id} data-done={done}>
              <span className="guide-summary-mark" aria-hidden="true">
                {done ? '✓' : '–'}
              </span>
              <span className="guide-summary-title">{filledText(step.title, session)}</span>
              <span className="visually-hidden">{done ? ', done' : ', not visited'}</span>
              {step.checks.length > 0 && (
                <span className="guide-summary-checks">
                  {checked} of {step.checks.length} checks
                </span>
              )}
              {note && <p className="guide-summary-note">{note}</p>}
            </li>
          );
        })}
      </ol>
      {!embedded && (
        <button type="button" onClick={close}>
          Back to the runbooks
        </button>
      )}
    </div>
  );
}
