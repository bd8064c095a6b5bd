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
