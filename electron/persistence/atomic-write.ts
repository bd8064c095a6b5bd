import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The temporary file an atomic write of `file` goes through; a crash can leave it behind, never half of `file`. */
export function tempPathOf(file: string): string {
  return `${file}.tmp`;
}

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old file or the new
 * one: writes `<file>.tmp` in the same folder, fsyncs it, renames it over `file` and fsyncs the
 * folder. On failure the temporary file is removed, `file` is untouched and the error is thrown.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const temp = tempPathOf(file);
  let created = false;
  try {
    const handle = await open(temp, 'w');
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    throw error;
  }
  fsyncFolder(file);
}

/** `writeFileAtomic` for the few callers that must finish before they return (small files only). */
export function writeFileAtomicSync(file: string, data: string, options: { mode?: number } = {}): void {
  const temp = tempPathOf(file);
  let fd: number | null = null;
  let created = false;
  try {
    // The mode applies from the first byte: a file of secrets is never readable by others, not even briefly.
    fd = openSync(temp, 'w', options.mode ?? 0o666);
    created = true;
    // writeSync may write less than asked (a full disk): keep going until everything is down.
    const bytes = Buffer.from(data);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    if (created) removeQuietly(temp);
    throw error;
  }
  fsyncFolder(file);
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
