import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningWebApp {
  /** The URL printed by browser mode, token included. */
  openUrl: string;
  dataDir: string;
  configPath: string;
  /** What it printed on stdout (logs go to stderr). */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts browser mode as a user does, `npm run web -- --config PATH --port N` (which builds the
 * renderer first), with its own data folder, and waits for the one line that carries the URL.
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
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'web', '--', '--config', configPath, ...portArgs], {
    cwd: ROOT,
    env: { ...process.env, ONCALL_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops the node process npm starts.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode printed no URL within 60 s:\n${stdout}\n${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ready: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  return {
    openUrl,
    dataDir,
    configPath,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
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
