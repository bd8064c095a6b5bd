import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { NetworkWatch, networkSignature } from '../../electron/system/network-watch';
import { WakeDetector } from '../../electron/system/wake-detector';

const loopback: NetworkInterfaceInfo = { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' };
const wifi = (address: string): NetworkInterfaceInfo => ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: 'aa:bb:cc:dd:ee:ff', internal: false, cidr: `${address}/24` });

afterEach(() => {
  vi.useRealTimers();
});

describe('network watch', () => {
  it('ignores loopback and orders addresses, so the same network gives the same signature', () => {
    expect(networkSignature({ lo: [loopback] })).toBe('');
    expect(networkSignature({ wlan0: [wifi('10.0.0.5')], tun0: [wifi('172.16.0.2')], lo: [loopback] })).toBe(
      networkSignature({ lo: [loopback], tun0: [wifi('172.16.0.2')], wlan0: [wifi('10.0.0.5')] }),
    );
  });

  it('reports a VPN coming up, the network going away and coming back; nothing while unchanged', () => {
    vi.useFakeTimers();
    let interfaces: Record<string, NetworkInterfaceInfo[]> = { lo: [loopback], wlan0: [wifi('10.0.0.5')] };
    const changes: boolean[] = [];
    const watch = new NetworkWatch({ onChange: (up) => changes.push(up), intervalMs: 1_000, read: () => interfaces });
    expect(watch.up).toBe(true);
    vi.advanceTimersByTime(3_000);
    expect(changes).toEqual([]);
    interfaces = { ...interfaces, tun0: [wifi('172.16.0.2')] };
    vi.advanceTimersByTime(1_000);
    interfaces = { lo: [loopback] };
    vi.advanceTimersByTime(1_000);
    expect(watch.up).toBe(false);
    interfaces = { lo: [loopback], wlan0: [wifi('192.168.1.20')] };
    vi.advanceTimersByTime(1_000);
    expect(changes).toEqual([true, false, true]);
    watch.stop();
    interfaces = { lo: [loopback] };
    vi.advanceTimersByTime(5_000);
    expect(changes).toHaveLength(3);
  });
});

describe('wake detector', () => {
  it('reports a tick that comes far later than planned (the process was frozen by sleep), not normal jitter', () => {
    vi.useFakeTimers();
    let clock = 0;
    const wakes: number[] = [];
    const detector = new WakeDetector({ onWake: (slept) => wakes.push(slept), intervalMs: 5_000, toleranceMs: 15_000, now: () => clock });
    for (let i = 0; i < 3; i++) {
      clock += 5_200;
      vi.advanceTimersByTime(5_000);
    }
    expect(wakes).toEqual([]);
    // The laptop lid was closed for ten minutes: the next tick arrives that much later on the wall clock.
    clock += 600_000 + 5_000;
    vi.advanceTimersByTime(5_000);
    expect(wakes).toEqual([600_000]);
    detector.stop();
  });
});
