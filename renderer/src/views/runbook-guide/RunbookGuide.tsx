import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import type { RunbookDocument, RunbookSession, RunbookSessionAction } from '../../../../shared/runbook';
import { showIncident } from '../../actions/incidents';
import { loadRunbookDocument, updateRunbookSession } from '../../actions/runbooks';
import { useIncidents, useRunbooks, useServices } from '../../app-services';
import { useRunbookDocument } from '../../hooks/use-runbook-document';
import { buildGuideModel, guideKeyAction, type GuideModel } from '../../lib/runbook-guide-model';
import { sessionPurposeText } from '../../lib/runbook-list-model';
import type { PlaceholderValues } from '../../lib/runbook-placeholders';
import type { RunbookDocumentEntry } from '../../stores/runbook-store';
import { GuideFinished } from './GuideFinished';
import { GuideStatus } from './GuideStatus';
import { GuideStep } from './GuideStep';
import { RunbookMarkdown } from './LazyRunbookMarkdown';

interface RunbookGuideProps {
  sessionId: string;
  /** Inside another view (the incident checklist): smaller headings, no Close, never takes focus on its own. */
  embedded?: boolean;
}

/** A runbook followed in guided mode: one step at a time, with progress, elapsed time, checks, commands, choices and notes. */
export function RunbookGuide({ sessionId, embedded = false }: RunbookGuideProps) {
  const services = useServices();
  const session = useRunbooks((state) => state.sessions.find((candidate) => candidate.id === sessionId));
  const entry = useRunbookDocument(session?.runbookId ?? null);
  const titleId = useId();
  const Title = embedded ? 'h3' : 'h2';

  if (!session || !entry?.document) {
    const problem = !session ? 'This guided session is not known (yet).' : entry?.state === 'error' ? `Could not load the runbook: ${entry.error}` : null;
    return (
      <section className={embedded ? 'runbook-guide embedded' : 'runbook-guide'} data-testid="runbook-guide" data-state={problem ? 'error' : 'loading'} aria-labelledby={titleId}>
        <div className="guide-header">
          <Title id={titleId}>{session?.runbookTitle ?? 'Runbook'}</Title>
          {!embedded && <CloseGuide />}
        </div>
        {problem ? (
          <p className="guide-problem" role="alert">
            {problem}{' '}
            {session && (
              <button type="button" onClick={() => void loadRunbookDocument(services, session.runbookId, true)}>
                Retry
              </button>
            )}
          </p>
        ) : (
          <p className="guide-loading" role="status">
            Loading the runbook…
          </p>
        )}
      </section>
    );
  }
  return <GuideBody session={session} document={entry.document} entry={entry} embedded={embedded} titleId={titleId} />;
}

function CloseGuide() {
  const close = useRunbooks((state) => state.closeSession);
  return (
    <button type="button" className="detail-close" data-testid="runbook-guide-close" aria-label="Close the guided runbook" onClick={close}>
      Close
    </button>
  );
}

interface GuideBodyProps {
  session: RunbookSession;
  document: RunbookDocument;
  entry: RunbookDocumentEntry;
  embedded: boolean;
  titleId: string;
}

