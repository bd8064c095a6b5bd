import type { Preferences } from '../../../shared/model';
import type { AppServices } from '../app-services';
import { runCommand } from './run-command';

/** Applies the change at once, then persists it; the engine's answer (or the old value on failure) wins. */
export async function updatePreferences({ api, engine, ui }: AppServices, change: Partial<Preferences>): Promise<void> {
  const before = engine.getState().preferences;
  engine.getState().setPreferences({ ...before, ...change });
  const saved = await runCommand(ui, 'save the preference', () => api.setPreferences(change));
  engine.getState().setPreferences(saved ?? before);
}
