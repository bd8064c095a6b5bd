import { networkInterfaces } from 'node:os';
import { networkSignature } from '../../system/network-watch';

/** The request could not leave this machine: no route, no local address. */
const NO_ROUTE = new Set(['ENETUNREACH', 'EADDRNOTAVAIL']);
/** The target's problem on a working network, but what every check says while this machine has none (asleep, Wi-Fi off). */
const FAILS_WHEN_OFFLINE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * Whether a connection failure says more about this machine than about the target: then it is
 * not the check failing (no alert, no notification for every check after a wake) but the
 * source that cannot run, shown in its health while its last alerts stay, stale.
 */
export function failedForWantOfNetwork(code: string | undefined, networkUp: () => boolean): boolean {
  if (code === undefined) return false;
  return NO_ROUTE.has(code) || (FAILS_WHEN_OFFLINE.has(code) && !networkUp());
}

/** Any network interface up besides loopback (a local system call, no traffic). */
export function machineHasNetwork(): boolean {
  return networkSignature(networkInterfaces()) !== '';
}
