import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface WebProcess {
  openUrl: string;
  /** Date.now() just before the process was spawned. */
  spawnedAt: number;
  stop(): Promise<void>;
}

/**
 * Browser mode's engine process (`electron/web.ts` through tsx), without `npm run web`'s renderer
 * build: the renderer must be built already (`npm run build:renderer`). Resolves once it prints its URL.
 */
export async function startWebProcess(options: { configPath: string; dataDir: string }): Promise<WebProcess> {
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/web.ts'), '--config', options.configPath], {
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
