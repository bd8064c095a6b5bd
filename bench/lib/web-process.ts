import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface WebProcess {
  openUrl: string;
  /** Date.now() just before the process was spawned. */
  spawnedAt: number;
  stop(): Promise<void>;
}

/** Builds what browser mode runs: the renderer and the engine's bundle (`npm run build:web`). */
export function buildWebMode(): void {
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Browser mode's engine process as `npm run web` runs it after its build: `node out/web/web.js`,
 * the bundle, no TypeScript compiled at start. Build it first (`buildWebMode`). Resolves once it
 * prints its URL.
 */
export async function startWebProcess(options: { configPath: string; dataDir: string; nodeArgs?: string[] }): Promise<WebProcess> {
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(ROOT, 'out/web/web.js'), '--config', options.configPath], {
    cwd: ROOT,
    env: { ...process.env, ONCALL_DATA_DIR: options.dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode printed no URL within 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  return {
    openUrl,
    spawnedAt,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
