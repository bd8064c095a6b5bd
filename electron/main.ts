import { app, dialog, shell, powerMonitor, safeStorage, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { USAGE, parseCliArgs, type CliArgs } from './app/cli-args';
import { log } from './app/log';
import { SECRETS_FILE_NAME, startEngine, type EngineHost } from './app/start-engine';
import { createCommandHandlers } from './bridge/command-handlers';
import { APP_NAME, resolveConfigLocation, resolveDataDir } from './config/config-location';
import { registerIpc } from './ipc';
import { createNodeNotifier } from './notifications/desktop-notifier';
import { SETTINGS_FILE_NAME, openSettingsStoreSafely } from './persistence/settings-store';
import { SecretStore } from './secrets/secret-store';
import { createTray } from './tray';
import { createMainWindow, secureAllWebContents } from './window';

/** The desktop app: the engine in the main process, the dashboard in a sandboxed window, and a tray icon. */
const resourcesDir = app.isPackaged ? process.resourcesPath : path.resolve(import.meta.dirname, '../../resources');
const preloadPath = path.resolve(import.meta.dirname, '../preload/preload.cjs');
const rendererIndex = path.resolve(import.meta.dirname, '../renderer/index.html');

const WINDOWS_APP_ID = 'dev.oncall-companion.app';

let host: EngineHost | undefined;
let window: BrowserWindow | undefined;
let quitting = false;

const args = readArgs();

if (!args) {
  // Usage was printed; exit code set by readArgs.
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setName(APP_NAME);
  if (process.platform === 'win32') app.setAppUserModelId(WINDOWS_APP_ID);
  app.on('second-instance', () => showWindow());
  // The companion lives in the tray: closing the window does not stop the watch.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    quitting = true;
    if (!host) return;
    // Save the cache, the history and the outbox before leaving; quit again once they are written.
    event.preventDefault();
    const stopping = host;
    host = undefined;
    void stopping.stop().finally(() => app.quit());
  });
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
  const handlers = createCommandHandlers(engine, {
    openExternal: async (url) => {
      await shell.openExternal(url.toString());
      return true;
    },
    sloHistory: (id) => host!.slos.history(id),
    runbooks: host.runbooks,
    incidents: host.incidents,
    actions: host.actions,
    history: host.history,
    shift: host.shift,
    sourceSettings: host.sourceSettings,
  });
  window = createMainWindow({ preloadPath, iconPath: path.join(resourcesDir, 'icon.png') });
  window.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      window?.hide();
    }
  });
  registerIpc(handlers, engine, window, pathToFileURL(rendererIndex).toString());
  await window.loadFile(rendererIndex);

  engine.on('focusAlert', () => showWindow());
  createTray(engine, resourcesDir, {
    openDashboard: () => showWindow(),
    openAlert: (fingerprint) => engine.focusAlert(fingerprint),
    quit: () => app.quit(),
  });
  // Polls during sleep would only fail and open circuits; on wake, everything is polled at once.
  powerMonitor.on('suspend', () => engine.suspend());
  powerMonitor.on('resume', () => engine.resume());
}

/** A launch that fails says why and exits, instead of leaving a process with no window and no tray. */
function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log(`could not start: ${error instanceof Error && error.stack ? error.stack : message}`);
  void host?.stop();
  dialog.showErrorBox(`${APP_NAME} could not start`, message);
  app.exit(1);
}

function showWindow(): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
