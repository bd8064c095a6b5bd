import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export interface TempFolder {
  /** The folder of the running test. */
  readonly dir: string;
  /** Writes `text` to `relative` inside the folder, creating the folders on the way. */
  write(relative: string, text: string): Promise<void>;
}

/** A fresh temporary folder for each test (named `prefix…`), removed after it. Call at the top of a file or `describe`. */
export function useTempFolder(prefix: string): TempFolder {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const folder: TempFolder = {
    get dir(): string {
      if (dir === undefined) throw new Error('the temporary folder exists only while a test runs');
      return dir;
    },
    async write(relative, text) {
      const file = path.join(folder.dir, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    },
  };
  return folder;
}
