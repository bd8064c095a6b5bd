import { appendFileSync, closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

export interface JsonlJournalOptions {
  /** `compactIfLarge` rewrites the file once it is larger than this and twice its size after the last compaction. Default 1 MB. */
  compactAboveBytes?: number;
}

const DEFAULT_COMPACT_ABOVE_BYTES = 1024 * 1024;

/**
 * A small crash-safe append-only journal: one JSON record per line, each append written and
 * fsynced before it returns (synchronously: records come at human rate). For data that grows,
 * such as incident timelines, where electron-store would rewrite the whole file on each change.
 *
 * Reading is forgiving: a line torn by a crash or a line that is not a valid record is reported
 * through `onProblem` (file and line), kept in `<file>.rejected` and skipped; every other record
 * is kept. `compact` rewrites the file atomically (temporary file, fsync, rename), so a failure
 * midway leaves the old file as it was.
 */
export class JsonlJournal<T> {
  private all: T[];
  private bytes: number;
  private bytesAfterCompaction = 0;
  /** False only while a torn tail could not be cut off: the next append starts a new line first. */
  private endsWithNewline: boolean;

  private constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly onProblem: (message: string) => void,
    private readonly compactAboveBytes: number,
    read: ReadResult<T>,
  ) {
    this.all = read.records;
    this.bytes = read.bytes;
    this.endsWithNewline = read.endsWithNewline;
  }

  /** Opens (creating the folder and an empty file if needed) and reads every valid record. */
  static async open<T>(
    file: string,
    schema: z.ZodType<T>,
    onProblem: (message: string) => void,
    options: JsonlJournalOptions = {},
  ): Promise<JsonlJournal<T>> {
    await mkdir(path.dirname(file), { recursive: true });
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (!isNotFound(error)) throw new Error(`journal ${file} could not be read: ${reasonOf(error)}`, { cause: error });
      try {
        createEmptyFile(file);
      } catch (createError) {
        throw new Error(`journal ${file} could not be created: ${reasonOf(createError)}`, { cause: createError });
      }
    }
    const read = parseJournal(text, file, schema, onProblem);
    const journal = new JsonlJournal(file, schema, onProblem, options.compactAboveBytes ?? DEFAULT_COMPACT_ABOVE_BYTES, read);
    if (read.rejected.length > 0 || !read.endsWithNewline) journal.repair(read.rejected);
    return journal;
  }

  /** Every record in the file, oldest first (including ones a later record supersedes). */
  records(): readonly T[] {
    return this.all;
  }

  /** The file's size in bytes as this journal wrote it. */
  get sizeBytes(): number {
    return this.bytes;
  }

  /** Validates, writes one line and fsyncs it. Throws (and keeps nothing) when the record is invalid or the write fails. */
  append(record: T): void {
    const line = this.serialize(record);
    const text = this.endsWithNewline ? line : `\n${line}`;
    const fd = openSync(this.file, 'a');
    try {
      // writeSync may write less than asked (a full disk): keep going until the whole line is down.
      const bytes = Buffer.from(text);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } catch (error) {
      // Part of the line may be in the file: the next record must start on a line of its own.
      this.endsWithNewline = false;
      throw new Error(`could not write to journal ${this.file}: ${reasonOf(error)}`, { cause: error });
    } finally {
      closeSync(fd);
    }
    this.all.push(record);
    this.bytes += Buffer.byteLength(text);
    this.endsWithNewline = true;
  }

  /**
   * Replaces the whole file with `records` atomically: writes `<file>.tmp`, fsyncs it, renames it
   * over the journal and fsyncs the folder. If anything fails the old file stays intact and this throws.
   */
  compact(records: readonly T[]): void {
    const text = records.map((record) => this.serialize(record)).join('');
    const temp = `${this.file}.tmp`;
    let fd: number | null = null;
    let created = false;
    try {
      fd = openSync(temp, 'w');
      created = true;
      writeSync(fd, text);
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      renameSync(temp, this.file);
    } catch (error) {
      if (fd !== null) closeSync(fd);
      if (created) removeQuietly(temp);
      throw new Error(`could not compact journal ${this.file} (the old file is unchanged): ${reasonOf(error)}`, { cause: error });
    }
    fsyncFolder(this.file);
    this.all = [...records];
    this.bytes = Buffer.byteLength(text);
    this.bytesAfterCompaction = this.bytes;
    this.endsWithNewline = true;
  }

  /**
   * Compacts to `live()` when the file has grown past the threshold (and to twice its size after
   * the last compaction or failed try, so large live data does not rewrite on every append). A
   * failure is reported, not thrown: the journal stays usable. Returns true when it compacted.
   */
  compactIfLarge(live: () => readonly T[]): boolean {
    if (this.bytes <= this.compactAboveBytes || this.bytes <= 2 * this.bytesAfterCompaction) return false;
    const records = live();
    if (records.length >= this.all.length) {
      this.bytesAfterCompaction = this.bytes;
      return false;
    }
    try {
      this.compact(records);
      return true;
    } catch (error) {
      // Try again only once the file has doubled, rather than on every append.
      this.bytesAfterCompaction = this.bytes;
      this.onProblem(reasonOf(error));
      return false;
    }
  }

  private serialize(record: T): string {
    const checked = this.schema.safeParse(record);
    if (!checked.success) throw new Error(`refusing to write an invalid record to ${this.file}: ${describeIssues(checked.error)}`);
    return `${JSON.stringify(record)}\n`;
  }

  /** Keeps the rejected lines in `<file>.rejected`, then rewrites the journal without them. */
  private repair(rejected: RejectedLine[]): void {
    try {
      if (rejected.length > 0) {
        const kept = rejected.map((line) => `# ${new Date().toISOString()} ${this.file} line ${line.number}: ${line.reason}\n${line.text}\n`).join('');
        appendFileSync(`${this.file}.rejected`, kept);
      }
      this.compact(this.all);
    } catch (error) {
      this.onProblem(`could not clean up journal ${this.file}; it stays as it is and is read the same way next time: ${reasonOf(error)}`);
    }
  }
}

