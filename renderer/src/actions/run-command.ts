import type { UiStore } from '../stores/ui-store';

/** Runs a command for a button press; a failure is shown to the user instead of vanishing into a promise. */
export async function runCommand<T>(ui: UiStore, what: string, command: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await command();
    ui.getState().setCommandError(null);
    return result;
  } catch (error) {
    ui.getState().setCommandError(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
