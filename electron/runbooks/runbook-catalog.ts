import { open } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, resolveConfiguredFiles, watchConfiguredFiles, type FileSelection } from '../files/watch-paths';
import { readRunbookEntry, type RunbookEntry } from './runbook-entry';
import { MAX_RUNBOOK_BYTES } from './runbook-parser';

/**
 * The runbooks named in the config (`runbooks:`): folders, read recursively for `*.md` files
 * (hidden folders and `node_modules` skipped), or single files. Paths are relative to `baseDir`
 * (the config file's folder).
 *
 * A runbook's `id` is its path relative to its folder (`database/disk-filling-up.md`, forward
 * slashes); a file named on its own has its file name as id. When two folders hold the same
 * relative path, the later one's id is its `file` instead, so ids stay unique. `file` is the
 * configured path joined with the relative one, as the user would recognise it.
 *
 * Each runbook is read as an entry (`runbook-entry.ts`): its summary and search text now, its
 * steps when they are asked for. Files are read a few at a time.
 */

const RUNBOOK_FILES: FileSelection = { include: (name) => /\.md$/i.test(name) && !name.startsWith('.'), recursive: true };

/** How many files are read at once. */
const READ_CONCURRENCY = 8;

export interface RunbookCatalog {
  /** In the order of the configured paths, each folder's files sorted. */
  entries: RunbookEntry[];
  /** Paths that could not be read, in words. A runbook with a bad front matter is a document with `error` instead. */
  errors: string[];
}

export async function loadRunbookCatalog(paths: string[], baseDir: string): Promise<RunbookCatalog> {
  const { files, errors } = await resolveConfiguredFiles(paths, baseDir, RUNBOOK_FILES);
  const seenIds = new Set<string>();
  const ids = files.map(({ relative, file }) => uniqueId(relative, file, seenIds));
  const read: Array<RunbookEntry | string | undefined> = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const at = next++;
      const { file, absolute } = files[at]!;
      let text: string;
      try {
        text = await readStart(absolute);
      } catch (error) {
        read[at] = `${file}: ${describeFsError(error, absolute)}`;
        continue;
      }
      read[at] = readRunbookEntry(text, ids[at]!, file);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  const entries: RunbookEntry[] = [];
  for (const result of read) {
    if (typeof result === 'string') errors.push(result);
    else if (result) entries.push(result);
  }
  return { entries, errors };
}

/**
 * Calls `onChange` once things are quiet again when a runbook is edited, added or removed
 * (in any sub-folder), or a named path appears or goes away. Returns the function that stops.
 */
export function watchRunbookCatalog(paths: string[], baseDir: string, onChange: () => void, intervalMs = 1000): () => void {
  return watchConfiguredFiles(paths, baseDir, { ...RUNBOOK_FILES, intervalMs }, onChange);
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

/** The relative path, or when that is taken the configured one (then with #2, #3, …), as an id; adds it to `taken`. */
function uniqueId(relative: string, file: string, taken: Set<string>): string {
  let id = toForwardSlashes(relative);
  if (taken.has(id)) id = toForwardSlashes(file);
  for (let n = 2; taken.has(id); n++) id = `${toForwardSlashes(file)}#${n}`;
  taken.add(id);
  return id;
}

function toForwardSlashes(file: string): string {
  return file.split(path.sep).join('/');
}
