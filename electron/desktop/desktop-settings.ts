import { z } from 'zod';
import type { DesktopSettings, DesktopSettingsInput } from '../../shared/desktop';
import type { DesktopControls } from '../bridge/command-handlers';
import type { SettingsStore } from '../persistence/settings-store';

/** Start at login as the platform does it: a login item (macOS, Windows) or an XDG autostart entry (Linux). */
export interface LoginItem {
  /** Whether the system starts the app at login now (the user may have turned it off in the system settings). */
  get(): Promise<boolean> | boolean;
  set(enabled: boolean): Promise<void> | void;
}

/** What `startWebBridge` gives back, as far as these settings need it. */
export interface RunningBridge {
  openUrl: string;
  close(): Promise<void>;
}

export interface DesktopSettingsDeps {
  store: SettingsStore;
  loginItem: LoginItem;
  /** Starts the loopback bridge serving the built renderer (a new token each time). */
  startBridge(): Promise<RunningBridge>;
  log(message: string): void;
}

export interface DesktopSettingsController extends DesktopControls {
  /** Applies the saved choices; call once at launch. Problems are reported, never thrown. */
  start(): Promise<void>;
  /** Closes the bridge if it runs (on quit). */
  stop(): Promise<void>;
}

export const DESKTOP_SETTINGS_KEY = 'desktop';
const StoredSchema = z.object({ startAtLogin: z.boolean().catch(false), browserAccess: z.boolean().catch(false) }).catch({ startAtLogin: false, browserAccess: false });
type Stored = z.infer<typeof StoredSchema>;

/**
 * The desktop app's own settings. A choice is saved only once it took effect, so what the view shows
 * is what the system does; when it fails, `problem` says why. Browser access is off unless turned on,
 * and its token is new every time it starts.
 */
export function createDesktopSettings(deps: DesktopSettingsDeps): DesktopSettingsController {
  const saved: Stored = StoredSchema.parse(deps.store.get(DESKTOP_SETTINGS_KEY) ?? {});
  let bridge: RunningBridge | null = null;
  let problem: string | null = null;
  // Changes run one after another: two quick clicks must not start two bridges.
  let queue: Promise<unknown> = Promise.resolve();

  const save = (patch: Partial<Stored>) => {
    Object.assign(saved, patch);
    deps.store.set(DESKTOP_SETTINGS_KEY, { ...saved });
  };

  const snapshot = (): DesktopSettings => ({
    available: true,
    startAtLogin: saved.startAtLogin,
    browserAccess: bridge !== null,
    browserUrl: bridge?.openUrl ?? null,
    problem,
  });

  async function applyStartAtLogin(enabled: boolean): Promise<string | null> {
    try {
      await deps.loginItem.set(enabled);
      return null;
    } catch (error) {
      return `Start at login could not be turned ${enabled ? 'on' : 'off'}: ${messageOf(error)}`;
    }
  }

  async function applyBrowserAccess(enabled: boolean): Promise<string | null> {
    if (enabled === (bridge !== null)) return null;
    try {
      if (enabled) bridge = await deps.startBridge();
      else {
        const running = bridge!;
        bridge = null;
        await running.close();
      }
      return null;
    } catch (error) {
      return `Browser access could not be turned ${enabled ? 'on' : 'off'}: ${messageOf(error)}`;
    }
  }

  /**
   * At launch, "on" is written again so the entry follows an AppImage or install that moved; but one
   * the user turned off or removed in the system settings stays off, and the app's choice follows.
   * Off is never touched: a login item the user added by hand is theirs.
   */
  async function followSystemStartAtLogin(): Promise<string | null> {
    let enabledInSystem: boolean | null;
    try {
      enabledInSystem = await deps.loginItem.get();
    } catch (error) {
      deps.log(`Start at login: the system setting could not be read, writing it again: ${messageOf(error)}`);
      enabledInSystem = null;
    }
    if (enabledInSystem === false) {
      save({ startAtLogin: false });
      deps.log('Start at login was turned off in the system settings: left off, and the app setting follows');
      return null;
    }
    return applyStartAtLogin(true);
  }

  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    get: snapshot,
    set: (input: DesktopSettingsInput) =>
      run(async () => {
        const problems: string[] = [];
        if (input.startAtLogin !== undefined && input.startAtLogin !== saved.startAtLogin) {
          const failed = await applyStartAtLogin(input.startAtLogin);
          if (failed) problems.push(failed);
          else save({ startAtLogin: input.startAtLogin });
        }
        if (input.browserAccess !== undefined) {
          const failed = await applyBrowserAccess(input.browserAccess);
          if (failed) problems.push(failed);
          else save({ browserAccess: input.browserAccess });
        }
        problem = problems.length ? problems.join('\n') : null;
        if (problem) deps.log(problem);
        return snapshot();
      }),
    start: () =>
      run(async () => {
        const problems: string[] = [];
        if (saved.startAtLogin) problems.push((await followSystemStartAtLogin()) ?? '');
        if (saved.browserAccess) problems.push((await applyBrowserAccess(true)) ?? '');
        problem = problems.filter(Boolean).join('\n') || null;
        if (problem) deps.log(problem);
      }),
    stop: () => run(() => applyBrowserAccess(false).then(() => undefined)),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
