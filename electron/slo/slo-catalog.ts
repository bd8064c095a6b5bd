import { readdirSync, statSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readOpenSloObjects, resolveOpenSloObjects, type OpenSloObject, type OpenSloParseResult } from './openslo-parser';

/**
 * The SLO files named in the config (`slos:`): files, or folders whose `*.yaml` / `*.yml` files
 * are read (not recursively, sorted by name). Paths are relative to the config file's folder.
 */

const SLO_FILE = /\.ya?ml$/i;

/** One file to read: `file` as the user would recognise it (the config entry, or entry/name), `absolute` to open. */
interface CatalogFile {
  file: string;
  absolute: string;
}

/**
 * Loads every SLO of the catalog. `indicatorRef` may name an SLI from any of the files; SLO names
 * are unique across all of them. A missing path, an unreadable file or a rejected SLO is an error
 * in words; everything else still loads.
 */
export async function loadSloCatalog(paths: string[], baseDir: string): Promise<OpenSloParseResult> {
  const errors: string[] = [];
  const files: CatalogFile[] = [];
  const seen = new Set<string>();
  const add = (file: CatalogFile): void => {
    // The same file named twice (a folder and a file in it) is read once.
    if (seen.has(file.absolute)) return;
    seen.add(file.absolute);
    files.push(file);
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
    if (stats.isDirectory()) {
      let names: string[];
      try {
        names = await listSloFiles(absolute);
      } catch (error) {
        errors.push(`${entry}: ${describeFsError(error, absolute)}`);
        continue;
      }
      for (const name of names) add({ file: path.join(entry, name), absolute: path.join(absolute, name) });
    } else {
      add({ file: entry, absolute });
    }
  }

  const objects: OpenSloObject[] = [];
  for (const { file, absolute } of files) {
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      errors.push(`${file}: ${describeFsError(error, absolute)}`);
      continue;
    }
    const read = readOpenSloObjects(text, file);
    objects.push(...read.objects);
    errors.push(...read.errors);
  }
  const resolved = resolveOpenSloObjects(objects);
  return { definitions: resolved.definitions, errors: [...errors, ...resolved.errors] };
}

/**
 * Calls `onChange` (debounced by `intervalMs`) when an SLO file is edited, added or removed, or a
 * named path appears or goes away. Polls with `fs.watchFile`, which survives editors that save by
 * rename and paths that do not exist yet. Returns the function that stops watching.
 */
export function watchSloCatalog(paths: string[], baseDir: string, onChange: () => void, intervalMs = 1000): () => void {
  const roots = [...new Set(paths.map((entry) => path.resolve(baseDir, entry)))];
  const watched = new Map<string, (current: Stats, previous: Stats) => void>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const changed = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) onChange();
    }, intervalMs);
  };

  /** Watch the named paths and, for each that is a folder, every SLO file in it. */
  const refresh = (): void => {
    const wanted = new Set<string>(roots);
    for (const root of roots) {
      for (const name of listSloFilesSync(root)) wanted.add(path.join(root, name));
    }
    for (const [file, listener] of watched) {
      if (wanted.has(file)) continue;
      unwatchFile(file, listener);
      watched.delete(file);
    }
    for (const file of wanted) {
      if (watched.has(file)) continue;
      const isRoot = roots.includes(file);
      const listener = (current: Stats, previous: Stats): void => {
        if (current.mtimeMs === previous.mtimeMs && current.size === previous.size && current.ino === previous.ino) return;
        // A named path changed: it may have appeared, gone, or (a folder) gained or lost files.
        if (isRoot) refresh();
        changed();
      };
      watchFile(file, { interval: intervalMs, persistent: false }, listener);
      watched.set(file, listener);
    }
  };

  refresh();
  return () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    for (const [file, listener] of watched) unwatchFile(file, listener);
    watched.clear();
  };
}

async function listSloFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((entry) => SLO_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink()))
    .map((entry) => entry.name)
    .sort();
}

/** The SLO files of `folder`, or none when it is not a readable folder. */
function listSloFilesSync(folder: string): string[] {
  try {
    if (!statSync(folder).isDirectory()) return [];
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => SLO_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink()))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

function describeFsError(error: unknown, absolute: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `not found (looked for ${absolute})`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${absolute})`;
  return `cannot read (${code ?? (error as Error).message})`;
}
