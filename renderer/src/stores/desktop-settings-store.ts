import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OnCallApi } from '../../../shared/api';
import type { DesktopSettings, DesktopSettingsInput } from '../../../shared/desktop';

export interface DesktopSettingsState {
  /** Null until the first answer. */
  settings: DesktopSettings | null;
  /** A change is on its way; the switches wait for its answer. */
  saving: boolean;
  /** A command that failed (the engine's words); `settings.problem` is what the system refused. */
  error: string | null;
  load(): Promise<void>;
  change(input: DesktopSettingsInput): Promise<void>;
}

export type DesktopSettingsStore = StoreApi<DesktopSettingsState>;

/** The Desktop section's state: what the main process says, only the latest answer kept. */
export function createDesktopSettingsStore(api: Pick<OnCallApi, 'getDesktopSettings' | 'setDesktopSettings'>): DesktopSettingsStore {
  let latest = 0;
  return createStore<DesktopSettingsState>()((set) => {
    const run = async (command: () => Promise<DesktopSettings>, saving: boolean) => {
      const request = ++latest;
      if (saving) set({ saving: true, error: null });
      try {
        const settings = await command();
        if (request === latest) set({ settings, saving: false, error: null });
      } catch (error) {
        if (request === latest) set({ saving: false, error: error instanceof Error ? error.message : String(error) });
      }
    };
    return {
      settings: null,
      saving: false,
      error: null,
      load: () => run(() => api.getDesktopSettings({}), false),
      change: (input) => run(() => api.setDesktopSettings(input), true),
    };
  });
}

/** The section exists only in the desktop app; in a browser (`available: false`) or before the answer it is absent. */
export function showsDesktopSection(state: Pick<DesktopSettingsState, 'settings'>): boolean {
  return state.settings?.available === true;
}
