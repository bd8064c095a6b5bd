import { app, BrowserWindow, session, shell, type Session, type WebContents } from 'electron';
import { safeExternalUrl } from '../shared/external-url';
import { log } from './app/log';

/**
 * App-wide rules, installed once when the app is ready and before any window exists: every web
 * contents the app ever creates (the dashboard, DevTools, anything a later change adds) gets
 * `guardWebContents`, and no session grants a permission or reports one as granted.
 */
export function secureAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents);
    denyAllPermissions(contents.session);
  });
  denyAllPermissions(session.defaultSession);
}

const guarded = new WeakSet<WebContents>();

/**
 * No navigation away from what the app loaded, no <webview>, no new windows; http(s) links go to
 * the system browser instead. Applying it twice to the same contents changes nothing.
 */
export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const safe = safeExternalUrl(url);
    if (safe) {
      shell.openExternal(safe.toString()).catch((error: unknown) => log(`could not open ${safe.toString()}: ${String(error)}`));
    }
    return { action: 'deny' };
  });
}

function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

/**
 * The dashboard window: isolated, sandboxed, no Node in the page, no navigation away from the
 * app, and links to web pages handed to the system browser. It guards itself too, so it stays
 * safe even where `secureAllWebContents` was not installed.
 */
export function createMainWindow(options: { preloadPath: string; iconPath: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'On-Call Companion',
    backgroundColor: '#0d1117',
    icon: options.iconPath,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  guardWebContents(window.webContents);
  denyAllPermissions(window.webContents.session);
  window.once('ready-to-show', () => window.show());
  return window;
}
