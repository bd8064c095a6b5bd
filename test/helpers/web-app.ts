import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningWebApp {
  /** The URL printed by browser mode, token included (a new one after each restart). */
  openUrl: string;
  dataDir: string;
  configPath: string;
  /** What it printed on stdout (logs go to stderr), since the last start. */
  stdout(): string;
  stderr(): string;
  /** Stops the process and starts it again on the same config and data folder, as after a crash or reboot. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface WebProcess {
  child: ChildProcess;
  openUrl: string;
  stdout: string;
  stderr: string;
}

/**
 * Starts browser mode as a user does, `npm run web -- --config PATH --port N` (which builds the
 * renderer and the engine's bundle first, then runs `node out/web/web.js`), with its own data
 * folder, and waits for the one line that carries the URL.
 */
export async function startWebApp(
  configYaml: string,
  options: { port?: number; env?: NodeJS.ProcessEnv; /** More files beside the config, e.g. `slos/api.yaml`. */ files?: Record<string, string> } = {},
): Promise<RunningWebApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'occ-web-'));
  const configPath = path.join(dir, 'config.yaml');
  const dataDir = path.join(dir, 'data');
  await writeFile(configPath, configYaml);
  for (const [name, text] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const portArgs = options.port === undefined ? [] : ['--port', String(options.port)];
  const launch = () => launchWebProcess(['--config', configPath, ...portArgs], { ...process.env, ONCALL_DATA_DIR: dataDir, ...options.env });
  let current = await launch();
  const app: RunningWebApp = {
    openUrl: current.openUrl,
    dataDir,
    configPath,
    stdout: () => current.stdout,
    stderr: () => current.stderr,
    restart: async () => {
      await stopProcess(current.child);
      current = await launch();
      app.openUrl = current.openUrl;
    },
    stop: async () => {
      await stopProcess(current.child);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return app;
}

async function launchWebProcess(args: string[], env: NodeJS.ProcessEnv): Promise<WebProcess> {
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'web', '--', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops the node process npm starts.
    detached: true,
  });
  const state = { child, openUrl: '', stdout: '', stderr: '' };
  child.stderr!.on('data', (chunk: Buffer) => (state.stderr += chunk.toString()));
  state.openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode printed no URL within 60 s:\n${state.stdout}\n${state.stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      state.stdout += chunk.toString();
      const match = /ready: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(state.stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${state.stdout}\n${state.stderr}`)));
  });
  return state;
}

/**
 * SIGTERM to the whole group, then waits until no process of it is left: npm exits at once, while
 * the engine under it still saves its cache, history and outbox (and only then may its folder go).
 */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  const deadline = Date.now() + 15_000;
  while (groupAlive(child.pid!)) {
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

/** Debian's Chromium, headless, with no traffic beyond loopback. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Collects console errors and page errors, so a test can fail on them. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

export interface OpenDashboard {
  app: RunningWebApp;
  browser: Browser;
  page: Page;
  /** Console and page errors seen so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Browser mode on a config (one Alertmanager, or the YAML text given), and a Chromium page on its dashboard. */
export async function openDashboard(
  config: { name: string; url: string; interval: string } | string,
  options: { port?: number; files?: Record<string, string> } = {},
): Promise<OpenDashboard> {
  const yaml =
    typeof config === 'string'
      ? config
      : `sources:\n  - type: alertmanager\n    name: ${config.name}\n    url: ${config.url}\n    interval: ${config.interval}\n`;
  const app = await startWebApp(yaml, options);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors = collectPageErrors(page);
  await page.goto(app.openUrl);
  return {
    app,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await app.stop();
    },
  };
}

/** Serious and critical axe-core violations on the page as it is now, as "rule (impact, n nodes: first targets)". */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: Array<{ target: unknown[] }> };
    // This runs in the page; `globalThis` is its window (this file also compiles without the DOM library).
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes: ${v.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')})`);
  });
}
