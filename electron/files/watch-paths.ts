import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Listing and watching the files named in the config (SLO files, runbooks): each configured path
 * is a file or a folder whose matching files are read, optionally recursively. Shared by the SLO
 * catalog and the runbook catalog so both list, report and notice changes the same way.
 */

export interface FileSelection {
  /** Whether a file name (not a path) is one of ours, e.g. `*.md`. */
  include: (name: string) => boolean;
  /** Descend into sub-folders (skipping dot-folders and `node_modules`). */
  recursive?: boolean;
}

/** Folders never descended into: hidden ones (`.git`, …) and `node_modules`. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/**
 * The matching files under `folder`, as paths relative to it (with the platform's separator),
 * sorted. Symbolic links are followed within `folder` only; a folder reached twice (a link loop) is read once.
 * Throws when `folder` itself cannot be read; an unreadable sub-folder is passed to `onError`
 * (or skipped) and the rest is still listed.
 */
export async function listFiles(folder: string, selection: FileSelection, onError?: (relative: string, error: unknown) => void): Promise<string[]> {
  const files: string[] = [];
  const visited = new Set<string>();
  const pending: string[] = [''];
  const root = await realpath(folder);
  while (pending.length > 0) {
    const relative = pending.pop()!;
    const absolute = path.join(folder, relative);
    let entries: Dirent[];
    try {
      const real = await realpath(absolute);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = await readdir(absolute, { withFileTypes: true });
    } catch (error) {
      if (relative === '') throw error;
      onError?.(relative, error);
      continue;
    }
    for (const entry of entries) {
      const child = relative === '' ? entry.name : path.join(relative, entry.name);
      let isFile = entry.isFile();
      let isFolder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path.join(folder, child));
          const real = await realpath(path.join(folder, child));
          // A runbook repo is untrusted: a link to ~/.aws/credentials must not be read and served.
          if (real !== root && !real.startsWith(root + path.sep)) {
            onError?.(child, new Error(`links to ${real}, outside ${folder}; not read`));
            continue;
          }
          isFile = target.isFile();
          isFolder = target.isDirectory();
        } catch {
          continue; // A dangling link.
        }
      }
      if (isFile && selection.include(entry.name)) files.push(child);
      else if (isFolder && selection.recursive && !isSkippedFolder(entry.name)) pending.push(child);
    }
  }
  return files.sort(compareNames);
}

/** Sorts by path, comparing segment by segment so `a/b.md` comes before `a-b.md`. */
function compareNames(a: string, b: string): number {
  const left = a.split(path.sep);
  const right = b.split(path.sep);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! < right[i]! ? -1 : 1;
  }
  return left.length - right.length;
}