interface RejectedLine {
  number: number;
  reason: string;
  text: string;
}

interface ReadResult<T> {
  records: T[];
  rejected: RejectedLine[];
  bytes: number;
  endsWithNewline: boolean;
}

function parseJournal<T>(text: string, file: string, schema: z.ZodType<T>, onProblem: (message: string) => void): ReadResult<T> {
  const lines = text.split('\n');
  // After a final newline split leaves one empty string; anything else there is a line the crash cut short.
  const tail = lines.pop() ?? '';
  const records: T[] = [];
  const rejected: RejectedLine[] = [];
  const take = (raw: string, number: number, torn: boolean): void => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const reason = torn ? 'the last line is incomplete (cut short by a crash or a full disk)' : `not JSON (${reasonOf(error)})`;
      rejected.push({ number, reason, text: line });
      onProblem(`${file} line ${number}: ${reason}; skipped it and kept it in ${file}.rejected`);
      return;
    }
    const checked = schema.safeParse(value);
    if (!checked.success) {
      const reason = `not a valid record (${describeIssues(checked.error)})`;
      rejected.push({ number, reason, text: line });
      onProblem(`${file} line ${number}: ${reason}; skipped it and kept it in ${file}.rejected`);
      return;
    }
    records.push(checked.data);
  };
  lines.forEach((line, index) => take(line, index + 1, false));
  take(tail, lines.length + 1, true);
  return { records, rejected, bytes: Buffer.byteLength(text), endsWithNewline: tail === '' };
}

function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : '';
  return issues.join('; ') + more;
}

function createEmptyFile(file: string): void {
  closeSync(openSync(file, 'a'));
  fsyncFolder(file);
}

/** Makes a created or renamed file's folder entry durable. Not supported on Windows, where it is skipped. */
function fsyncFolder(file: string): void {
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

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
