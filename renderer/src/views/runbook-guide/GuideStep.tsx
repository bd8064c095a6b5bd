import { useMemo, type Ref } from 'react';
import type { RunbookDocument, RunbookSession, RunbookSessionAction, RunbookStep } from '../../../../shared/runbook';
import { toggleRunbookCheck } from '../../actions/runbooks';
import { useServices } from '../../app-services';
import { filledText, type GuideModel } from '../../lib/runbook-guide-model';
import type { PlaceholderValues } from '../../lib/runbook-placeholders';
import { CheckBindingContext, type CheckBinding } from './check-binding';
import { RunbookMarkdown } from './LazyRunbookMarkdown';
import { StepNote } from './StepNote';

interface GuideStepProps {
  session: RunbookSession;
  document: RunbookDocument;
  model: GuideModel;
  values: PlaceholderValues;
  embedded: boolean;
  /** A step change is on its way: the buttons wait for it. */
  pending: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  onAction: (action: RunbookSessionAction) => void;
}

/** The step on screen, its choices, its note, and Back / Next / Finish. */
export function GuideStep({ session, document, model, values, embedded, pending, headingRef, onAction }: GuideStepProps) {
  const first = document.steps[0];
  return (
    <>
      {model.step ? (
        <StepContent session={session} step={model.step} model={model} values={values} embedded={embedded} pending={pending} headingRef={headingRef} onAction={onAction} />
      ) : (
        <div className="guide-step" data-testid="runbook-step" data-step-id="">
          {model.stepMissing ? (
            <p className="guide-problem" role="alert">
              The step this session was on (<code>{session.currentStepId}</code>) is no longer in the runbook: the file was edited since.{' '}
              {first && (
                <button type="button" data-testid="runbook-restart" disabled={pending} onClick={() => onAction({ type: 'advance', stepId: first.id })}>
                  Continue at step 1
                </button>
              )}
            </p>
          ) : (
            <p className="guide-empty">This runbook has no steps: a step starts at each <code>##</code> heading. Read it above, then finish.</p>
          )}
        </div>
      )}
      <div className="guide-nav" role="group" aria-label="Step navigation">
        <button type="button" data-testid="runbook-back" disabled={!model.canBack || pending} onClick={() => onAction({ type: 'back' })}>
          ← Back
        </button>
        <span className="guide-nav-keys" aria-hidden="true">
          <kbd>n</kbd>/<kbd>→</kbd> next <kbd>b</kbd>/<kbd>←</kbd> back
        </span>
        {model.showNext && model.nextStepId !== null && (
          <button
            type="button"
            className="primary-button"
            data-testid="runbook-next"
            disabled={pending}
            onClick={() => onAction({ type: 'advance', stepId: model.nextStepId! })}
          >
            Next →
          </button>
        )}
        {model.showFinish && (
          <button type="button" className="primary-button" data-testid="runbook-finish" disabled={pending} onClick={() => onAction({ type: 'finish' })}>
            Finish
          </button>
        )}
      </div>
    </>
  );
}

interface StepContentProps extends Omit<GuideStepProps, 'document'> {
  step: RunbookStep;
}

function StepContent({ session, step, model, values, embedded, pending, headingRef, onAction }: StepContentProps) {
  const services = useServices();
  const doneIds = session.checks[step.id];
  const doneKey = (doneIds ?? []).join('\n');
  const binding = useMemo<CheckBinding>(() => {
    const done = new Set(doneKey === '' ? [] : doneKey.split('\n'));
    return {
      isDone: (checkId) => done.has(checkId),
      toggle: (checkId, checked) => void toggleRunbookCheck(services, session.id, step.id, checkId, checked),
      disabled: false,
    };
  }, [doneKey, services, session.id, step.id]);
  const choiceTargets = useMemo(() => step.choices.map((choice) => choice.targetStepId), [step]);
  const checksDone = step.checks.filter((check) => binding.isDone(check.id)).length;
  const Heading = embedded ? 'h4' : 'h3';

  return (
    <article className="guide-step" data-testid="runbook-step" data-step-id={step.id} aria-labelledby={`step-title-${session.id}`}>
      <div className="guide-step-head">
        <Heading ref={headingRef} id={`step-title-${session.id}`} className="guide-step-title" data-testid="runbook-step-title" tabIndex={-1}>
          {filledText(step.title, session)}
        </Heading>
        {step.checks.length > 0 && (
          <span className="guide-check-count" data-testid="runbook-check-count">
            {checksDone} of {step.checks.length} {step.checks.length === 1 ? 'check' : 'checks'} done
          </span>
        )}
      </div>
      <CheckBindingContext value={binding}>
        <RunbookMarkdown
          markdown={step.markdown}
          values={values}
          checks={step.checks}
          commands={step.commands}
          choiceTargets={choiceTargets}
          headingBase={embedded ? 5 : 4}
          testId="runbook-step-body"
        />
      </CheckBindingContext>
      {model.choices.length > 0 && (
        <div className="guide-choices" role="group" aria-label="Choose where to go next" data-testid="runbook-choices">
          {model.choices.map((choice) => (
            <button
              key={choice.targetStepId}
              type="button"
              className="guide-choice"
              data-testid="runbook-choice"
              data-target={choice.targetStepId}
              disabled={pending || choice.disabled}
              title={choice.disabled ? 'This is the step on screen' : `Go to “${choice.targetTitle}”`}
              onClick={() => onAction({ type: 'advance', stepId: choice.targetStepId })}
            >
              <span className="guide-choice-label">{filledText(choice.label, session)}</span>
              <span className="guide-choice-target">→ {filledText(choice.targetTitle, session)}</span>
            </button>
          ))}
        </div>
      )}
      <StepNote key={`${session.id}:${step.id}`} sessionId={session.id} stepId={step.id} saved={session.notes[step.id] ?? ''} />
    </article>
  );
}
