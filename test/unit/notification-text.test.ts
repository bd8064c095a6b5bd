import { describe, expect, it } from 'vitest';
import {
  alreadyFiringNotification,
  firingNotification,
  MAX_BODY_LENGTH,
  MAX_TITLE_LENGTH,
  resolvedNotification,
  resolvedSummaryNotification,
  sanitizeNotificationText,
  summaryNotification,
} from '../../electron/notifications/notification-text';
import type { Alert } from '../../shared/model';
import type { Severity } from '../../shared/severity';
import { makeAlert } from '../helpers/alerts';

function alert(overrides: Partial<Alert> = {}): Alert {
  return makeAlert({ fingerprint: 'f1', severity: 'critical', labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' }, annotations: { summary: 'Error rate above 5%' }, startsAt: '2025-01-15T12:00:00Z', ...overrides });
}

const named = (name: string, severity: Severity, count = 1): Alert[] =>
  Array.from({ length: count }, (_, i) => alert({ fingerprint: `${name}-${i}`, name, severity }));

const codePoints = (text: string) => Array.from(text).length;
const isWellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('sanitizeNotificationText', () => {
  it.each([
    ['plain text', 'hello', 100, 'hello'],
    ['newlines, tabs and CR', 'a\nb\tc\r\nd', 100, 'a b c d'],
    ['NUL, ESC, DEL', 'a\u0000b\u001b[31mc\u007fd', 100, 'a b [31mc d'],
    ['C1 controls', 'a\u0085b\u009bc\u0080d\u009fe', 100, 'a b c d e'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 100, 'a b c'],
    ['whitespace runs, incl. no-break and ideographic spaces', '  a \u00a0\u3000\n\n b  ', 100, 'a b'],
    ['only control characters', '\n\t\u0000\u2028', 100, ''],
    ['bidi overrides and isolates dropped', 'abc\u202eevil\u202c \u2066x\u2069', 100, 'abcevil x'],
    ['lone high surrogate', 'a\ud800b', 100, 'a\ufffdb'],
    ['lone low surrogate', 'a\udc00', 100, 'a\ufffd'],
    ['shell metacharacters kept', `$(rm -rf /) \`id\` "q" 'q' \\ ; | &`, 100, `$(rm -rf /) \`id\` "q" 'q' \\ ; | &`],
    ['exactly the limit', 'abcde', 5, 'abcde'],
    ['one over the limit', 'abcdef', 5, 'abcd…'],
    ['no space before the ellipsis', 'abc def', 5, 'abc…'],
    ['limit counts after collapsing', 'a\n\n\n\nb', 3, 'a b'],
    ['surrogate pair kept whole', 'a😀b', 3, 'a😀b'],
    ['surrogate pairs count as one', '😀😀😀', 3, '😀😀😀'],
    ['never splits a surrogate pair', '😀😀😀', 2, '😀…'],
    ['cut before a pair', 'ab😀cd', 3, 'ab…'],
    ['limit 1', 'abc', 1, '…'],
    ['limit 0', 'abc', 0, ''],
  ])('%s', (_, input, max, expected) => {
    expect(sanitizeNotificationText(input, max)).toBe(expected);
  });

  it('always returns well-formed, control-free text within the limit', () => {
    const alphabet = ['a', ' ', '\n', '\t', '\u0000', '\u007f', '\u0090', '\u2028', '\ud83d', '\ude00', '😀', '$', '"', '\\', '\u202e', '\u00a0'];
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 500; run++) {
      const input = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const max = Math.floor(random() * 20);
      const output = sanitizeNotificationText(input, max);
      expect(codePoints(output)).toBeLessThanOrEqual(max);
      expect(isWellFormed(output)).toBe(true);
      // eslint-disable-next-line no-control-regex -- looking for exactly those characters
      expect(output).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\s{2}|^\s|\s$/);
    }
  });
});

