import type { Connectivity, SourceHealth } from '../../shared/model';

/**
 * Online, degraded or offline, from the sources' health and whether the machine has a network.
 * Offline when there is no network or when no source (of at least one) answered its last poll.
 * Sources that have not been polled yet count as neither up nor down.
 */
export function assessConnectivity(sources: readonly SourceHealth[], network: boolean): Omit<Connectivity, 'since'> {
  if (!network) return { state: 'offline', network, reason: 'no network: this machine has no network connection' };
  const polled = sources.filter((source) => source.status !== 'pending');
  const down = polled.filter((source) => source.status === 'down');
  if (polled.length === 0 || down.length === 0) return { state: 'online', network, reason: null };
  const list = down.map((source) => `${source.name}: ${source.lastError ?? 'unreachable'}`).join('; ');
  if (down.length === polled.length) return { state: 'offline', network, reason: `no source reachable (${list})` };
  return { state: 'degraded', network, reason: `${down.length} of ${polled.length} sources unreachable (${list})` };
}

/** Keeps `since` when only the wording changes, so "offline for 12 min" counts from the real start. */
export function nextConnectivity(previous: Connectivity, next: Omit<Connectivity, 'since'>, now: Date): Connectivity {
  if (previous.state === next.state && previous.network === next.network) return { ...next, since: previous.since };
  return { ...next, since: now.toISOString() };
}

/** The current verdict, re-assessed when the sources' health or the network changes; calls `onChange` only on a real change. */
export class ConnectivityTracker {
  private network = true;
  private state: Connectivity;

  constructor(
    private readonly onChange: (connectivity: Connectivity) => void,
    private readonly now: () => number,
  ) {
    this.state = { ...assessConnectivity([], true), since: new Date(now()).toISOString() };
  }

  get current(): Connectivity {
    return this.state;
  }

  setNetwork(up: boolean, sources: readonly SourceHealth[]): void {
    this.network = up;
    this.update(sources);
  }

  update(sources: readonly SourceHealth[]): void {
    const next = nextConnectivity(this.state, assessConnectivity(sources, this.network), new Date(this.now()));
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.onChange(next);
  }
}
