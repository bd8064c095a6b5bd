import { describe, expect, it } from 'vitest';
import { readAccessToken } from '../../renderer/src/api/access-token';
import { reconnectDelay } from '../../renderer/src/api/backoff';
import { displayState } from '../../renderer/src/lib/alert-state';
import { alertOptionId } from '../../renderer/src/lib/dom-id';
import { groupByOptions } from '../../renderer/src/lib/group-by-options';
import { memoizeLast } from '../../renderer/src/lib/memoize-last';
import { pausedUntil } from '../../renderer/src/lib/notification-pause';
import { countFiringBySeverity } from '../../renderer/src/lib/severity-counts';
import { lastSuccessText } from '../../renderer/src/lib/source-health-text';
import { safeExternalUrl } from '../../shared/external-url';
import { makeAlert } from '../helpers/alerts';

describe('safeExternalUrl (shared by renderer and main process)', () => {
  const toExternalHttpUrl = (value: string) => safeExternalUrl(value)?.href ?? null;
  it.each([
    ['https://runbooks.example.com/disk', 'https://runbooks.example.com/disk'],
    ['http://prometheus:9090/graph?g0.expr=up', 'http://prometheus:9090/graph?g0.expr=up'],
    ['HTTPS://Example.com', 'https://example.com/'],
  ])('accepts %s', (value, normalised) => {
    expect(toExternalHttpUrl(value)).toBe(normalised);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi', '/relative/path', 'not a url', 'ftp://example.com', ''])(
    'refuses %s',
    (value) => {
      expect(toExternalHttpUrl(value)).toBeNull();
    },
  );

  it('judges by the parsed scheme, not by what the text contains', () => {
    expect(toExternalHttpUrl('javascript://https://example.com/%0aalert(1)')).toBeNull();
  });
});

describe('displayState', () => {
  it('tells silenced from inhibited', () => {
    expect(displayState({ state: 'firing', silencedBy: [], inhibitedBy: [] })).toBe('firing');
    expect(displayState({ state: 'pending', silencedBy: [], inhibitedBy: [] })).toBe('pending');
    expect(displayState({ state: 'suppressed', silencedBy: ['s1'], inhibitedBy: ['i1'] })).toBe('silenced');
    expect(displayState({ state: 'suppressed', silencedBy: [], inhibitedBy: ['i1'] })).toBe('inhibited');
    expect(displayState({ state: 'suppressed', silencedBy: [], inhibitedBy: [] })).toBe('silenced');
  });
});

describe('countFiringBySeverity', () => {
  it('counts only firing alerts, at every level', () => {
    const counts = countFiringBySeverity([
      makeAlert({ severity: 'critical' }),
      makeAlert({ severity: 'critical', state: 'pending' }),
      makeAlert({ severity: 'warning', state: 'suppressed', silencedBy: ['s'] }),
      makeAlert({ severity: 'info' }),
    ]);
    expect(counts).toEqual({ critical: 1, warning: 0, info: 1, none: 0 });
  });
});

describe('groupByOptions', () => {
  it('offers the common labels, then every other label seen, then the current choice', () => {
    const alerts = [makeAlert({ labels: { alertname: 'A', team: 'payments', cluster: 'eu-1' } })];
    expect(groupByOptions(alerts, 'alertname')).toEqual(['alertname', 'severity', 'service', 'instance', 'namespace', 'job', 'cluster', 'team']);
    expect(groupByOptions([], 'region').at(-1)).toBe('region');
  });
});

describe('pausedUntil', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  const settings = (until: string | null) => ({ minSeverity: 'warning' as const, onResolve: false, pausedUntil: until, silenceExpiryWarningMs: 600_000 });

  it('is the resume time while paused, null otherwise', () => {
    expect(pausedUntil(settings('2026-11-26T11:00:00Z'), now)?.toISOString()).toBe('2026-11-26T11:00:00.000Z');
    expect(pausedUntil(settings('2026-11-26T09:00:00Z'), now)).toBeNull();
    expect(pausedUntil(settings(null), now)).toBeNull();
    expect(pausedUntil(null, now)).toBeNull();
  });
});

describe('lastSuccessText', () => {
  it('says how long ago the last good poll was, or that there was none', () => {
    const now = Date.parse('2026-11-26T10:00:12Z');
    expect(lastSuccessText({ lastSuccessAt: '2026-11-26T10:00:00Z' }, now)).toBe('last success 12 s ago');
    expect(lastSuccessText({ lastSuccessAt: null }, now)).toBe('no successful poll yet');
  });
});

describe('readAccessToken', () => {
  it('reads the token from the address fragment', () => {
    expect(readAccessToken('#token=abc-123_X')).toBe('abc-123_X');
    expect(readAccessToken('#other=1&token=t')).toBe('t');
    expect(readAccessToken('')).toBeNull();
    expect(readAccessToken('#token=')).toBeNull();
  });
});

describe('reconnectDelay', () => {
  it('grows exponentially up to the cap, jittered between half and all of it', () => {
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(0, () => 1)).toBe(500);
    expect(reconnectDelay(3, () => 1)).toBe(4000);
    expect(reconnectDelay(50, () => 1)).toBe(30_000);
    expect(reconnectDelay(50, () => 0)).toBe(15_000);
  });
});

describe('alertOptionId', () => {
  it('keeps hex fingerprints readable and escapes anything else', () => {
    expect(alertOptionId('bc39e0dc0e2ed163')).toBe('alert-option-bc39e0dc0e2ed163');
    expect(alertOptionId('a b"c')).toMatch(/^alert-option-[A-Za-z0-9_-]+$/);
    expect(alertOptionId('a b')).not.toBe(alertOptionId('a_b'));
  });
});

describe('memoizeLast', () => {
  it('recomputes only when an argument changes identity', () => {
    let calls = 0;
    const double = memoizeLast((list: number[]) => {
      calls++;
      return list.map((n) => n * 2);
    });
    const list = [1, 2];
    expect(double(list)).toBe(double(list));
    expect(calls).toBe(1);
    double([1, 2]);
    expect(calls).toBe(2);
  });
});