describe('firingNotification', () => {
  it.each<[string, Partial<Alert>, { title: string; body: string; urgency: string }]>([
    [
      'critical with service and summary',
      {},
      { title: 'CRITICAL · HighErrorRate · checkout', body: 'Error rate above 5% (prod-am)', urgency: 'critical' },
    ],
    [
      'warning',
      { severity: 'warning' },
      { title: 'WARNING · HighErrorRate · checkout', body: 'Error rate above 5% (prod-am)', urgency: 'normal' },
    ],
    ['info', { severity: 'info' }, { title: 'INFO · HighErrorRate · checkout', body: 'Error rate above 5% (prod-am)', urgency: 'low' }],
    ['no severity: no tag', { severity: 'none' }, { title: 'HighErrorRate · checkout', body: 'Error rate above 5% (prod-am)', urgency: 'low' }],
    [
      'job before instance and namespace',
      { labels: { namespace: 'shop', instance: 'host:9090', job: 'api' } },
      { title: 'CRITICAL · HighErrorRate · api', body: 'Error rate above 5% (prod-am)', urgency: 'critical' },
    ],
    [
      'blank service skipped',
      { labels: { service: ' \n ', instance: 'host:9090', namespace: 'shop' } },
      { title: 'CRITICAL · HighErrorRate · host:9090', body: 'Error rate above 5% (prod-am)', urgency: 'critical' },
    ],
    [
      'no target label',
      { labels: { team: 'payments' } },
      { title: 'CRITICAL · HighErrorRate', body: 'Error rate above 5% (prod-am)', urgency: 'critical' },
    ],
    [
      'description when the summary is blank',
      { annotations: { summary: ' \n\t', description: 'Requests fail\nfor checkout' } },
      { title: 'CRITICAL · HighErrorRate · checkout', body: 'Requests fail for checkout (prod-am)', urgency: 'critical' },
    ],
    [
      'a few labels when there are no annotations',
      { annotations: {}, labels: { alertname: 'X', severity: 'critical', f: '6', e: '5', d: '4', c: '3', b: '2', a: '1\n1' } },
      { title: 'CRITICAL · HighErrorRate', body: 'a=1 1, b=2, c=3, d=4, +2 more (prod-am)', urgency: 'critical' },
    ],
    [
      'nothing to say',
      { annotations: {}, labels: {} },
      { title: 'CRITICAL · HighErrorRate', body: 'No details (prod-am)', urgency: 'critical' },
    ],
    [
      'several sources',
      { sources: ['prod-am', 'prod-prom'] },
      { title: 'CRITICAL · HighErrorRate · checkout', body: 'Error rate above 5% (prod-am, prod-prom)', urgency: 'critical' },
    ],
    [
      'no sources',
      { sources: [] },
      { title: 'CRITICAL · HighErrorRate · checkout', body: 'Error rate above 5%', urgency: 'critical' },
    ],
    [
      'name from the alertname label, then a placeholder',
      { name: '', labels: {} },
      { title: 'CRITICAL · Unnamed alert', body: 'Error rate above 5% (prod-am)', urgency: 'critical' },
    ],
    [
      'control characters in every field',
      { name: 'High\nError', labels: { service: 'check\u0000out' }, annotations: { summary: 'line1\r\nline2' }, sources: ['prod\tam'] },
      { title: 'CRITICAL · High Error · check out', body: 'line1 line2 (prod am)', urgency: 'critical' },
    ],
  ])('%s', (_, overrides, expected) => {
    expect(firingNotification(alert(overrides))).toEqual({ ...expected, fingerprint: 'f1' });
  });

  it('cuts a long summary but keeps the source names', () => {
    const text = firingNotification(alert({ annotations: { summary: 'x '.repeat(5_000) } }));
    expect(codePoints(text.body)).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(text.body).toMatch(/^x x x .*x… \(prod-am\)$/);
  });

  it('cuts a long title at the limit', () => {
    const text = firingNotification(alert({ name: '🔥'.repeat(500) }));
    expect(codePoints(text.title)).toBe(MAX_TITLE_LENGTH);
    expect(text.title.startsWith('CRITICAL · 🔥🔥')).toBe(true);
    expect(text.title.endsWith('🔥…')).toBe(true);
    expect(isWellFormed(text.title)).toBe(true);
  });
});

