import { app, BrowserWindow, nativeTheme, protocol, session, shell, type Session, type WebContents } from 'electron';
import { log } from './app/log';
import { APP_SCHEME, DASHBOARD_URL, appProtocolResponse } from './security/app-protocol';
import { decideNavigation, decideWindowOpen } from './security/navigation-policy';
import { grantPermissionRequest, reportPermissionGranted } from './security/permission-policy';
import { secureWebPreferences } from './security/web-preferences';

/** Must run before the app is ready: `app://` becomes a standard, secure origin of its own. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, corsEnabled: true } }]);
}

/**
 * Serves the built renderer at `app://oncall/` with the CSP and security headers on every
 * response (electron/security/app-protocol.ts decides; this only hands the answer to Electron).
 * Returns the dashboard's URL, the one page IPC trusts.
 */
export function serveRenderer(rendererDir: string): string {
  protocol.handle(APP_SCHEME, (request) => {
    const answer = appProtocolResponse(rendererDir, request.url);
    return new Response(typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
  return DASHBOARD_URL;
}

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
 * Navigation only within the app's own page, no <webview>, no new windows; http(s) links go to
 * the system browser instead (electron/security/navigation-policy.ts decides). Applying it twice
 * to the same contents changes nothing.
 */
export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const onNavigation = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternally) openInBrowser(decision.openExternally);
  };
  contents.on('will-navigate', onNavigation);
  contents.on('will-redirect', onNavigation);
  contents.on('will-frame-navigate', (event) => onNavigation(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) openInBrowser(decision.openExternally);
    return { action: decision.action };
  });
}

function openInBrowser(url: string): void {
  // eng-disable OPEN_EXTERNAL_JS_CHECK: only URLs that passed externalUrlToOpen (http(s), parsed, no credentials) get here
  shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${String(error)}`)); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => callback(grantPermissionRequest(permission)));
  target.setPermissionCheckHandler((_contents, permission) => reportPermissionGranted(permission));
}

/**
 * The dashboard window: isolated, sandboxed, no Node in the page (electron/security/web-preferences.ts),
 * no navigation away from the app, and links to web pages handed to the system browser. It guards
 * itself too, so it stays safe even where `secureAllWebContents` was not installed. It shows itself
 * once ready unless `hidden` (a launch at login: the tray only).
 */
export function createMainWindow(options: { preloadPath: string; iconPath: string; packaged: boolean; hidden?: boolean }): BrowserWindow {
  // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK: set by secureWebPreferences (security-policies.test.ts); middle-click new windows are denied by setWindowOpenHandler
  const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'On-Call Companion',
    // The page's --bg (renderer/src/styles/theme.css) for the system theme, so it does not flash while loading.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0d1117' : '#f5f7fa',
    icon: options.iconPath,
    webPreferences: secureWebPreferences(options.preloadPath, { packaged: options.packaged }),
  });
  guardWebContents(window.webContents);
  denyAllPermissions(window.webContents.session);
  if (!options.hidden) window.once('ready-to-show', () => window.show());
  return window;
}
