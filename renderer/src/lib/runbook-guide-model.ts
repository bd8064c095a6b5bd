import type { RunbookDocument, RunbookSession, RunbookStep } from '../../../shared/runbook';
import { substitutePlaceholders, type PlaceholderValues } from './runbook-placeholders';

export interface GuideChoice {
  label: string;
  targetStepId: string;
  targetTitle: string;
  /** A choice leading to the step on screen cannot be taken (the engine refuses it). */
  disabled: boolean;
}

/** What guided mode shows for one session of one runbook: one step at a time. */
export interface GuideModel {
  total: number;
  /** The step on screen, or null: the runbook has no steps, or the session's step is no longer in it. */
  step: RunbookStep | null;
  /** 1-based position of the step in the runbook; 0 when there is none. */
  position: number;
  progressText: string;
  /** 0…1, for the progress bar. */
  progress: number;
  /** The session's step was removed from the runbook since (it was edited): offer to start over at step 1. */
  stepMissing: boolean;
  finished: boolean;
  canBack: boolean;
  /** The step after this one in the runbook, for Next; null on the last step or with choices. */
  nextStepId: string | null;
  choices: GuideChoice[];
  showNext: boolean;
  showFinish: boolean;
  completedCount: number;
}

/**
 * The guide's state from the runbook and the session. Next follows the runbook's order; a step
 * with choices offers them instead of Next; the last step offers Finish (after its choices, if
 * any). Back walks the session's history (the path taken), so it undoes a choice's jump.
 */
export function buildGuideModel(document: Pick<RunbookDocument, 'steps'>, session: RunbookSession): GuideModel {
  const steps = document.steps;
  const total = steps.length;
  const finished = session.finishedAt !== null;
  const index = session.currentStepId === null ? -1 : steps.findIndex((step) => step.id === session.currentStepId);
  const step = index >= 0 ? steps[index]! : null;
  const stepMissing = session.currentStepId !== null && index < 0;
  const completedCount = steps.filter((candidate) => session.completedSteps.includes(candidate.id)).length;
  const titles = new Map(steps.map((candidate) => [candidate.id, candidate.title]));
  const choices: GuideChoice[] = (step?.choices ?? [])
    .filter((choice) => titles.has(choice.targetStepId))
    .map((choice) => ({
      label: choice.label,
      targetStepId: choice.targetStepId,
      targetTitle: titles.get(choice.targetStepId)!,
      disabled: choice.targetStepId === step?.id,
    }));
  const isLast = step !== null && index === total - 1;
  const nextStepId = step !== null && !isLast && choices.length === 0 ? steps[index + 1]!.id : null;
  const position = finished ? total : step ? index + 1 : 0;

  return {
    total,
    step: finished ? null : step,
    position,
    progressText: finished ? `Finished: ${completedCount} of ${total} ${total === 1 ? 'step' : 'steps'} done` : progressText(position, total),
    progress: total === 0 ? (finished ? 1 : 0) : position / total,
    stepMissing: !finished && stepMissing,
    finished,
    canBack: !finished && session.history.length > 0,
    nextStepId: finished ? null : nextStepId,
    choices: finished ? [] : choices,
    showNext: !finished && nextStepId !== null,
    // No step to be on (an empty runbook) can only be finished; a missing step is left by Back or "start over".
    showFinish: !finished && (isLast || (step === null && !stepMissing)),
    completedCount,
  };
}

function progressText(position: number, total: number): string {
  if (total === 0) return 'This runbook has no steps';
  if (position === 0) return `${total} ${total === 1 ? 'step' : 'steps'}`;
  return `Step ${position} of ${total}`;
}

/** The session's placeholder values: the labels and value of the alert it was opened for. */
function sessionValues(session: Pick<RunbookSession, 'labels' | 'value'>): PlaceholderValues {
  return { labels: session.labels, value: session.value };
}

/** A choice's label and a step's title, with the alert's values filled in. */
export function filledText(text: string, session: Pick<RunbookSession, 'labels' | 'value'>): string {
  return substitutePlaceholders(text, sessionValues(session));
}

/** The key that moves the guide, or null: n/→ for Next, b/← for Back; never while typing or with a modifier. */
export function guideKeyAction(press: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; editable: boolean }): 'next' | 'back' | null {
  if (press.editable || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'n' || press.key === 'ArrowRight') return 'next';
  if (press.key === 'b' || press.key === 'ArrowLeft') return 'back';
  return null;
}
