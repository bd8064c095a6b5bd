import { describe, expect, it } from 'vitest';
import { MAX_DEEP_LINK_LENGTH, findDeepLinkArgument, followDeepLink, parseDeepLink } from '../../electron/desktop/deep-link';

describe('parseDeepLink', () => {
  it.each([
    ['oncall://alert/5f1d3a7b9c2e4d60', { kind: 'alert', fingerprint: '5f1d3a7b9c2e4d60' }],
    ['oncall://alert/pagerduty:PABC123', { kind: 'alert', fingerprint: 'pagerduty:PABC123' }],
    ['oncall://alert/opsgenie%3A70413a06-38d6-4c85', { kind: 'alert', fingerprint: 'opsgenie:70413a06-38d6-4c85' }],
    ['ONCALL://Alert/abc/', { kind: 'alert', fingerprint: 'abc' }],
    ['oncall://alert/abc?utm_source=slack#top', { kind: 'alert', fingerprint: 'abc' }],
    ['oncall://runbook/db/disk-full.md', { kind: 'runbook', id: 'db/disk-full.md' }],
    ['oncall://runbook/db%2Fdisk-full.md', { kind: 'runbook', id: 'db/disk-full.md' }],
    ['oncall://runbook/disk%20full%20(prod).md', { kind: 'runbook', id: 'disk full (prod).md' }],
    ['oncall://runbook/a.md%232', { kind: 'runbook', id: 'a.md#2' }],
    ['oncall://runbook/überlauf.md', { kind: 'runbook', id: 'überlauf.md' }],
  ])('accepts %s', (raw, link) => {
    expect(parseDeepLink(raw)).toEqual({ ok: true, link });
  });

  it.each([
    [42, 'is not text'],
    ['https://alert/abc', 'does not start with oncall://'],
    ['javascript:alert(1)', 'does not start with oncall://'],
    ['file:///etc/passwd', 'does not start with oncall://'],
    ['oncall:alert/abc', 'does not start with oncall://'],
    ['oncall://silence/abc', 'is neither'],
    ['oncall://', 'is neither'],
    ['oncall://alert', 'exactly one fingerprint'],
    ['oncall://alert/', 'empty path part'],
    ['oncall://alert/abc/def', 'exactly one fingerprint'],
    ['oncall://alert//abc', 'empty path part'],
    ['oncall://alert/abc%2Fdef', 'characters other than'],
    ['oncall://alert/<script>', 'characters other than'],
    ['oncall://alert/a%20b', 'characters other than'],
    ['oncall://alert/%E0%A4%A', 'malformed percent-encoding'],
    ['oncall://alert/%00', 'characters other than'],
    [`oncall://alert/${'a'.repeat(201)}`, 'characters other than'],
    ['oncall://runbook/../../etc/passwd', 'runbook id with an empty'],
    ['oncall://runbook/db/%2e%2e/%2e%2e/secret', 'runbook id with an empty'],
    ['oncall://runbook/..%2F..%2Fsecret', 'runbook id with an empty'],
    ['oncall://runbook/.', 'runbook id with an empty'],
    ['oncall://runbook/a%2F%2Fb', 'runbook id with an empty'],
    ['oncall://runbook/..%5C..%5Cwin.ini', 'runbook id with an empty'],
    ['oncall://runbook/a%0Ab', 'runbook id with an empty'],
    ['oncall://runbook/a%00.md', 'runbook id with an empty'],
    ['oncall://runbook', 'runbook id with an empty'],
    [`oncall://runbook/${'a/'.repeat(40)}x`, 'more than 32 parts'],
    [`oncall://alert/${'a'.repeat(MAX_DEEP_LINK_LENGTH)}`, `longer than ${MAX_DEEP_LINK_LENGTH}`],
  ])('refuses %s', (raw, reason) => {
    const parsed = parseDeepLink(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('findDeepLinkArgument', () => {
  it('finds the link among Electron and Chromium arguments, in any case', () => {
    expect(findDeepLinkArgument(['/opt/app/oncall', '--allow-file-access-from-files', 'ONCALL://alert/abc'])).toBe('ONCALL://alert/abc');
    expect(findDeepLinkArgument(['/opt/app/oncall', '--config', 'oncall.yaml'])).toBeUndefined();
    expect(findDeepLinkArgument(['oncall.yaml', 'oncallx://alert/a'])).toBeUndefined();
  });
});

describe('followDeepLink', () => {
  function recorder() {
    const calls: string[] = [];
    const target = {
      focusAlert: (fingerprint: string) => calls.push(`alert ${fingerprint}`),
      focusRunbook: (id: string) => calls.push(`runbook ${id}`),
      showWindow: () => calls.push('show'),
    };
    return { calls, target };
  }

  it('shows the window and opens the alert or the runbook', () => {
    const { calls, target } = recorder();
    expect(followDeepLink('oncall://alert/abc', target, () => undefined)).toBe(true);
    expect(followDeepLink('oncall://runbook/db/disk.md', target, () => undefined)).toBe(true);
    expect(calls).toEqual(['show', 'alert abc', 'show', 'runbook db/disk.md']);
  });

  it('logs a refused link with the reason, opens nothing, and still shows the window', () => {
    const { calls, target } = recorder();
    const logged: string[] = [];
    expect(followDeepLink('oncall://runbook/../x', target, (message) => logged.push(message))).toBe(false);
    expect(calls).toEqual(['show']);
    expect(logged).toEqual([expect.stringContaining('deep link ignored: the link has a runbook id')]);
  });
});
