import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, listFiles, watchPaths, type FileSelection } from '../files/watch-paths';
import { readOpenSloObjects, resolveOpenSloObjects, type OpenSloObject, type OpenSloParseResult } from './openslo-parser';

/**
 * The SLO files named in the config (`slos:`): files, or folders whose `*.yaml` / `*.yml` files
 * are read (not recursively, sorted by name). Paths are relative to the config file's folder.
 */

const SLO_FILES: FileSelection = { include: (name) => /\.ya?ml$/i.test(name), recursive: false };

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
        names = await listFiles(absolute, SLO_FILES);
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
 * Calls `onChange` (once things are quiet again, after `intervalMs` or so) when an SLO file is
 * edited, added or removed, or a named path appears or goes away. Polls (see `watchPaths`), which
 * survives editors that save by rename and paths that do not exist yet. Returns the function that
 * stops watching.
 */
export function watchSloCatalog(paths: string[], baseDir: string, onChange: () => void, intervalMs = 1000): () => void {
  return watchPaths(
    paths.map((entry) => path.resolve(baseDir, entry)),
    { ...SLO_FILES, intervalMs },
    onChange,
  );
}
