import { describe, expect, it } from 'vitest';
import { certificateNeedsWarning, describeExpiry, failureAlert } from '../../electron/sources/http-check/check-alerts';
import { redactorFor } from '../../electron/sources/http-check/check-redaction';
import { failedForWantOfNetwork } from '../../electron/sources/http-check/local-network';
import { checkDeadlineMs } from '../../electron/sources/http-check/http-check-source';
import { describeCertificateRejection, describeProbeError, describeTimeout } from '../../electron/sources/http-check/probe-failure-words';
import { ProbeHistory, probeCounts, type ProbeResult } from '../../electron/sources/http-check/probe-history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('ProbeHistory', () => {
  it('keeps the last `limit` results, oldest first, through many additions', () => {
    const history = new ProbeHistory(100);
    for (let i = 0; i < 1234; i++) history.add({ at: i, ok: i % 2 === 0, latencyMs: i, status: 200 });
    const all = history.all();
    expect(all).toHaveLength(100);
    expect(all[0]!.at).toBe(1134);
    expect(all.at(-1)!.at).toBe(1233);
  });

  it('hands out copies that later additions do not change, of frozen results', () => {
    const history = new ProbeHistory(2);
    history.add({ at: 1, ok: true, latencyMs: 1, status: 200 });
    const before = history.all();
    history.add({ at: 2, ok: true, latencyMs: 1, status: 200 });
    expect(before.map((result) => result.at)).toEqual([1]);
    expect(Object.isFrozen(history.all()[0])).toBe(true);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new ProbeHistory(0)).toThrow('probe history limit must be a positive integer, got 0');
  });
});

describe('probeCounts', () => {
  const results: ProbeResult[] = [
    { at: 0, ok: true, latencyMs: 50, status: 200 },
    { at: 10, ok: true, latencyMs: 400, status: 200 },
    { at: 20, ok: false, latencyMs: 5, status: 503 },
    { at: 30, ok: false, latencyMs: 3000, status: null },
    { at: 40, ok: true, latencyMs: 100, status: 200 },
  ];
  it.each([
    ['availability over everything', 0, 50, undefined, { good: 3, total: 5 }],
    ['availability in [10, 40): the end is excluded', 10, 40, undefined, { good: 1, total: 3 }],
    ['latency within 100 ms: a fast failure is not good', 0, 50, 100, { good: 2, total: 5 }],
    ['an empty range', 100, 200, undefined, { good: 0, total: 0 }],
  ])('%s', (_name, from, to, threshold, expected) => {
    expect(probeCounts(results, from, to, threshold)).toEqual(expected);
  });
});

describe('redactorFor', () => {
  it('masks header values, their token part, the URL password and secret-looking query values', () => {
    const url = new URL('https://probe:p%40ss-word@shop.example/health?api_key=abc123&region=eu&token=t0k3n');
    const redactor = redactorFor(url, { Authorization: 'Bearer s3cr3t', 'X-Api-Key': 'key-42', Accept: 'application/json' });
    expect(redactor.displayUrl).toBe('https://shop.example/health?api_key=***&region=eu&token=***');
    expect(redactor.redact('got Bearer s3cr3t; echo s3cr3t, key-42, p@ss-word, p%40ss-word, abc123, t0k3n, application/json')).toBe(
      'got ***; echo ***, ***, ***, ***, ***, ***, application/json',
    );
  });

  it('leaves short values alone, so ordinary words in bodies stay readable', () => {
    expect(redactorFor(new URL('http://h/'), { 'X-Env': 'ok' }).redact('all ok')).toBe('all ok');
  });
});

describe('certificate expiry in words', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it.each([
    [5 * DAY - 1000, 'expires in 4 days'],
    [5 * DAY, 'expires in 5 days'],
    [DAY + HOUR, 'expires in 1 day'],
    [7 * HOUR + 1, 'expires in 7 hours'],
    [10_000, 'expires in 1 hour'],
    [-3 * HOUR, 'expired 3 hours ago'],
    [-2 * DAY - HOUR, 'expired 2 days ago'],
  ])('%d ms left: %s', (left, words) => {
    expect(describeExpiry(now + left, now)).toBe(words);
  });

  it.each([
    [14 * DAY, 14, true],
    [14 * DAY + 1, 14, false],
    [-DAY, 0, true],
    [DAY, 0, false],
  ])('%d ms left, warning at %d days: %s', (left, days, warns) => {
    expect(certificateNeedsWarning({ validTo: now + left, subject: '', issuer: '' }, now, days)).toBe(warns);
  });
});

