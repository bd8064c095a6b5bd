import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../persistence/atomic-write';
import { moveAsideSync } from '../../persistence/move-aside';
import { parseProbeFile, probeFileHeader, probeLine, type BadLine } from './probe-file';
import type { ProbeCounts, ProbeResult } from './probe-history';
import { ProbeSeries } from './probe-series';

export interface ProbeRetention {
  /** Probes that started longer ago than this are dropped. */
  maxAgeMs: number;
  /** At most this many probes are kept, the newest. */
  maxCount: number;
}

/** What the SLO side reads: the probes kept, once loaded. */
export interface ProbeReader {
  /** Resolves once the file has been read (at once for a new check). */
  readonly ready: Promise<void>;
  countsBetween(afterMs: number, untilMs: number, latencyThresholdMs?: number): ProbeCounts;
  newestAt(): number | null;
  readonly length: number;
}

export interface ProbeLogOptions {
  file: string;
  check: string;
  /** A hash of the endpoint, written in the header for a person reading the file. */
  endpoint: string;
  retention: ProbeRetention;
  /** Problems with the file in words; "kept it as/in <path>" when data was set aside. */
  onProblem: (message: string) => void;
  now?: () => number;
}

/**
 * One check's probe history, on disk and in memory. Reading starts at once and `record` may be
 * called before it ends. Each probe is appended to the file as it comes (not fsynced: a crash
 * loses the last few probes at most, which the SLO can spare); the file is rewritten atomically
 * with only the probes within the retention once it holds a quarter more lines than that.
 */
export class CheckProbeLog implements ProbeReader {
  readonly ready: Promise<void>;
  private readonly series = new ProbeSeries();
  /** Probes recorded before the file was read: they are newer than anything in it. */
  private early: ProbeResult[] | null = [];
  private pending = '';
  private linesInFile = 0;
  private writing: Promise<void>;
  private closed = false;
  /** The file could not be read or set aside: never written, so nothing in it is lost. */
  private diskOff = false;
  private needsRewrite = false;
  private failing = false;
  private readonly now: () => number;

  constructor(private readonly options: ProbeLogOptions) {
    this.now = options.now ?? Date.now;
    this.ready = this.load();
    this.writing = this.ready;
  }

  get file(): string {
    return this.options.file;
  }

  get length(): number {
    return this.series.length;
  }

  setRetention(retention: ProbeRetention): void {
    this.options.retention = retention;
  }

  record(result: ProbeResult): void {
    if (this.closed) return;
    if (this.early) {
      this.early.push(result);
      return;
    }
    this.keep(result);
    this.pending += probeLine(result);
    this.linesInFile++;
    this.writing = this.writing.then(() => this.flush());
  }

  all(): ProbeResult[] {
    return this.series.all();
  }

  countsBetween(afterMs: number, untilMs: number, latencyThresholdMs?: number): ProbeCounts {
    return this.series.countsBetween(afterMs, untilMs, latencyThresholdMs);
  }

  newestAt(): number | null {
    return this.series.newestAt();
  }

  /** Writes what is waiting; later `record` calls are ignored. */
  async close(): Promise<void> {
    await this.ready;
    this.closed = true;
    await this.writing;
  }

  private keep(result: ProbeResult): void {
    this.series.push(result);
    const { maxAgeMs, maxCount } = this.options.retention;
    this.series.trim(this.now() - maxAgeMs, maxCount);
  }

  private async load(): Promise<void> {
    const { file, onProblem } = this.options;
    let text = '';
    try {
      await mkdir(path.dirname(file), { recursive: true });
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (!isNotFound(error)) {
        // Never write over a file that could not be read: it may hold months of probes.
        onProblem(`probe history ${file} could not be read (${reasonOf(error)}); probes of check "${this.options.check}" are kept in memory only until the app restarts`);
        this.diskOff = true;
      }
    }
    const parsed = parseProbeFile(text);
    this.needsRewrite = text === '';
    if (parsed.kind === 'unusable') {
      this.setAside(parsed.reason);
      this.needsRewrite = true;
    } else {
      for (const result of parsed.results) this.keep(result);
      this.linesInFile = parsed.results.length;
      if (parsed.torn) onProblem(`probe history ${file}: its last line was cut short (the app stopped while writing it); dropped that probe`);
      if (parsed.bad.length > 0) await this.keepBadLines(parsed.bad);
      this.needsRewrite ||= parsed.torn || parsed.unterminated || parsed.bad.length > 0;
    }
    const early = this.early ?? [];
    this.early = null;
    for (const result of early) this.keep(result);
    this.pending += early.map(probeLine).join('');
    this.linesInFile += early.length;
    await this.flush();
  }

  /** A file that is not a probe history this app reads is moved aside whole, never deleted. */
  private setAside(reason: string): void {
    const { file, onProblem } = this.options;
    try {
      const aside = moveAsideSync(file);
      onProblem(`probe history ${file} cannot be used (${reason}); kept it as ${aside} and started a new history for check "${this.options.check}"`);
    } catch (error) {
      onProblem(`probe history ${file} cannot be used (${reason}) and could not be set aside: ${reasonOf(error)}; probes are kept in memory only`);
      this.diskOff = true;
    }
  }

  private async keepBadLines(bad: BadLine[]): Promise<void> {
    const { file, onProblem } = this.options;
    const rejected = `${file}.rejected`;
    const at = new Date(this.now()).toISOString();
    const first = bad[0]!;
    try {
      await appendFile(rejected, bad.map((line) => `# ${at} ${file} line ${line.number}: ${line.reason}\n${line.text}\n`).join(''));
      onProblem(`probe history ${file}: ${bad.length} damaged line${bad.length === 1 ? '' : 's'} skipped (line ${first.number}: ${first.reason}); kept it in ${rejected}`);
    } catch (error) {
      // The damaged lines stay in the file rather than be lost.
      onProblem(`probe history ${file}: ${bad.length} damaged lines skipped and left in the file, as they could not be kept in ${rejected}: ${reasonOf(error)}`);
      this.diskOff = true;
    }
  }

  /** Appends what is waiting, or rewrites the file when it has grown well past what is kept or an append failed. */
  private async flush(): Promise<void> {
    if (this.diskOff) {
      this.pending = '';
      return;
    }
    if (this.needsRewrite || this.linesInFile > this.series.length * 1.25 + 1_000) return this.rewrite();
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    try {
      await appendFile(this.options.file, text);
      this.writeSucceeded();
    } catch (error) {
      // Part of it may be in the file: the next write replaces the whole file.
      this.needsRewrite = true;
      this.writeFailed(error);
    }
  }

  /** Replaces the file with the header and the probes kept, atomically: a crash leaves the old file or the new one. */
  private async rewrite(): Promise<void> {
    const probes = this.series.all();
    this.pending = '';
    try {
      await writeFileAtomic(this.options.file, probeFileHeader(this.options.check, this.options.endpoint) + probes.map(probeLine).join(''));
      this.linesInFile = probes.length;
      this.needsRewrite = false;
      this.writeSucceeded();
    } catch (error) {
      this.needsRewrite = true;
      this.writeFailed(error);
    }
  }

  private writeFailed(error: unknown): void {
    // Said once, not at every probe; the probes stay in memory and count for the SLOs meanwhile.
    if (!this.failing) this.options.onProblem(`probe history ${this.options.file} could not be written (${reasonOf(error)}); probes are kept in memory and written once it can be`);
    this.failing = true;
  }

  private writeSucceeded(): void {
    if (this.failing) this.options.onProblem(`probe history ${this.options.file} is written again`);
    this.failing = false;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
