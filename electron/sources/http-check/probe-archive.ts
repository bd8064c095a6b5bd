import { createHash } from 'node:crypto';
import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { HttpCheckConfig } from '../../config/config-schema';
import { CheckProbeLog, type ProbeReader, type ProbeRetention } from './probe-log';

export const PROBES_FOLDER = 'probes';
const FILE_EXTENSION = '.probes';
const DAY_MS = 86_400_000;
/** Kept at least this long, so an SLO added later has history at once. */
export const MIN_PROBE_AGE_MS = 28 * DAY_MS;
/** The newest probes kept per check never exceed this (~30 MB in memory at ~15 bytes each): 23 days at one probe a second. */
export const MAX_PROBES_PER_CHECK = 2_000_000;
/** Room for probes beyond one per interval (refreshes by hand, a restart's first probe). */
const COUNT_HEADROOM = 1.1;
const MIN_PROBES_PER_CHECK = 10_000;
/** Files of checks no longer configured (or whose endpoint changed) are removed once this old: past the longest SLO window. */
const STALE_FILE_AGE_MS = 91 * DAY_MS;

/**
 * Every http check's probe history, one file per check in `<data>/probes/`. A file is named by
 * the check's name and a hash of its method and URL: a check pointed at another endpoint (same
 * name, new URL) starts a new history, so probes of the old endpoint never count for the new
 * one's SLOs; pointing it back finds the old history again while it lasts. Headers (tokens
 * rotate) and expectations (status, body) are not part of the key.
 */
export class ProbeArchive {
  private readonly logs = new Map<string, CheckProbeLog>();

  constructor(
    private readonly dir: string,
    private readonly onProblem: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The history of this check (read from disk the first time, shared after that). */
  forCheck(config: HttpCheckConfig): CheckProbeLog {
    const endpoint = endpointKey(config);
    const file = path.join(this.dir, probeFileName(config.name, endpoint));
    const retention = retentionFor(config);
    const existing = this.logs.get(file);
    if (existing) {
      existing.setRetention(retention);
      return existing;
    }
    const log = new CheckProbeLog({ file, check: config.name, endpoint, retention, onProblem: this.onProblem, now: this.now });
    this.logs.set(file, log);
    return log;
  }

  /** The history a check's SLOs read (the same as `forCheck`). */
  reader(config: HttpCheckConfig): ProbeReader {
    return this.forCheck(config);
  }

  /** Removes probe files untouched for longer than any SLO window (checks removed or moved elsewhere). */
  async removeStaleFiles(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const removed: string[] = [];
    const open = new Set(this.logs.keys());
    for (const name of names.filter((entry) => entry.endsWith(FILE_EXTENSION))) {
      const file = path.join(this.dir, name);
      if (open.has(file)) continue;
      try {
        if (this.now() - (await stat(file)).mtimeMs < STALE_FILE_AGE_MS) continue;
        await unlink(file);
        removed.push(file);
      } catch {
        // Gone already, or not ours to remove: left as it is.
      }
    }
    return removed;
  }

  /** Writes what every history has waiting. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.logs.values()].map((log) => log.close()));
  }
}

/**
 * Keeps the longest SLO window of the check, and at least 28 days: as many probes as that many
 * intervals hold (with headroom), at most `MAX_PROBES_PER_CHECK`.
 */
export function retentionFor(config: Pick<HttpCheckConfig, 'interval' | 'slo'>): ProbeRetention {
  const maxAgeMs = Math.max(MIN_PROBE_AGE_MS, config.slo?.window ?? 0);
  const needed = Math.ceil((maxAgeMs / config.interval) * COUNT_HEADROOM);
  return { maxAgeMs, maxCount: Math.min(MAX_PROBES_PER_CHECK, Math.max(MIN_PROBES_PER_CHECK, needed)) };
}

/**
 * When the kept probes cannot cover the check's SLO window (a probe every second over 28 days is
 * more than `MAX_PROBES_PER_CHECK`): says how much they cover, so an SLO never passes off a
 * shorter stretch as its window. Null when the window fits.
 */
export function probeHistoryShortfall(config: Pick<HttpCheckConfig, 'interval' | 'slo'>): string | null {
  const window = config.slo?.window;
  if (window === undefined) return null;
  const { maxCount } = retentionFor(config);
  const coveredMs = maxCount * config.interval;
  if (coveredMs >= window) return null;
  const days = Math.floor((coveredMs / DAY_MS) * 10) / 10;
  return `only the last ${maxCount.toLocaleString('en-US')} probes (about ${days} days at one every ${config.interval / 1000} s) are kept, less than the window`;
}

/** What makes two checks the same endpoint: method and URL (12 hex digits of their SHA-256, so no secret in a URL shows in a file name). */
export function endpointKey(config: Pick<HttpCheckConfig, 'method' | 'url'>): string {
  return createHash('sha256').update(`${config.method} ${config.url}`).digest('hex').slice(0, 12);
}

/** `<name>-<endpoint>.probes`, the name reduced to characters safe in a file name on every OS. */
export function probeFileName(check: string, endpoint: string): string {
  const safe = check.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_').slice(0, 80);
  return `${safe}-${endpoint}${FILE_EXTENSION}`;
}
