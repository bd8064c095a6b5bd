import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EVENT_NAMES } from '../shared/api';
import { USAGE, parseCliArgs } from './app/cli-args';
import { exitOnSignals } from './app/exit-on-signals';
import { log } from './app/log';
import { favourMemoryOnceStarted } from './app/memory-mode';
import type { EngineHost } from './app/start-engine';
import { createCommandHandlers } from './bridge/command-handlers';
import { startWebBridge } from './bridge/web-bridge';
import { resolveConfigLocation, resolveDataDir } from './config/config-location';
import type { Engine } from './engine/engine';
import { acquireDataDirLock } from './persistence/data-dir-lock';

/**
 * Browser mode: the real engine in plain Node, the real renderer served over loopback. The page is
 * served while the engine still loads and starts (its code, then the cache of thousands of alerts),
 * so the browser loads the renderer meanwhile; its first commands wait until the engine is there.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const root = appRoot(import.meta.dirname);
  const rendererDir = path.join(root, 'out/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`The renderer is not built (${rendererDir}/index.html is missing): run "npm run build:renderer" or use "npm run web".\n`);
    process.exit(1);
  }
  // A second instance is refused before any URL is shown; startEngine takes this lock over (same process).
  acquireDataDirLock(resolveDataDir());
  let startEngineNow = (): void => undefined;
  const starting = new Promise<EngineHost>((resolve) => (startEngineNow = () => resolve(loadAndStartEngine(args.config, root))));
  // `opened: false`: the page opens the link in a new tab itself. start-engine is already loaded by then.
  const handlers = starting.then(async (host) => {
    const { handlerDepsFor } = await import('./app/start-engine');
    return createCommandHandlers(host.engine, handlerDepsFor(host, () => Promise.resolve(false)));
  });
  handlers.catch(() => undefined); // the failure is reported once, below, through `starting`
  // Commands wait in the bridge until the engine has started (the page's first `getSnapshot` comes before, on a cold start).
  const bridge = await startWebBridge({ engine: eventsOnceStarted(starting), handlers, rendererDir, ...(args.port !== undefined ? { port: args.port } : {}) });
  // Everything is saved before the process ends: the cache, the history and the outbox.
  exitOnSignals(() => Promise.allSettled([starting.then((host) => host.stop()), bridge.close()]), log);
  process.stdout.write(`On-Call Companion (browser mode) is ready: ${bridge.openUrl}\n`);
  // Only now the engine's code is loaded (most of the bundle): the browser is opening the page meanwhile.
  startEngineNow();
  await starting;
  favourMemoryOnceStarted();
}

async function loadAndStartEngine(configPath: string | undefined, root: string): Promise<EngineHost> {
  const [{ startEngine }, { createNodeNotifier }, { createConfSettingsStore }] = await Promise.all([
    import('./app/start-engine'),
    import('./notifications/desktop-notifier'),
    import('./persistence/settings-store'),
  ]);
  const settingsProblems: string[] = [];
  return startEngine({
    location: resolveConfigLocation(configPath),
    store: createConfSettingsStore(resolveDataDir(), (message) => settingsProblems.push(message)),
    storageProblems: settingsProblems,
    notifier: createNodeNotifier({ appName: 'On-Call Companion', onError: (message) => log(`notification failed: ${message}`) }),
    log,
    dataDir: resolveDataDir(),
    resourcesDir: path.join(root, 'resources'),
  });
}

/**
 * The engine's events for the bridge, before the engine exists: relayed from it once it started.
 * The bridge only subscribes (`on`/`off`), which this relay does as the engine would.
 */
function eventsOnceStarted(starting: Promise<EngineHost>): Engine {
  const relay = new EventEmitter();
  void starting.then(
    ({ engine }) => {
      for (const event of EVENT_NAMES) engine.on(event, (payload: unknown) => relay.emit(event, payload));
    },
    () => undefined,
  );
  return relay as unknown as Engine;
}

/** The app's folder (the one with package.json): `electron/` under tsx, `out/web/` as the built bundle. */
function appRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`On-Call Companion could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
