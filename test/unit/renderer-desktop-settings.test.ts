import { describe, expect, it } from 'vitest';
import type { DesktopSettings, DesktopSettingsInput } from '../../shared/desktop';
import { createDesktopSettingsStore, showsDesktopSection } from '../../renderer/src/stores/desktop-settings-store';
import { resolveTheme, THEME_CHOICES } from '../../renderer/src/lib/theme';

const OFF: DesktopSettings = { available: true, startAtLogin: false, browserAccess: false, browserUrl: null, problem: null };

/** An api whose answers the test releases one by one, in any order. */
function controlledApi(initial: DesktopSettings) {
  let current = initial;
  const pending: Array<{ input: DesktopSettingsInput; resolve: () => void; reject: (error: Error) => void }> = [];
  return {
    pending,
    api: {
      getDesktopSettings: async () => current,
      setDesktopSettings: (input: DesktopSettingsInput) =>
        new Promise<DesktopSettings>((resolve, reject) => {
          pending.push({
            input,
            resolve: () => {
              current = { ...current, ...input, browserUrl: input.browserAccess ? 'http://127.0.0.1:4000/#token=t' : current.browserUrl };
              resolve(current);
            },
            reject,
          });
        }),
    },
  };
}

describe('desktop settings store', () => {
  it('shows the section only when the desktop app answered available', async () => {
    expect(showsDesktopSection({ settings: null })).toBe(false);
    expect(showsDesktopSection({ settings: { ...OFF, available: false } })).toBe(false);
    const store = createDesktopSettingsStore(controlledApi(OFF).api);
    await store.getState().load();
    expect(showsDesktopSection(store.getState())).toBe(true);
  });

  it('is busy while a change is on its way, then shows the answer with the address', async () => {
    const { api, pending } = controlledApi(OFF);
    const store = createDesktopSettingsStore(api);
    await store.getState().load();
    const changing = store.getState().change({ browserAccess: true });
    expect(store.getState().saving).toBe(true);
    pending[0]!.resolve();
    await changing;
    expect(store.getState()).toMatchObject({ saving: false, error: null, settings: { browserAccess: true, browserUrl: 'http://127.0.0.1:4000/#token=t' } });
  });

  it('keeps only the latest answer when two changes cross', async () => {
    const { api, pending } = controlledApi(OFF);
    const store = createDesktopSettingsStore(api);
    const first = store.getState().change({ startAtLogin: true });
    const second = store.getState().change({ startAtLogin: false });
    pending[1]!.resolve();
    await second;
    pending[0]!.resolve();
    await first;
    expect(store.getState().settings?.startAtLogin).toBe(false);
  });

  it('says why a command failed and keeps the last known settings', async () => {
    const { api, pending } = controlledApi(OFF);
    const store = createDesktopSettingsStore(api);
    await store.getState().load();
    const changing = store.getState().change({ startAtLogin: true });
    pending[0]!.reject(new Error('setDesktopSettings: desktop settings (desktop app only) are not available'));
    await changing;
    expect(store.getState()).toMatchObject({ saving: false, settings: OFF, error: expect.stringContaining('desktop app only') });
  });
});

describe('theme', () => {
  it('follows the system when set to system, and otherwise the choice', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
    expect(THEME_CHOICES.map((choice) => choice.label)).toEqual(['System', 'Dark', 'Light']);
  });
});