/** A file-system error in words, naming the path the user may need to fix. */
export function describeFsError(error: unknown, absolute: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `not found (looked for ${absolute})`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${absolute})`;
  if (code === 'ENOTDIR') return `not a folder (${absolute})`;
  return `cannot read (${code ?? (error as Error).message})`;
}

/** One file a configured path stands for. */
export interface ConfiguredFile {
  /** Its path inside the configured folder, or its file name when the file is named on its own. */
  relative: string;
  /** As the user would recognise it: the configured path, joined with `relative` for a folder's file. */
  file: string;
  /** The path to open. */
  absolute: string;
}

/**
 * The files `paths` (files or folders, relative to `baseDir`) stand for, in the order named, each
 * folder's files sorted; a file named twice (a folder and a file in it) comes once. A path that
 * cannot be read, or a sub-folder that cannot, is an error in words naming it; the rest still counts.
 */
export async function resolveConfiguredFiles(paths: string[], baseDir: string, selection: FileSelection): Promise<{ files: ConfiguredFile[]; errors: string[] }> {
  const files: ConfiguredFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (relative: string, file: string, absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ relative, file, absolute });
  };
  for (const entry of paths) {
    const absolute = path.resolve(baseDir, entry);
    // `entry` as written; a sub-folder joined to it.
    const fail = (error: unknown, folder?: string): void => {
      const [shown, at] = folder === undefined ? [entry, absolute] : [path.join(entry, folder), path.join(absolute, folder)];
      errors.push(`${shown}: ${describeFsError(error, at)}`);
    };
    let stats: Stats;
    try {
      stats = await stat(absolute);
    } catch (error) {
      fail(error);
      continue;
    }
    if (!stats.isDirectory()) {
      add(path.basename(absolute), entry, absolute);
      continue;
    }
    let names: string[];
    try {
      names = await listFiles(absolute, selection, (folder, error) => fail(error, folder));
    } catch (error) {
      fail(error);
      continue;
    }
    for (const name of names) add(name, path.join(entry, name), path.join(absolute, name));
  }
  return { files, errors };
}

export interface WatchPathsOptions extends FileSelection {
  /** How often to look, and how long things must stay quiet before `onChange` (ms). */
  intervalMs?: number;
}

/**
 * Calls `onChange` when a watched file is edited, added or removed, or a named path appears, goes
 * away or changes kind. `roots` are absolute files or folders (missing ones are watched for).
 *
 * One timer polls: each round lists the roots (as `listFiles` does) and stats every matching
 * file; a round that differs from the last marks a change, which is reported once a following
 * round finds everything quiet, so an editor's save (or a `git pull`) is one `onChange`. Polling
 * survives editors that save by rename, network folders and paths that do not exist yet, and
 * costs one `readdir` per folder and one `stat` per file per round. Rounds never overlap, and the
 * timer does not keep the process alive. Returns the function that stops watching.
 */
export function watchPaths(roots: string[], options: WatchPathsOptions, onChange: () => void): () => void {
  const unique = [...new Set(roots.map((root) => path.resolve(root)))];
  const interval = Math.max(5, options.intervalMs ?? 1000);
  let previous: Map<string, string> | undefined;
  let dirty = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const round = async (): Promise<void> => {
    const current = await snapshot(unique, options);
    if (stopped) return;
    if (previous !== undefined) {
      if (!sameSnapshot(previous, current)) dirty = true;
      else if (dirty) {
        dirty = false;
        onChange();
      }
    }
    previous = current;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      void round()
        .catch(() => undefined)
        .finally(schedule);
    }, interval);
    timer.unref();
  };

  // The first round is the baseline: it runs now, so changes from here on are noticed.
  void round()
    .catch(() => undefined)
    .finally(schedule);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** `watchPaths` for the configured `paths` (files or folders, relative to `baseDir`), as `resolveConfiguredFiles` reads them. */
export function watchConfiguredFiles(paths: string[], baseDir: string, options: WatchPathsOptions, onChange: () => void): () => void {
  return watchPaths(paths.map((entry) => path.resolve(baseDir, entry)), options, onChange);
}

/** What each root and each matching file looks like now: kind, size, modification time, inode. */
async function snapshot(roots: string[], selection: FileSelection): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  for (const root of roots) {
    let stats: Stats;
    try {
      stats = await stat(root);
    } catch (error) {
      state.set(root, `missing ${(error as NodeJS.ErrnoException).code ?? ''}`);
      continue;
    }
    if (!stats.isDirectory()) {
      state.set(root, signature(stats));
      continue;
    }
    state.set(root, 'folder');
    let files: string[];
    try {
      files = await listFiles(root, selection);
    } catch (error) {
      state.set(root, `unreadable folder ${(error as NodeJS.ErrnoException).code ?? ''}`);
      continue;
    }
    for (const file of files) {
      const absolute = path.join(root, file);
      if (state.has(absolute)) continue;
      try {
        state.set(absolute, signature(await stat(absolute)));
      } catch {
        // Gone between the listing and the stat: the next round sees it missing.
      }
    }
  }
  return state;
}

function signature(stats: Stats): string {
  return `${stats.isDirectory() ? 'folder' : 'file'} ${stats.size} ${stats.mtimeMs} ${stats.ino}`;
}

function sameSnapshot(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
