/**
 * Saved data that could not be used — a damaged file kept aside, records set apart — must reach
 * the user, not only the log: the stores say so with "kept it as <path>" or "kept it in <path>".
 * Messages that come before the engine exists wait for it.
 */
export class StorageProblems {
  private readonly waiting: string[] = [];
  private sink: ((message: string) => void) | undefined;

  constructor(
    private readonly log: (message: string) => void,
    earlier: readonly string[] = [],
  ) {
    this.waiting.push(...earlier);
  }

  /** For a store's `onProblem`: everything is logged; what set data aside is also shown. */
  readonly storeLog = (message: string): void => {
    if (/\bkept it (as|in) /.test(message)) this.report(message);
    else this.log(message);
  };

  /** A problem with saved data, logged and shown. */
  readonly report = (message: string): void => {
    this.log(message);
    if (this.sink) this.sink(message);
    else this.waiting.push(message);
  };

  /** From now on problems go to `sink`; those that came earlier go first. */
  connect(sink: (message: string) => void): void {
    this.sink = sink;
    for (const message of this.waiting.splice(0)) sink(message);
  }
}
