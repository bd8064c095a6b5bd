import path from 'node:path';
import { z } from 'zod';
import { JsonlJournal } from '../persistence/jsonl-journal';

export const ACKNOWLEDGEMENTS_FILE_NAME = 'acknowledgements.jsonl';

/** One "I'm on it", for one firing episode of an alert (fingerprint + startsAt). */
export interface LocalAcknowledgement {
  fingerprint: string;
  startsAt: string;
  by: string;
  comment: string;
  at: string;
  /** The outbox action that sends it upstream, or null when it stays local. */
  actionId: string | null;
}

/** The journal writes this as each line's `v`, so a later version can migrate old lines. */
const ACKNOWLEDGEMENT_RECORD_VERSION = 1;

const AcknowledgementRecordSchema = z.object({
  fingerprint: z.string().min(1),
  startsAt: z.string(),
  by: z.string(),
  comment: z.string(),
  at: z.string(),
  actionId: z.string().nullable(),
});
type AcknowledgementRecord = z.infer<typeof AcknowledgementRecordSchema>;

/**
 * The acknowledgements given in this app, in `<dir>/acknowledgements.jsonl` (each written and
 * fsynced before `record` returns), so a restart still knows who took which alert.
 */
export class AcknowledgementLog {
  private readonly latest = new Map<string, LocalAcknowledgement>();

  private constructor(
    private readonly journal: JsonlJournal<AcknowledgementRecord>,
    private readonly now: () => Date,
    private readonly log: (message: string) => void,
  ) {
    for (const record of journal.records()) this.remember(record);
  }

  static async open(dir: string, log: (message: string) => void, options: { now?: () => Date } = {}): Promise<AcknowledgementLog> {
    const journal = await JsonlJournal.open(path.join(dir, ACKNOWLEDGEMENTS_FILE_NAME), AcknowledgementRecordSchema, log, { version: ACKNOWLEDGEMENT_RECORD_VERSION });
    return new AcknowledgementLog(journal, options.now ?? (() => new Date()), log);
  }

  /** Durable when it returns; a later acknowledgement of the same episode replaces the earlier one. */
  record(acknowledgement: LocalAcknowledgement): void {
    this.journal.append(acknowledgement);
    this.remember(acknowledgement);
  }

  get(fingerprint: string, startsAt: string): LocalAcknowledgement | undefined {
    const found = this.latest.get(keyOf(fingerprint, startsAt));
    return found && { ...found };
  }

  /** Forgets acknowledgements older than `olderThanMs` whose episode no longer fires; returns how many. */
  prune(stillFiring: (fingerprint: string, startsAt: string) => boolean, olderThanMs: number): number {
    const cutoff = this.now().getTime() - olderThanMs;
    const gone = [...this.latest.entries()].filter(
      ([, ack]) => Date.parse(ack.at) < cutoff && !stillFiring(ack.fingerprint, ack.startsAt),
    );
    if (gone.length === 0) return 0;
    for (const [key] of gone) this.latest.delete(key);
    try {
      this.journal.compact([...this.latest.values()]);
    } catch (error) {
      // They stay in the file and come back at the next start, to be pruned then.
      this.log((error as Error).message);
    }
    return gone.length;
  }

  private remember(acknowledgement: AcknowledgementRecord): void {
    this.latest.set(keyOf(acknowledgement.fingerprint, acknowledgement.startsAt), acknowledgement);
  }
}

function keyOf(fingerprint: string, startsAt: string): string {
  return `${fingerprint}@${startsAt}`;
}
