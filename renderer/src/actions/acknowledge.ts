import type { AppServices } from '../app-services';
import { runCommand } from './run-command';

/**
 * "I'm on it". The engine records it at once and pushes the alert with its acknowledgement (and the
 * outbox with the queued upstream ack); the answer's action is shown meanwhile. False on refusal.
 */
export async function acknowledgeAlert({ api, silences, ui }: AppServices, fingerprint: string, comment: string): Promise<boolean> {
  const sentAt = silences.getState().actionSync.eventCount;
  const trimmed = comment.trim();
  const answer = await runCommand(ui, 'acknowledge the alert', () => api.acknowledgeAlert({ fingerprint, ...(trimmed ? { comment: trimmed } : {}) }));
  if (answer?.action) silences.getState().applyActionAnswer(answer.action, sentAt);
  return answer !== undefined;
}

/**
 * Acknowledges the alert, its PagerDuty/Opsgenie incident and the alerts linked to it, in one
 * press; every queued upstream action is shown at once. False on refusal.
 */
export async function acknowledgeEverywhere({ api, silences, ui }: AppServices, fingerprint: string, comment: string): Promise<boolean> {
  const sentAt = silences.getState().actionSync.eventCount;
  const trimmed = comment.trim();
  const answer = await runCommand(ui, 'acknowledge everywhere', () => api.acknowledgeEverywhere({ fingerprint, ...(trimmed ? { comment: trimmed } : {}) }));
  for (const action of answer?.actions ?? []) silences.getState().applyActionAnswer(action, sentAt);
  return answer !== undefined;
}

/** Resolves the PagerDuty incident (closes the Opsgenie alert) through the outbox. False on refusal. */
export async function resolveAlert({ api, silences, ui }: AppServices, fingerprint: string): Promise<boolean> {
  const sentAt = silences.getState().actionSync.eventCount;
  const answer = await runCommand(ui, 'resolve the alert', () => api.resolveAlert({ fingerprint }));
  if (answer) silences.getState().applyActionAnswer(answer, sentAt);
  return answer !== undefined;
}