describe('resolvedNotification', () => {
  it('names the alert and says it resolved, quietly', () => {
    expect(resolvedNotification(alert())).toEqual({
      title: 'Resolved · HighErrorRate · checkout',
      body: 'Error rate above 5% (prod-am)',
      fingerprint: 'f1',
      urgency: 'low',
    });
  });
});

describe('summaryNotification', () => {
  it('counts, names the most severe first, and says how many more', () => {
    const alerts = [
      ...named('LatencyHigh', 'info'),
      ...named('Untagged', 'none', 2),
      ...named('CertExpiring', 'warning'),
      ...named('DiskFull', 'warning', 3),
      ...named('HighErrorRate', 'warning', 2),
      ...named('HighErrorRate', 'critical', 3),
    ];
    expect(summaryNotification(alerts)).toEqual({
      title: '12 alerts started firing (3 critical)',
      body: 'HighErrorRate ×5, DiskFull ×3, CertExpiring, +2 more',
      fingerprint: null,
      urgency: 'critical',
    });
  });

  it.each<[string, Alert[], string, string, string]>([
    ['severity before count', [...named('Many', 'warning', 10), ...named('One', 'critical')], '11 alerts started firing (1 critical)', 'One, Many ×10', 'critical'],
    ['count, then name, within a severity', [...named('B', 'warning'), ...named('A', 'warning'), ...named('C', 'warning', 2)], '4 alerts started firing', 'C ×2, A, B', 'normal'],
    ['no critical: no count in the title', named('Disk', 'info', 2), '2 alerts started firing', 'Disk ×2', 'low'],
    ['one alert', named('Disk', 'warning'), '1 alert started firing', 'Disk', 'normal'],
    ['names sanitised', named('Bad\nName\u0000', 'warning', 2), '2 alerts started firing', 'Bad Name ×2', 'normal'],
    ['names that read the same once sanitised count together', [...named('Bad\nName', 'warning'), ...named('Bad Name', 'warning')], '2 alerts started firing', 'Bad Name ×2', 'normal'],
    ['a blank name: its alertname label', [...named(' ', 'warning').map((alert) => ({ ...alert, labels: { ...alert.labels, alertname: 'FromLabel' } })), ...named('FromLabel', 'warning')], '2 alerts started firing', 'FromLabel ×2', 'normal'],
    ['no alerts', [], '0 alerts started firing', 'No alerts', 'low'],
  ])('%s', (_, alerts, title, body, urgency) => {
    expect(summaryNotification(alerts)).toEqual({ title, body, fingerprint: null, urgency });
  });

  it('keeps the body within the limit however long the names', () => {
    const alerts = ['a', 'b', 'c', 'd'].flatMap((letter) => named(letter.repeat(500), 'warning'));
    const text = summaryNotification(alerts);
    expect(codePoints(text.body)).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(text.body).toMatch(/^a{59}…, b{59}…, c{59}…, \+1 more$/);
  });
});

describe('alreadyFiringNotification and resolvedSummaryNotification', () => {
  const alerts = [...named('DiskFull', 'warning', 3), ...named('HighErrorRate', 'critical', 2)];

  it('says what already fires at start', () => {
    expect(alreadyFiringNotification(alerts)).toEqual({
      title: '5 alerts already firing (2 critical)',
      body: 'HighErrorRate ×2, DiskFull ×3',
      fingerprint: null,
      urgency: 'critical',
    });
  });

  it('says what resolved, quietly', () => {
    expect(resolvedSummaryNotification(alerts)).toEqual({
      title: '5 alerts resolved (2 critical)',
      body: 'HighErrorRate ×2, DiskFull ×3',
      fingerprint: null,
      urgency: 'low',
    });
  });
});
