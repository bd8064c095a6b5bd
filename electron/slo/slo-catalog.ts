import { readFile } from 'node:fs/promises';
import { describeFsError, resolveConfiguredFiles, watchConfiguredFiles, type FileSelection } from '../files/watch-paths';
import { readOpenSloObjects, resolveOpenSloObjects, type OpenSloObject, type OpenSloParseResult } from './openslo-parser';

/**
 * The SLO files named in the config (`slos:`): files, or folders whose `*.yaml` / `*.yml` files
 * are read (not recursively, sorted by name). Paths are relative to the config file's folder.
 */

const SLO_FILES: FileSelection = { include: (name) => /\.ya?ml$/i.test(name), recursive: false };

/**
 * Loads every SLO of the catalog. `indicatorRef` may name an SLI from any of the files; SLO names
 * are unique across all of them. A missing path, an unreadable file or a rejected SLO is an error
 * in words; everything else still loads.
 */
export async function loadSloCatalog(paths: string[], baseDir: string): Promise<OpenSloParseResult> {
  const { files, errors } = await resolveConfiguredFiles(paths, baseDir, SLO_FILES);
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
  return watchConfiguredFiles(paths, baseDir, { ...SLO_FILES, intervalMs }, onChange);
}