describe('failure words', () => {
  it.each([
    ['connecting', { code: 'ECONNREFUSED' }, 'could not connect to h:1: connection refused'],
    ['connecting', { code: 'ENOTFOUND' }, 'could not connect to h:1: host name not found (DNS)'],
    ['tls', { code: 'ECONNRESET' }, 'TLS handshake with h:1 failed: connection closed by the server'],
    ['tls', Object.assign(new Error('error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure'), { code: 'ERR_SSL_X' }), 'TLS handshake with h:1 failed: sslv3 alert handshake failure'],
    ['waiting', { code: 'ECONNRESET' }, 'h:1 closed the connection without answering'],
    ['waiting', Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT' }), 'h:1 answered with something that is not HTTP (Parse Error: Expected HTTP/)'],
    ['reading', { code: 'ECONNRESET' }, 'the answer from h:1 was cut off after 42 bytes of body (connection closed)'],
  ] as const)('%s %j', (phase, error, words) => {
    expect(describeProbeError(phase, error, 'h:1', 42)).toBe(words);
  });

  it('names timeouts by the step that did not finish', () => {
    expect(describeTimeout('connecting', '3', 'h:1', 0)).toBe('could not connect to h:1 within 3 s');
    expect(describeTimeout('reading', '9.8', 'h:1', 512)).toBe('the answer from h:1 was not complete within 9.8 s (512 bytes of body read)');
  });

  it('names refused certificates', () => {
    expect(describeCertificateRejection('CERT_HAS_EXPIRED', 'h')).toBe('TLS: certificate has expired');
    expect(describeCertificateRejection('ERR_TLS_CERT_ALTNAME_INVALID', 'shop.example')).toBe('TLS: certificate is not valid for this host name (shop.example)');
    expect(describeCertificateRejection('SOMETHING_NEW', 'h')).toBe('TLS: certificate rejected (SOMETHING_NEW)');
  });
});

describe('the check deadline', () => {
  it.each([
    [10_000, 9_750],
    [2_000, 1_800],
    [100, 90],
  ])('a %d ms poller timeout leaves the check %d ms', (timeout, deadline) => {
    expect(checkDeadlineMs(timeout)).toBe(deadline);
  });
});

describe('failureAlert', () => {
  it('keeps the labels stable across polls while the text carries the latest latency', () => {
    const check = { name: 'shop', method: 'GET', url: new URL('https://shop.example/health'), displayUrl: 'https://shop.example/health', severity: 'critical' as const, labels: { team: 'web', alertname: 'Mine' } };
    const failure = { summary: 'answered 503, expected 2xx', detail: 'body: down', timings: { connectedMs: 1.25, firstByteMs: 180.4 }, failingSince: '2026-06-01T12:00:00.000Z' };
    const first = failureAlert(check, { ...failure, latencyMs: 181.2, failures: 1 });
    const later = failureAlert(check, { ...failure, latencyMs: 12.345, failures: 3 });
    expect(first.fingerprint).toBe(later.fingerprint);
    expect(first.labels).toEqual({ alertname: 'HttpCheckFailed', check: 'shop', instance: 'shop.example', url: 'https://shop.example/health', team: 'web', severity: 'critical' });
    expect(first.annotations).toEqual({
      summary: 'GET https://shop.example/health answered 503, expected 2xx',
      description: 'body: down. Took 181 ms (connected at 1.3 ms, headers at 180 ms); first failure.',
      latency_ms: '181',
    });
    expect(later).toMatchObject({ value: '12.3', startsAt: '2026-06-01T12:00:00.000Z', annotations: { latency_ms: '12.3' } });
    expect(later.annotations.description).toContain('3 failures in a row');
  });
});

describe('failedForWantOfNetwork', () => {
  it.each([
    ['ENETUNREACH', true, true],
    ['EADDRNOTAVAIL', true, true],
    ['ENOTFOUND', true, false],
    ['ENOTFOUND', false, true],
    ['EAI_AGAIN', false, true],
    ['EHOSTUNREACH', false, true],
    ['EHOSTUNREACH', true, false],
    ['ECONNREFUSED', false, false],
    [undefined, false, false],
  ])('%s with the network %s: %s', (code, up, local) => {
    expect(failedForWantOfNetwork(code, () => up)).toBe(local);
  });
});
