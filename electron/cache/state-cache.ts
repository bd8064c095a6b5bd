import path from 'node:path';
import { z } from 'zod';
import { AlertSchema, SourceHealthSchema } from '../../shared/model';
import { SloSchema, type Slo } from '../../shared/slo';
import type { CachedSourceState } from '../engine/engine';
import { SourceSilenceSchema } from '../sources/alertmanager-silences';
import { VersionedFile } from '../persistence/versioned-file';

export const STATE_CACHE_FILE_NAME = 'last-known-state.json';

const CachedSourceSchema = z.object({
  name: z.string(),
  endpoint: z.string(),
  health: SourceHealthSchema,
  alerts: z.array(AlertSchema.omit({ sources: true, stale: true, acknowledgement: true })),
  silences: z.array(SourceSilenceSchema),
  answerDigest: z.string().optional(),
});

const CachedStateSchema = z.object({
  sources: z.array(CachedSourceSchema),
  slos: z.array(SloSchema),
});
export type CachedState = { sources: CachedSourceState[]; slos: Slo[] };

export interface StateCacheOptions {
  dir: string;
  /** What to save: read when a save is due, not on every change. */
  collect: () => CachedState;
  log: (message: string) => void;
  /** Delay after a change of alerts, silences or a source's status. */
  alertsDelayMs?: number;
  /** Delay when only timestamps moved on (a poll that found nothing new). */
  healthDelayMs?: number;
}

/**
 * The last good state of every source (alerts, silences, health) and the last SLO values, saved
 * so that the next start shows them at once, marked stale until the sources answer. Saves are
 * debounced: soon after a real change, rarely when only the "last polled" times moved.
 */
export class StateCache {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Infinity;
  private stopped = false;

  private constructor(
    private readonly file: VersionedFile<CachedState>,
    private readonly options: StateCacheOptions,
  ) {}

  /** Opens the cache and reads what an earlier run saved (nothing when the file is missing or unusable). */
  static async open(options: StateCacheOptions): Promise<{ cache: StateCache; restored: CachedState }> {
    const file = new VersionedFile<CachedState>(
      {
        file: path.join(options.dir, STATE_CACHE_FILE_NAME),
        version: 1,
        schema: CachedStateSchema,
        defaults: () => ({ sources: [], slos: [] }),
      },
      (message) => options.log(`state cache: ${message}`),
    );
    const restored = await file.read();
    return { cache: new StateCache(file, options), restored };
  }

  changed(what: 'alerts' | 'health'): void {
    if (this.stopped) return;
    const delay = what === 'alerts' ? (this.options.alertsDelayMs ?? 2_000) : (this.options.healthDelayMs ?? 60_000);
    const at = Date.now() + delay;
    if (at >= this.dueAt) return;
    this.dueAt = at;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), delay);
    this.timer.unref();
  }

  async save(): Promise<void> {
    clearTimeout(this.timer);
    this.dueAt = Infinity;
    try {
      await this.file.write(this.options.collect());
    } catch (error) {
      this.options.log(`state cache: could not save: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Saves what is there now and stops; later changes are ignored. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.save();
    await this.file.flush();
  }
}
