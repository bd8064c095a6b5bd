import { app, dialog, shell, powerMonitor, safeStorage, screen, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import os from 'node:os';
import path from 'node:path';
import { USAGE, parseCliArgs, type CliArgs } from './app/cli-args';
import { log } from './app/log';
import { SECRETS_FILE_NAME, handlerDepsFor, startEngine, type EngineHost } from './app/start-engine';
import { createCommandHandlers } from './bridge/command-handlers';
import { startWebBridge } from './bridge/web-bridge';
import { APP_NAME, resolveConfigLocation, resolveDataDir } from './config/config-location';
import { DEEP_LINK_SCHEME, findDeepLinkArgument, followDeepLink } from './desktop/deep-link';
import { createDesktopSettings, type DesktopSettingsController, type LoginItem } from './desktop/desktop-settings';
import { startsHidden, systemLoginItem } from './desktop/login-item';
import { createWindowStateSaver, placeWindow, readWindowState } from './desktop/window-state';
import { loginCommand, xdgLoginItem } from './desktop/xdg-autostart';
import { registerIpc } from './ipc';
import { createNodeNotifier } from './notifications/desktop-notifier';
import { SETTINGS_FILE_NAME, openSettingsStoreSafely, type SettingsStore } from './persistence/settings-store';
import { SecretStore } from './secrets/secret-store';
import { createTray } from './tray';
import { createMainWindow, registerAppScheme, secureAllWebContents, serveRenderer } from './window';

/** The desktop app: the engine in the main process, the dashboard in a sandboxed window, and a tray icon. */
const resourcesDir = app.isPackaged ? process.resourcesPath : path.resolve(import.meta.dirname, '../../resources');
const preloadPath = path.resolve(import.meta.dirname, '../preload/preload.cjs');
const rendererIndex = path.resolve(import.meta.dirname, '../renderer/index.html');

const WINDOWS_APP_ID = 'dev.oncall-companion.app';

let host: EngineHost | undefined;
let window: BrowserWindow | undefined;
let desktopSettings: DesktopSettingsController | undefined;
let quitting = false;
/** A deep link that arrived before the dashboard was ready (the first launch's argv, macOS open-url). */
let pendingDeepLink: string | undefined;

const args = readArgs();

if (!args) {
  // Usage was printed; exit code set by readArgs.
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setName(APP_NAME);
  if (process.platform === 'win32') app.setAppUserModelId(WINDOWS_APP_ID);
  registerDeepLinks();
  // A second launch focuses the first, and hands over its deep link if it carries one.
  app.on('second-instance', (_event, argv) => {
    const link = findDeepLinkArgument(argv);
    if (link) openDeepLink(link);
    else showWindow();
  });
  // The companion lives in the tray: closing the window does not stop the watch.
  app.on('window-all-closed', () => undefined);
  // macOS: a click on the Dock icon brings the dashboard back.
  app.on('activate', () => showWindow());
  app.on('before-quit', saveThenQuit);
  registerAppScheme();
  void app.whenReady().then(() => start(args)).catch(failToStart);
}

/** Our flags (Electron's own are ignored); `--help` or a bad flag prints the usage and exits. */
function readArgs(): CliArgs | undefined {
  try {
    const parsed = parseCliArgs(process.argv.slice(app.isPackaged ? 1 : 2));
    if (!parsed.help) return parsed;
    process.stdout.write(`${USAGE}\n`);
    app.exit(0);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    app.exit(2);
  }
  return undefined;
}

async function start(args: CliArgs): Promise<void> {
  secureAllWebContents();
  const dataDir = resolveDataDir();
  const settingsProblems: string[] = [];
  const store = openSettingsStoreSafely(
    dataDir,
    () => new ElectronStore<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, cwd: dataDir, clearInvalidConfig: false }),
    (message) => settingsProblems.push(message),
  );
  host = await startEngine({
    storageProblems: settingsProblems,
    // API tokens sealed by the OS keychain where it can (on Linux without a keyring it cannot: the 0600 file alone).
    secrets: new SecretStore(
      path.join(dataDir, SECRETS_FILE_NAME),
      safeStorage.isEncryptionAvailable() ? { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (sealed) => safeStorage.decryptString(sealed) } : undefined,
    ),
    location: resolveConfigLocation(args.config),
    store,
    notifier: createNodeNotifier({
      appName: APP_NAME,
      windowsAppId: WINDOWS_APP_ID,
      iconPath: path.join(resourcesDir, 'icon.png'),
      onError: (message) => log(`notification failed: ${message}`),
    }),
    revealDashboard: () => showWindow(),
    log,
    dataDir,
    resourcesDir: resourcesDir,
  });
  const engine = host.engine;
  const deps = handlerDepsFor(host, async (url) => {
    await shell.openExternal(url.toString()); // eng-disable OPEN_EXTERNAL_JS_CHECK: the URL passed externalUrlToOpen in command-handlers
    return true;
  });
  desktopSettings = createDesktopSettings({
    store,
    loginItem: loginItem(),
    // The page in a browser gets everything but these settings: it cannot turn its own access on or off.
    startBridge: () => startWebBridge({ engine, handlers: createCommandHandlers(engine, deps), rendererDir: path.dirname(rendererIndex), log }),
    log,
  });
  const handlers = createCommandHandlers(engine, { ...deps, desktop: desktopSettings });
  // Launched at login: the tray only, the window opens from it.
  const hidden = startsHidden({ hiddenFlag: args.hidden === true, platform: process.platform, wasOpenedAtLogin: () => app.getLoginItemSettings().wasOpenedAtLogin });
  window = createMainWindow({ preloadPath, iconPath: path.join(resourcesDir, 'icon.png'), packaged: app.isPackaged, hidden });
  rememberWindowState(window, store);
  window.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      window?.hide();
    }
  });
  // Windows logs off or shuts down without a before-quit: save everything while there is time.
  window.on('session-end', () => saveThenQuit());
  registerIpc(handlers, engine, window);
  await window.loadURL(serveRenderer(path.dirname(rendererIndex)));

  engine.on('focusAlert', () => showWindow());
  engine.on('focusRunbook', () => showWindow());
  await desktopSettings.start();
  if (pendingDeepLink) openDeepLink(pendingDeepLink);
  createTray(engine, resourcesDir, {
    openDashboard: () => showWindow(),
    openAlert: (fingerprint) => engine.focusAlert(fingerprint),
    quit: () => app.quit(),
  });
  // Polls during sleep would only fail and open circuits; on wake, everything is polled at once.
  powerMonitor.on('suspend', () => engine.suspend());
  powerMonitor.on('resume', () => engine.resume());
  // Linux and macOS: preventDefault delays the shutdown until the app quits.
  powerMonitor.on('shutdown', saveThenQuit);
}

