import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** Permission bits of the written file. Without it an existing file keeps its own; a new one gets 0666 minus the umask. */
  mode?: number;
}

/** The temporary file an atomic write of `file` goes through; a crash can leave it behind, never half of `file`. */
export function tempPathOf(file: string): string {
  return `${file}.tmp`;
}

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old file or the new
 * one: writes `<file>.tmp` in the same folder, fsyncs it, renames it over `file` and fsyncs the
 * folder. On failure the temporary file is removed, `file` is untouched and the error is thrown.
 * A symlinked `file` stays a link: its real file is replaced. An existing file keeps its mode (and
 * its owner when we run as root) unless `options.mode` says otherwise.
 */
export async function writeFileAtomic(file: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  const target = planTarget(file, options);
  const temp = tempPathOf(target.file);
  let created = false;
  try {
    const handle = await open(temp, 'w', target.mode ?? 0o666);
    created = true;
    try {
      await applyOwnership(handle, target);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target.file);
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    throw error;
  }
  fsyncFolder(target.file);
}

/** `writeFileAtomic` for the few callers that must finish before they return (small files only). */
export function writeFileAtomicSync(file: string, data: string, options: AtomicWriteOptions = {}): void {
  const target = planTarget(file, options);
  const temp = tempPathOf(target.file);
  let fd: number | null = null;
  let created = false;
  try {
    fd = openSync(temp, 'w', target.mode ?? 0o666);
    created = true;
    applyOwnershipSync(fd, target);
    // writeSync may write less than asked (a full disk): keep going until everything is down.
    const bytes = Buffer.from(data);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target.file);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    if (created) removeQuietly(temp);
    throw error;
  }
  fsyncFolder(target.file);
}

interface WriteTarget {
  /** The real file to replace (a symlink's target, so the link itself stays). */
  readonly file: string;
  /** Permission bits to set before the first byte is written; undefined: the default of a new file. */
  readonly mode: number | undefined;
  /** The replaced file's owner, kept when we run as root (a root-written config stays the user's). */
  readonly owner: { uid: number; gid: number } | undefined;
}

function planTarget(file: string, options: AtomicWriteOptions): WriteTarget {
  const real = realFileOf(file);
  const existing = statOrUndefined(real);
  const mode = options.mode ?? (existing === undefined ? undefined : existing.mode & 0o7777);
  const runningAsRoot = process.getuid?.() === 0;
  const owner = existing !== undefined && runningAsRoot ? { uid: existing.uid, gid: existing.gid } : undefined;
  return { file: real, mode, owner };
}

/** Follows symlinks to the file they name, also when that file does not exist yet (a dangling link). */
function realFileOf(file: string): string {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops += 1) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return current;
    }
    if (!isLink) return current;
    try {
      return realpathSync(current);
    } catch {
      current = path.resolve(path.dirname(current), readlinkSync(current));
    }
  }
  throw new Error(`${file}: too many levels of symbolic links`);
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

// The mode is set on the temporary file before the first byte (the umask must not widen or narrow
// it, and a stale temporary file keeps its old mode on open): a file of secrets is never readable by others.
async function applyOwnership(handle: FileHandle, target: WriteTarget): Promise<void> {
  if (target.mode !== undefined) await handle.chmod(target.mode);
  if (target.owner !== undefined) await handle.chown(target.owner.uid, target.owner.gid).catch(ignorePermissionDenied);
}

function applyOwnershipSync(fd: number, target: WriteTarget): void {
  if (target.mode !== undefined) fchmodSync(fd, target.mode);
  if (target.owner === undefined) return;
  try {
    fchownSync(fd, target.owner.uid, target.owner.gid);
  } catch (error) {
    ignorePermissionDenied(error);
  }
}

function ignorePermissionDenied(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
}

/** Makes a created or renamed file's folder entry durable. Not supported on Windows, where it is skipped. */
export function fsyncFolder(file: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path.dirname(file), 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be opened or fsynced on some platforms; the rename itself is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Nothing to clean up.
  }
}
