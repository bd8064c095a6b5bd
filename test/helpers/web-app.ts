import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningWebApp {
  /** The URL printed by browser mode, token included. */
  openUrl: string;
  dataDir: string;
  configPath: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts browser mode exactly as `npm run web -- --config PATH` does (the renderer must be built),
 * with its own data folder, and waits for the one line that carries the URL.
 */
export async function startWebApp(configYaml: string, env: NodeJS.ProcessEnv = {}): Promise<RunningWebApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'occ-web-'));
  const configPath = path.join(dir, 'config.yaml');
  const dataDir = path.join(dir, 'data');
  await writeFile(configPath, configYaml);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', '--config', configPath], {
    cwd: ROOT,
    env: { ...process.env, ONCALL_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  return {
    openUrl,
    dataDir,
    configPath,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
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
