import { existsSync } from 'node:fs';
import path from 'node:path';
import { USAGE, parseCliArgs } from './app/cli-args';
import { log } from './app/log';
import { startEngine } from './app/start-engine';
import { createCommandHandlers } from './bridge/command-handlers';
import { startWebBridge } from './bridge/web-bridge';
import { resolveConfigLocation, resolveDataDir } from './config/config-location';
import { createNodeNotifier } from './notifications/desktop-notifier';
import { createConfSettingsStore } from './persistence/settings-store';

/** Browser mode: the real engine in plain Node, the real renderer served over loopback. */
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
  const rendererDir = path.resolve(import.meta.dirname, '../out/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`The renderer is not built (${rendererDir}/index.html is missing): run "npm run build:renderer" or use "npm run web".\n`);
    process.exit(1);
  }
  const settingsProblems: string[] = [];
  const host = await startEngine({
    location: resolveConfigLocation(args.config),
    store: createConfSettingsStore(resolveDataDir(), (message) => settingsProblems.push(message)),
    storageProblems: settingsProblems,
    notifier: createNodeNotifier({ appName: 'On-Call Companion', onError: (message) => log(`notification failed: ${message}`) }),
    log,
    dataDir: resolveDataDir(),
    resourcesDir: path.resolve(import.meta.dirname, '../resources'),
  });
  const handlers = createCommandHandlers(host.engine, {
    openExternal: () => Promise.resolve(false),
    sloHistory: (id) => host.slos.history(id),
    runbooks: host.runbooks,
    incidents: host.incidents,
    actions: host.actions,
    history: host.history,
    shift: host.shift,
    sourceSettings: host.sourceSettings,
  });
  const bridge = await startWebBridge({ engine: host.engine, handlers, rendererDir, ...(args.port !== undefined ? { port: args.port } : {}) });
  process.stdout.write(`On-Call Companion (browser mode) is ready: ${bridge.openUrl}\n`);

  const shutdown = () => {
    // Everything is saved before the process ends: the cache, the history and the outbox.
    void Promise.allSettled([host.stop(), bridge.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main().catch((error: unknown) => {
  process.stderr.write(`On-Call Companion could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
