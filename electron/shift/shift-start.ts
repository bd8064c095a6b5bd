import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { OnCallStatus } from '../../shared/model';
import { writeFileAtomicSync } from '../persistence/atomic-write';

export const SHIFT_FILE_NAME = 'shift.json';

const ShiftStartRecordSchema = z.object({
  v: z.literal(1),
  /** When the user went on call, as this app saw it. */
  since: z.iso.datetime({ offset: true }),
  /** The shift's end when the schedule said so; a record past it belongs to an earlier shift. */
  until: z.iso.datetime({ offset: true }).nullable(),
});

/**
 * When the current shift began, as seen by this app: the moment the on-call state turned to on
 * call (the user's toggle or the schedule). Kept in a small file so a restart at 3 a.m. does not
 * shrink the shift to the default window. Going off call (or from known to unknown) ends it.
 */
export class ShiftStart {
  private record: z.infer<typeof ShiftStartRecordSchema> | null = null;
  private lastState: OnCallStatus['state'] = 'unknown';
  /** Whether any on-call state but unknown was seen in this run (before that, the engine is still finding out). */
  private seenKnown = false;

  constructor(
    private readonly file: string | undefined,
    private readonly now: () => Date,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.record = this.load();
  }

  get since(): Date | null {
    return this.record ? new Date(this.record.since) : null;
  }

  changed(status: OnCallStatus): void {
    const previous = this.lastState;
    const firstWord = !this.seenKnown;
    this.lastState = status.state;
    if (status.state !== 'unknown') this.seenKnown = true;
    if (status.state === 'on-call') {
      // A schedule's first answer after the start says nothing about when the shift began: the default window applies.
      const warmingUp = firstWord && status.basis !== 'manual';
      if (this.record === null && previous !== 'on-call' && !warmingUp) this.save({ v: 1, since: this.now().toISOString(), until: status.until });
      else if (this.record !== null && this.record.until !== status.until) this.save({ ...this.record, until: status.until });
    } else if (status.state === 'off-call' || previous !== 'unknown') {
      if (this.record !== null) this.save(null);
    }
  }

  private load(): z.infer<typeof ShiftStartRecordSchema> | null {
    if (!this.file) return null;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const record = ShiftStartRecordSchema.nullable().parse(JSON.parse(text));
      return record === null || (record.until !== null && Date.parse(record.until) <= this.now().getTime()) ? null : record;
    } catch (error) {
      this.log(`shift: ${this.file} is not a shift record (${error instanceof Error ? error.message : String(error)}); the shift start is unknown`);
      return null;
    }
  }

  private save(record: z.infer<typeof ShiftStartRecordSchema> | null): void {
    this.record = record;
    if (!this.file) return;
    try {
      writeFileAtomicSync(this.file, `${JSON.stringify(record)}\n`);
    } catch (error) {
      this.log(`shift: could not save the shift start to ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
