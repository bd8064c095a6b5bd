import { networkInterfaces } from 'node:os';

type Interfaces = ReturnType<typeof networkInterfaces>;

/** The machine's addresses outside loopback, in a stable order: a change means the network changed. */
export function networkSignature(interfaces: Interfaces): string {
  return Object.entries(interfaces)
    .flatMap(([name, addresses]) => (addresses ?? []).filter((address) => !address.internal).map((address) => `${name}/${address.address}`))
    .sort()
    .join(',');
}

export interface NetworkWatchOptions {
  /** Called with whether any non-loopback interface is up, whenever the set of addresses changes. */
  onChange: (up: boolean) => void;
  intervalMs?: number;
  read?: () => Interfaces;
}

/**
 * Watches the machine's own network interfaces (a local system call, no traffic): Wi-Fi joined,
 * VPN up or down, cable pulled. Sources are polled at once after a change instead of waiting
 * out their interval or their backoff.
 */
export class NetworkWatch {
  private readonly timer: NodeJS.Timeout;
  private signature: string;

  constructor(private readonly options: NetworkWatchOptions) {
    const read = options.read ?? networkInterfaces;
    this.signature = networkSignature(read());
    this.timer = setInterval(() => this.check(read()), options.intervalMs ?? 3_000);
    this.timer.unref();
  }

  get up(): boolean {
    return this.signature !== '';
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(interfaces: Interfaces): void {
    const next = networkSignature(interfaces);
    if (next === this.signature) return;
    this.signature = next;
    this.options.onChange(this.up);
  }
}
