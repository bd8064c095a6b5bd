import { BrowserWindow, session, shell } from 'electron';
import { safeExternalUrl } from '../shared/external-url';

/**
 * The dashboard window: isolated, sandboxed, no Node in the page, no navigation away from the
 * app, and links to web pages handed to the system browser.
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
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    const safe = safeExternalUrl(url);
    if (safe) void shell.openExternal(safe.toString());
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
