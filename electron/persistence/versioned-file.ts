import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { tempPathOf, writeFileAtomic } from './atomic-write';
import { parseJsonDocument } from './json-document';
import { moveAsideSync } from './move-aside';
import { assertSchemaVersions, describeIssues, isPlainObject, upgrade, type Upgraded } from './schema-versions';

export interface VersionedFileSpec<T> {
  file: string;
  /** The current schema version written to disk. */
  version: number;
  /** Validates the data of the current version. */
  schema: z.ZodType<T>;
  /** migrations[n] turns the data of version n into version n+1. Version 1 is the first; a file without a version field is version 1's data. */
  migrations?: Record<number, (data: unknown) => unknown>;
  defaults: () => T;
}

interface PendingWrite<T> {
  data: T;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

/**
 * One JSON document on disk as `{ "version": N, "savedAt": ISO, "seal": …, "data": … }`, for
 * state that is read once at start and rewritten whole (the per-source cache of last good state).
 * Reading migrates older versions; a file that cannot be used is moved aside, never deleted.
 * Writing is atomic and serialised, and only the latest of several waiting writes reaches the
 * disk. One instance per file: two instances writing the same file are not coordinated.
 *
 * The seal is a SHA-256 of the schema and of the data exactly as written (which was validated
 * then): a file whose seal matches is read without validating it again, which at start saves
 * checking 10,000 cached alerts one by one. Anything else — edited, damaged, written under another
 * schema or by an older version — is validated (and migrated) in full.
 */
export class VersionedFile<T> {
  private next: PendingWrite<T> | null = null;
  private draining: Promise<void> | null = null;
  private schemaText: string | null | undefined;

  constructor(
    private readonly spec: VersionedFileSpec<T>,
    private readonly onProblem: (message: string) => void,
  ) {
    assertSchemaVersions(spec, `versioned file ${spec.file}`);
  }

  /**
   * Reads the file: missing → defaults; not JSON, cut short, empty, binary, of the wrong shape
   * (after migration) or from a newer version → moved aside to `<file>.corrupt-<time>`, defaults,
   * and `onProblem` says what was wrong and where the old file is. Throws (with the path) only
   * when the file cannot be read or moved at all, since defaults would then overwrite it.
   */
  async read(): Promise<T> {
    const { file } = this.spec;
    await this.flush();
    // A temporary file left by a crash before its rename (the real file is still the last complete
    // one). Removed synchronously and only while no write of ours is using that path.
    if (this.draining === null) removeQuietly(tempPathOf(file));
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.spec.defaults();
      throw new Error(`${file} could not be read: ${reasonOf(error)}`, { cause: error });
    }
    const read = this.decode(bytes);
    if (read.ok) return read.data;
    const aside = moveAsideSync(file);
    this.onProblem(`${file} ${read.reason}; kept it as ${aside} and started with defaults`);
    return this.spec.defaults();
  }

  /**
   * Validates and writes atomically (temporary file in the same folder, fsync, rename, fsync of
   * the folder). Writes are serialised; when several wait, only the latest is written and all of
   * their promises settle with it. Rejects (old file unchanged) when the data is invalid or the
   * write fails. `data` is serialised when its write starts: do not change it until then.
   */
  write(data: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.next) {
        this.next.data = data;
        this.next.waiters.push({ resolve, reject });
      } else {
        this.next = { data, waiters: [{ resolve, reject }] };
      }
      this.draining ??= this.drain();
    });
  }

  /** Waits for pending writes (never rejects: their failures go to the `write` promises). */
  flush(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private decode(bytes: Buffer): Upgraded<T> {
    const sealed = this.unseal(bytes);
    if (sealed !== undefined) return { ok: true, data: sealed, fromVersion: this.spec.version };
    const parsed = parseJsonDocument(bytes);
    if (!parsed.ok) return parsed;
    const document = parsed.value;
    if (!isPlainObject(document) || !('version' in document)) return upgrade(this.spec, 1, document);
    if (!('data' in document)) return { ok: false, reason: 'has a version but no "data" field' };
    return upgrade(this.spec, document.version, document.data);
  }

  private async drain(): Promise<void> {
    while (this.next) {
      const batch = this.next;
      this.next = null;
      try {
        await this.writeNow(batch.data);
        for (const waiter of batch.waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of batch.waiters) waiter.reject(error);
      }
    }
    this.draining = null;
  }

  private async writeNow(data: T): Promise<void> {
    const { file, version, schema } = this.spec;
    const checked = schema.safeParse(data);
    if (!checked.success) throw new Error(`refusing to write invalid data to ${file}: ${describeIssues(checked.error)}`);
    const dataText = JSON.stringify(data);
    const seal = this.sealOf(Buffer.from(dataText));
    const text = `{"version":${version},"savedAt":"${new Date().toISOString()}",${seal === undefined ? '' : `"seal":"${seal}",`}"data":${dataText}}`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, text);
    } catch (error) {
      throw new Error(`could not write ${file} (the old file is unchanged): ${reasonOf(error)}`, { cause: error });
    }
  }

  /** The data of a file sealed by this schema and version, as it was written; undefined when it needs the full check. */
  private unseal(bytes: Buffer): T | undefined {
    const head = SEALED_HEAD.exec(bytes.subarray(0, 160).toString('latin1'));
    if (!head || Number(head[1]) !== this.spec.version || bytes.at(-1) !== CLOSING_BRACE) return undefined;
    const dataBytes = bytes.subarray(head[0].length, bytes.length - 1);
    if (this.sealOf(dataBytes) !== head[2]) return undefined;
    try {
      return JSON.parse(dataBytes.toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  private sealOf(dataBytes: Buffer): string | undefined {
    const schema = this.describeSchema();
    return schema === null ? undefined : createHash('sha256').update(schema).update('\n').update(dataBytes).digest('base64');
  }

  /** The version and the schema's definition, so that a changed schema breaks the seal; null: not sealed. */
  private describeSchema(): string | null {
    if (this.schemaText === undefined) {
      try {
        this.schemaText = `${this.spec.version}:${describeDefinition(this.spec.schema)}`;
      } catch {
        this.schemaText = null;
      }
    }
    return this.schemaText;
  }
}

/**
 * A zod schema's definition as text: every nested schema's type, keys, options, checks and
 * defaults (functions — refinements, transforms — only as "fn"). z.toJSONSchema said as much
 * but took ~40 ms of every start for the state cache's schema; this takes about one.
 */
function describeDefinition(schema: z.ZodType): string {
  return JSON.stringify(schema.def, (_key, value: unknown) => {
    if (typeof value === 'function') return 'fn';
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'object' && value !== null && '_zod' in value) return (value as z.ZodType).def;
    return value;
  });
}

const SEALED_HEAD = /^\{"version":(\d+),"savedAt":"[^"]*","seal":"([A-Za-z0-9+/]{43}=)","data":/;
const CLOSING_BRACE = 0x7d;

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Not a plain file (a folder in its place): the next write reports that.
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