/**
 * Saves the cache, the history and the outbox before leaving, then quits again once they are
 * written (the second time through, nothing is left to save). Cancels the quit or shutdown it came
 * from, where there is one, until then.
 */
function saveThenQuit(event?: { preventDefault(): void }): void {
  quitting = true;
  if (!host) return;
  event?.preventDefault();
  const stopping = host;
  host = undefined;
  void Promise.allSettled([stopping.stop(), desktopSettings?.stop()]).finally(() => app.quit());
}

/** A launch that fails says why and exits, instead of leaving a process with no window and no tray. */
function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log(`could not start: ${error instanceof Error && error.stack ? error.stack : message}`);
  void host?.stop();
  dialog.showErrorBox(`${APP_NAME} could not start`, message);
  app.exit(1);
}

/** oncall:// links: registered with the OS; on macOS they arrive as open-url, elsewhere on the command line. */
function registerDeepLinks(): void {
  // Unpackaged (`electron .`), the OS must start Electron with the app's folder.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]); // eng-disable PROTOCOL_HANDLER_JS_CHECK: oncall:// links are parsed by electron/desktop/deep-link.ts
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); // eng-disable PROTOCOL_HANDLER_JS_CHECK: oncall:// links are parsed by electron/desktop/deep-link.ts
  pendingDeepLink = findDeepLinkArgument(process.argv);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openDeepLink(url);
  });
}

function openDeepLink(raw: string): void {
  const engine = host?.engine;
  if (!engine || !window) {
    pendingDeepLink = raw;
    return;
  }
  pendingDeepLink = undefined;
  followDeepLink(raw, { focusAlert: (fingerprint) => engine.focusAlert(fingerprint), focusRunbook: (id) => engine.focusRunbook(id), showWindow }, log);
}

/** Login item on macOS and Windows; an XDG autostart entry on Linux, starting the AppImage file when run from one. */
function loginItem(): LoginItem {
  if (process.platform !== 'linux') return systemLoginItem(process.platform, app);
  return xdgLoginItem({
    env: process.env,
    homeDir: os.homedir(),
    appName: APP_NAME,
    command: loginCommand(process.env, process.execPath, app.isPackaged ? [] : [app.getAppPath()]),
    iconPath: path.join(resourcesDir, 'icon.png'),
  });
}

/** Puts the window where it was (on a display that still exists) and saves where it goes. */
function rememberWindowState(target: BrowserWindow, store: SettingsStore): void {
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)];
  const placed = placeWindow(readWindowState(store), displays.map((display) => display.workArea));
  if (placed) {
    target.setBounds(placed.bounds);
    if (placed.maximized) target.maximize();
  }
  const saver = createWindowStateSaver(store, () => (target.isDestroyed() ? null : { bounds: target.getNormalBounds(), maximized: target.isMaximized() }));
  target.on('move', saver.schedule);
  target.on('resize', saver.schedule);
  target.on('maximize', saver.schedule);
  target.on('unmaximize', saver.schedule);
  target.on('close', saver.saveNow);
}

function showWindow(): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
