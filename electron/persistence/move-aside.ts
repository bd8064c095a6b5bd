import { existsSync, renameSync } from 'node:fs';
import { fsyncFolder } from './atomic-write';

/**
 * Renames a file that cannot be used to `<file>.corrupt-<UTC time>` beside it (never deletes it:
 * the bytes stay exactly as they were, for a person to inspect or restore) and returns the new
 * path. Throws with both paths when the rename fails.
 */
export function moveAsideSync(file: string, now: Date = new Date()): string {
  // Colons are not allowed in Windows file names.
  const base = `${file}.corrupt-${now.toISOString().replace(/:/g, '-')}`;
  let aside = base;
  for (let n = 2; existsSync(aside); n++) aside = `${base}-${n}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    throw new Error(`could not move ${file} aside to ${aside}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  fsyncFolder(aside);
  return aside;
}
