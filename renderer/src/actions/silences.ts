import type { CreateSilenceInput } from '../../../shared/actions';
import type { Alert } from '../../../shared/model';
import type { AppServices } from '../app-services';
import { emptySilenceDraft, silenceDraftFromAlert, silenceTargets } from '../lib/silence-draft';
import { updatePreferences } from './preferences';
import { runCommand } from './run-command';

/** Opens the "Silence…" form: for an alert (in its detail, matchers from its labels), or from scratch (in the Silences view). */
export function openSilenceForm({ engine, silences }: Pick<AppServices, 'engine' | 'silences'>, alert: Alert | null, now = Date.now()): void {
  const { preferences, sources } = engine.getState();
  const targets = silenceTargets(alert, sources);
  const draft = alert ? silenceDraftFromAlert(alert, preferences.author, targets, now) : emptySilenceDraft(preferences.author, targets, now);
  silences.getState().openForm(draft, alert?.fingerprint ?? null);
}

/**
 * Queues the silence (the engine delivers it when the Alertmanager can be reached) and closes the
 * form; a changed author becomes the default for next time. False when the engine refused.
 */
export async function createSilence(services: AppServices, input: CreateSilenceInput): Promise<boolean> {
  const { api, engine, silences, ui } = services;
  const sentAt = silences.getState().actionSync.eventCount;
  const action = await runCommand(ui, 'create the silence', () => api.createSilence(input));
  if (!action) return false;
  silences.getState().applyActionAnswer(action, sentAt);
  silences.getState().closeForm();
  if (input.createdBy !== engine.getState().preferences.author) await updatePreferences(services, { author: input.createdBy });
  return true;
}

export async function expireSilence({ api, silences, ui }: AppServices, source: string, silenceId: string): Promise<boolean> {
  const sentAt = silences.getState().actionSync.eventCount;
  const action = await runCommand(ui, 'expire the silence', () => api.expireSilence({ source, silenceId }));
  if (action) silences.getState().applyActionAnswer(action, sentAt);
  return action !== undefined;
}

export async function cancelAction({ api, silences, ui }: AppServices, id: string): Promise<boolean> {
  const sentAt = silences.getState().actionSync.eventCount;
  const action = await runCommand(ui, 'cancel the action', () => api.cancelAction({ id }));
  if (action) silences.getState().applyActionAnswer(action, sentAt);
  return action !== undefined;
}