function GuideBody({ session, document, entry, embedded, titleId }: GuideBodyProps) {
  const services = useServices();
  const incidents = useIncidents((state) => state.incidents);
  const summaryError = useRunbooks((state) => state.runbooks.find((runbook) => runbook.id === document.id)?.error ?? null);
  const model = useMemo(() => buildGuideModel(document, session), [document, session]);
  // The labels object is new with every pushed set; the Markdown is parsed again only when the values change.
  const valuesKey = JSON.stringify({ labels: session.labels, value: session.value });
  const values = useMemo<PlaceholderValues>(() => JSON.parse(valuesKey) as PlaceholderValues, [valuesKey]);
  const [pending, setPending] = useState(false);
  const section = useRef<HTMLElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const purpose = sessionPurposeText(session, incidents);
  const incident = incidents.find((candidate) => candidate.checklistSessionId === session.id || candidate.id === session.incidentId);
  const Title = embedded ? 'h3' : 'h2';

  const act = async (action: RunbookSessionAction) => {
    if (pending) return;
    setPending(true);
    try {
      await updateRunbookSession(services, session.id, action);
    } finally {
      setPending(false);
    }
  };
  const actRef = useRef(act);
  const modelRef = useRef(model);
  useEffect(() => {
    actRef.current = act;
    modelRef.current = model;
  });

  useGuideKeys(section, embedded, (direction) => {
    const current = modelRef.current;
    if (direction === 'next' && current.showNext && current.nextStepId !== null) void actRef.current({ type: 'advance', stepId: current.nextStepId });
    else if (direction === 'back' && current.canBack) void actRef.current({ type: 'back' });
  });
  useStepFocus(section, stepHeading, model, embedded);

  return (
    <section
      ref={section}
      className={embedded ? 'runbook-guide embedded' : 'runbook-guide'}
      data-testid="runbook-guide"
      data-state="ready"
      data-session-id={session.id}
      data-runbook-id={session.runbookId}
      data-step-id={model.step?.id ?? ''}
      data-finished={model.finished}
      aria-labelledby={titleId}
    >
      <div className="guide-header">
        <div className="guide-heading">
          <Title id={titleId}>{embedded ? `Checklist: ${document.title}` : document.title}</Title>
          <p className="guide-purpose" data-testid="runbook-guide-purpose">
            {purpose}
            {incident && !embedded && (
              <>
                {' '}
                <button type="button" className="link-button" data-testid="runbook-guide-incident" onClick={() => showIncident(services, incident.id)}>
                  Open the incident
                </button>
              </>
            )}
          </p>
        </div>
        {!embedded && <CloseGuide />}
      </div>
      <GuideStatus model={model} startedAt={session.startedAt} finishedAt={session.finishedAt} />
      {summaryError && (
        <p className="guide-problem" data-testid="runbook-doc-error">
          This runbook has a problem: <span className="verbatim">{summaryError}</span>
        </p>
      )}
      {entry.state === 'error' && (
        <p className="guide-problem" role="alert">
          Could not reload the runbook ({entry.error}); showing the last version loaded.{' '}
          <button type="button" onClick={() => void loadRunbookDocument(services, document.id, true)}>
            Retry
          </button>
        </p>
      )}
      {document.intro.trim() !== '' && !model.finished && (
        // Open on the first step, folded away after; remounted per step so each starts that way.
        <details key={model.step?.id ?? 'none'} className="guide-intro" open={model.position <= 1}>
          <summary>About this runbook</summary>
          <RunbookMarkdown markdown={document.intro} values={values} headingBase={embedded ? 5 : 4} testId="runbook-intro" />
        </details>
      )}
      {model.finished ? (
        <GuideFinished session={session} document={document} model={model} embedded={embedded} headingRef={stepHeading} />
      ) : (
        <GuideStep
          session={session}
          document={document}
          model={model}
          values={values}
          embedded={embedded}
          pending={pending}
          headingRef={stepHeading}
          onAction={(action) => void act(action)}
        />
      )}
    </section>
  );
}

/**
 * n/→ next and b/← back while focus is in the guide, or (for the guide of the Runbooks view)
 * nowhere in particular, as after a choice button that was pressed went away. Typing, chords and
 * keys already handled are left alone.
 */
function useGuideKeys(section: RefObject<HTMLElement | null>, embedded: boolean, onKey: (direction: 'next' | 'back') => void): void {
  const onKeyRef = useRef(onKey);
  useEffect(() => {
    onKeyRef.current = onKey;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const inside = target !== null && section.current?.contains(target) === true;
      const unfocused = target === null || target === document.body;
      if (!inside && (embedded || !unfocused)) return;
      const action = guideKeyAction({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, editable: isTextEntry(target) });
      if (!action) return;
      event.preventDefault();
      onKeyRef.current(action);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [section, embedded]);
}

function isTextEntry(target: HTMLElement | null): boolean {
  if (!target) return false;
  if (target.isContentEditable || target.matches('textarea, select')) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/**
 * Moves focus to the new step's title when the step changes and focus was in the guide (or was
 * lost with the button that went away), so keyboard and screen reader users land on the new step.
 * The guide of the Runbooks view also takes focus when it opens.
 */
function useStepFocus(
  section: RefObject<HTMLElement | null>,
  heading: RefObject<HTMLHeadingElement | null>,
  model: GuideModel,
  embedded: boolean,
): void {
  const stepKey = model.finished ? 'finished' : (model.step?.id ?? 'none');
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    const first = shownKey.current === null;
    if (shownKey.current === stepKey) return;
    shownKey.current = stepKey;
    const active = document.activeElement;
    const focusInside = active !== null && section.current?.contains(active) === true;
    const focusLost = active === null || active === document.body;
    if (first ? embedded : !(focusInside || focusLost)) return;
    (heading.current ?? section.current)?.focus({ preventScroll: false });
  }, [stepKey, embedded, section, heading]);
}
