import type { LoginItem } from './desktop-settings';
import { HIDDEN_FLAG } from './xdg-autostart';

/** The part of Electron's `app` that login items use (macOS and Windows); plain data, so tests pass a fake. */
export interface LoginItemApp {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

/**
 * Start at login on macOS and Windows. On Windows the login item starts the app with `--hidden`
 * (tray only), and Electron finds the item again only when asked with the same arguments; macOS
 * ignores arguments and tells a login launch by `wasOpenedAtLogin` instead (see `startsHidden`).
 */
export function systemLoginItem(platform: NodeJS.Platform, app: LoginItemApp): LoginItem {
  const args = platform === 'win32' ? { args: [HIDDEN_FLAG] } : {};
  return {
    get: () => app.getLoginItemSettings(args).openAtLogin,
    set: (openAtLogin) => app.setLoginItemSettings({ openAtLogin, ...args }),
  };
}

/**
 * Whether this launch starts in the tray without showing the window: launched at login (`--hidden`
 * from the Linux autostart entry or the Windows login item; macOS's own flag), never otherwise.
 */
export function startsHidden(options: { hiddenFlag: boolean; platform: NodeJS.Platform; wasOpenedAtLogin: () => boolean }): boolean {
  if (options.hiddenFlag) return true;
  return options.platform === 'darwin' && options.wasOpenedAtLogin();
}
