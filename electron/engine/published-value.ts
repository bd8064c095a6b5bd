/** A value the renderer follows: pushed only when its content really changed. */
export class PublishedValue<T> {
  constructor(
    private value: T,
    private readonly publish: (value: T) => void,
  ) {}

  get current(): T {
    return this.value;
  }

  /** Replaces the value; publishes it and answers true only when its content differs. */
  set(next: T): boolean {
    if (JSON.stringify(next) === JSON.stringify(this.value)) return false;
    this.value = next;
    this.publish(next);
    return true;
  }
}
