/**
 * A fake `notify-send` that records the exact argv it receives, one JSON array per call, so
 * tests see what the shell handed over after node-notifier quoted the command line.
 *
 * Put `binDir` first on PATH (`process.env.PATH = recorder.pathEnv`) before the first
 * notification: node-notifier looks `notify-send` up once per process. Remove the directory
 * with `dispose()`.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface NotifySendRecorder {
  binDir: string;
  logFile: string;
  /** `binDir` then the current PATH. */
  pathEnv: string;
  /** One argv (without the program name) per call, oldest first. */
  read(): Promise<string[][]>;
  clear(): Promise<void>;
  dispose(): Promise<void>;
}

export async function installRecordingNotifySend(): Promise<NotifySendRecorder> {
  const binDir = await mkdtemp(join(tmpdir(), 'occ-notify-send-'));
  const logFile = join(binDir, 'calls.jsonl');
  const recorderScript = join(binDir, 'record-argv.cjs');
  await writeFile(logFile, '');
  await writeFile(
    recorderScript,
    `require('node:fs').appendFileSync(${JSON.stringify(logFile)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
  );
  // A shell wrapper so the exact Node running the tests records, whatever else is on PATH.
  await writeFile(
    join(binDir, 'notify-send'),
    `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(recorderScript)} "$@"\n`,
  );
  await chmod(join(binDir, 'notify-send'), 0o755);

  return {
    binDir,
    logFile,
    pathEnv: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
    async read() {
      const lines = (await readFile(logFile, 'utf8')).split('\n').filter(Boolean);
      return lines.map((line) => JSON.parse(line) as string[]);
    },
    async clear() {
      await writeFile(logFile, '');
    },
    async dispose() {
      await rm(binDir, { recursive: true, force: true });
    },
  };
}

/** Polls the log until at least `count` calls are recorded; rejects after `timeoutMs`. */
export async function waitForNotifications(
  recorder: Pick<NotifySendRecorder, 'read'>,
  count: number,
  timeoutMs = 5_000,
): Promise<string[][]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const calls = await recorder.read();
    if (calls.length >= count) return calls;
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} notify-send calls within ${timeoutMs} ms, got ${calls.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
