import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RunbookDocument } from '../../shared/runbook';
import { describeFsError, listFiles, watchPaths, type FileSelection } from '../files/watch-paths';
import { MAX_RUNBOOK_BYTES, parseRunbook } from './runbook-parser';

/**
 * The runbooks named in the config (`runbooks:`): folders, read recursively for `*.md` files
 * (hidden folders and `node_modules` skipped), or single files. Paths are relative to `baseDir`
 * (the config file's folder).
 *
 * A runbook's `id` is its path relative to its folder (`database/disk-filling-up.md`, forward
 * slashes); a file named on its own has its file name as id. When two folders hold the same
 * relative path, the later one's id is its `file` instead, so ids stay unique. `file` is the
 * configured path joined with the relative one, as the user would recognise it.
 */

const RUNBOOK_FILES: FileSelection = { include: (name) => /\.md$/i.test(name) && !name.startsWith('.'), recursive: true };

export interface RunbookCatalog {
  documents: RunbookDocument[];
  /** Paths that could not be read, in words. A runbook with a bad front matter is a document with `error` instead. */
  errors: string[];
}

interface CatalogFile {
  id: string;
  file: string;
  absolute: string;
}

export async function loadRunbookCatalog(paths: string[], baseDir: string): Promise<RunbookCatalog> {
  const errors: string[] = [];
  const files: CatalogFile[] = [];
  const seenFiles = new Set<string>();
  const seenIds = new Set<string>();
  const add = (relative: string, file: string, absolute: string): void => {
    // The same file named twice (a folder and a file in it) is read once.
    if (seenFiles.has(absolute)) return;
    seenFiles.add(absolute);
    let id = toForwardSlashes(relative);
    if (seenIds.has(id)) id = toForwardSlashes(file);
    for (let n = 2; seenIds.has(id); n++) id = `${toForwardSlashes(file)}#${n}`;
    seenIds.add(id);
    files.push({ id, file, absolute });
  };

  for (const entry of paths) {
    const absolute = path.resolve(baseDir, entry);
    let stats: Stats;
    try {
      stats = await stat(absolute);
    } catch (error) {
      errors.push(`${entry}: ${describeFsError(error, absolute)}`);
      continue;
    }
    if (!stats.isDirectory()) {
      add(path.basename(absolute), entry, absolute);
      continue;
    }
    let names: string[];
    try {
      names = await listFiles(absolute, RUNBOOK_FILES, (folder, error) => errors.push(`${path.join(entry, folder)}: ${describeFsError(error, path.join(absolute, folder))}`));
    } catch (error) {
      errors.push(`${entry}: ${describeFsError(error, absolute)}`);
      continue;
    }
    for (const name of names) add(name, path.join(entry, name), path.join(absolute, name));
  }

  const documents: RunbookDocument[] = [];
  for (const { id, file, absolute } of files) {
    let text: string;
    try {
      text = await readStart(absolute);
    } catch (error) {
      errors.push(`${file}: ${describeFsError(error, absolute)}`);
      continue;
    }
    documents.push(parseRunbook(text, id, file));
  }
  return { documents, errors };
}

/**
 * Calls `onChange` once things are quiet again when a runbook is edited, added or removed
 * (in any sub-folder), or a named path appears or goes away. Returns the function that stops.
 */
export function watchRunbookCatalog(paths: string[], baseDir: string, onChange: () => void, intervalMs = 1000): () => void {
  return watchPaths(
    paths.map((entry) => path.resolve(baseDir, entry)),
    { ...RUNBOOK_FILES, intervalMs },
    onChange,
  );
}

/**
 * The file's text, or for a file over the size limit just enough of it (one byte over the limit)
 * for the parser to read its front matter and report its size, so a huge file costs no memory.
 */
async function readStart(absolute: string): Promise<string> {
  const handle = await open(absolute, 'r');
  try {
    const { size } = await handle.stat();
    const limit = Math.min(size, MAX_RUNBOOK_BYTES) + 1;
    const buffer = Buffer.alloc(limit);
    let length = 0;
    while (length < limit) {
      const { bytesRead } = await handle.read(buffer, length, limit - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

function toForwardSlashes(file: string): string {
  return file.split(path.sep).join('/');
}
