import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One running app per data folder: the journals (incidents, runbook progress) have one writer.
 * A second instance — the desktop app and browser mode at once, say — is refused with words;
 * a lock left by a process that died is taken over.
 */
export function acquireDataDirLock(dataDir: string, pid: number = process.pid): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'on-call-companion.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== pid && isAlive(holder)) {
        throw new Error(
          `another On-Call Companion (process ${holder}) is using the data folder ${dataDir}; close it, or give this one its own folder with ONCALL_DATA_DIR`,
          { cause: error },
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
