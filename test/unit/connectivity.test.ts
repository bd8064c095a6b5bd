import { describe, expect, it } from 'vitest';
import type { SourceHealth } from '../../shared/model';
import { assessConnectivity, nextConnectivity } from '../../electron/engine/connectivity';
import { initialHealth } from '../../electron/engine/source-health';

function source(name: string, status: SourceHealth['status'], lastError: string | null = null): SourceHealth {
  return { ...initialHealth(name, 'alertmanager'), status, lastError };
}

describe('connectivity', () => {
  it.each([
    ['no sources yet', [], true, 'online', null],
    ['every source answering', [source('a', 'ok'), source('b', 'degraded')], true, 'online', null],
    ['sources not polled yet count as neither', [source('a', 'pending')], true, 'online', null],
    ['one of two down', [source('a', 'ok'), source('b', 'down', 'connection refused at b:9093')], true, 'degraded', '1 of 2 sources unreachable (b: connection refused at b:9093)'],
    ['every polled source down', [source('a', 'down', 'timeout'), source('b', 'pending')], true, 'offline', 'no source reachable (a: timeout)'],
    ['no network, whatever the sources said last', [source('a', 'ok')], false, 'offline', 'no network: this machine has no network connection'],
  ] as const)('%s', (_case, sources, network, state, reason) => {
    expect(assessConnectivity(sources, network)).toEqual({ state, network, reason });
  });

  it('keeps the start of an outage when only the wording changes, and restarts it on a new state', () => {
    const start = { state: 'offline' as const, network: true, reason: 'no source reachable (a: timeout)', since: '2026-11-26T03:00:00.000Z' };
    const reworded = nextConnectivity(start, { state: 'offline', network: true, reason: 'no source reachable (a: connection refused)' }, new Date('2026-11-26T03:05:00Z'));
    expect(reworded.since).toBe('2026-11-26T03:00:00.000Z');
    expect(reworded.reason).toContain('connection refused');
    const back = nextConnectivity(reworded, { state: 'online', network: true, reason: null }, new Date('2026-11-26T03:07:00Z'));
    expect(back).toEqual({ state: 'online', network: true, reason: null, since: '2026-11-26T03:07:00.000Z' });
  });
});
