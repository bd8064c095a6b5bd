import { appendFileSync, closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { fsyncFolder, writeFileAtomicSync } from './atomic-write';
import { moveAsideSync } from './move-aside';
import { assertSchemaVersions, describeIssues, isPlainObject, upgrade, type SchemaVersions } from './schema-versions';

export interface JsonlJournalOptions {
  /** `compactIfLarge` rewrites the file once it is larger than this and twice its size after the last compaction. Default 1 MB. */
  compactAboveBytes?: number;
  /**
   * The current record schema version. When set, every record is written with it as a leading
   * `"v"` field (so records must be objects without a `v` of their own), a record without `v` is
   * version 1, and older records are migrated on read. Without it the journal is unversioned:
   * records are written as they are.
   */
  version?: number;
  /** `migrations[n]` turns a record of version n (without its `v`) into version n + 1. */
  migrations?: Record<number, (record: unknown) => unknown>;
}

const DEFAULT_COMPACT_ABOVE_BYTES = 1024 * 1024;
const VERSION_FIELD = 'v';

/**
 * A small crash-safe append-only journal: one JSON record per line, each append written and
 * fsynced before it returns (synchronously: records come at human rate). For data that grows,
 * such as incident timelines, where electron-store would rewrite the whole file on each change.
 *
 * Reading keeps every valid record. A line torn by a crash, a line that is not a valid record and
 * a record from a newer version are each reported through `onProblem` (file and line), kept in
 * `<file>.rejected` and skipped. A file with content but not one valid record (binary garbage,
 * someone else's file) is moved aside whole, byte for byte, to `<file>.corrupt-<time>`, reported
 * once, and the journal starts empty. An empty file is an empty journal. `compact` rewrites the
 * file atomically (temporary file, fsync, rename), so a failure midway leaves the old file as it was.
 */
export class JsonlJournal<T> {
  private all: T[];
  private bytes: number;
  private bytesAfterCompaction = 0;
  /** False only while a torn tail could not be cut off: the next append starts a new line first. */
  private endsWithNewline: boolean;

  private constructor(
    readonly file: string,
    private readonly versions: SchemaVersions<T> & { versioned: boolean },
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
    const versions = { version: options.version ?? 1, schema, migrations: options.migrations ?? {}, versioned: options.version !== undefined };
    assertSchemaVersions(versions, `journal ${file}`);
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
    let read = parseJournal(text, versions);
    if (read.records.length === 0 && read.rejected.length > 0) {
      read = startAfresh(file, read.rejected, onProblem);
    } else {
      for (const line of read.rejected) onProblem(`${file} line ${line.number}: ${line.reason}; skipped it and kept it in ${file}.rejected`);
    }
    const journal = new JsonlJournal(file, versions, onProblem, options.compactAboveBytes ?? DEFAULT_COMPACT_ABOVE_BYTES, read);
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
    try {
      writeFileAtomicSync(this.file, text);
    } catch (error) {
      throw new Error(`could not compact journal ${this.file} (the old file is unchanged): ${reasonOf(error)}`, { cause: error });
    }
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
    const checked = this.versions.schema.safeParse(record);
    if (!checked.success) throw new Error(`refusing to write an invalid record to ${this.file}: ${describeIssues(checked.error)}`);
    if (!this.versions.versioned) return `${JSON.stringify(record)}\n`;
    if (!isPlainObject(record) || VERSION_FIELD in record) {
      throw new Error(`refusing to write to ${this.file}: a versioned journal's records must be objects without a "${VERSION_FIELD}" field`);
    }
    return `${JSON.stringify({ [VERSION_FIELD]: this.versions.version, ...record })}\n`;
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

function parseJournal<T>(text: string, versions: SchemaVersions<T> & { versioned: boolean }): ReadResult<T> {
  const lines = text.split('\n');
  // After a final newline split leaves one empty string; anything else there is a line the crash cut short.
  const tail = lines.pop() ?? '';
  const records: T[] = [];
  const rejected: RejectedLine[] = [];
  const take = (raw: string, number: number, torn: boolean): void => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const read = readRecord(line, torn, versions);
    if (read.ok) records.push(read.record);
    else rejected.push({ number, reason: read.reason, text: line });
  };
  lines.forEach((line, index) => take(line, index + 1, false));
  take(tail, lines.length + 1, true);
  return { records, rejected, bytes: Buffer.byteLength(text), endsWithNewline: tail === '' };
}

function readRecord<T>(line: string, torn: boolean, versions: SchemaVersions<T> & { versioned: boolean }): { ok: true; record: T } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    if (torn) return { ok: false, reason: 'the last line is incomplete (cut short by a crash or a full disk)' };
    // JSON.parse quotes the text it failed on: keep binary bytes out of the message.
    return { ok: false, reason: `not JSON (${line.includes('\u0000') || line.includes('\uFFFD') ? 'binary data' : reasonOf(error)})` };
  }
  let version: unknown = 1;
  if (versions.versioned && isPlainObject(value) && VERSION_FIELD in value) {
    const { [VERSION_FIELD]: written, ...rest } = value;
    version = written;
    value = rest;
  }
  const upgraded = upgrade(versions, version, value);
  if (upgraded.ok) return { ok: true, record: upgraded.data };
  return { ok: false, reason: upgraded.shapeIssues !== undefined ? `not a valid record (${upgraded.shapeIssues})` : `the record ${upgraded.reason}` };
}

/** A file with no valid record: moved aside whole, reported once, and an empty journal in its place. */
function startAfresh<T>(file: string, rejected: RejectedLine[], onProblem: (message: string) => void): ReadResult<T> {
  const aside = moveAsideSync(file);
  createEmptyFile(file);
  const first = rejected[0]!;
  const more = rejected.length > 1 ? `; ${rejected.length} bad lines in all` : '';
  onProblem(`journal ${file} holds no valid record (line ${first.number}: ${first.reason}${more}); kept it as ${aside} and started with an empty journal`);
  return { records: [], rejected: [], bytes: 0, endsWithNewline: true };
}

function createEmptyFile(file: string): void {
  closeSync(openSync(file, 'a'));
  fsyncFolder(file);
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
