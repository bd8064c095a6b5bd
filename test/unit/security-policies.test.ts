import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../electron/bridge/static-files';
import { contentSecurityPolicy, securityHeaders } from '../../electron/security/content-security-policy';
import { MAX_EXTERNAL_URL_LENGTH, externalUrlToOpen } from '../../shared/external-url';
import { decideNavigation, decideWindowOpen, isDashboardUrl } from '../../electron/security/navigation-policy';
import { grantPermissionRequest, reportPermissionGranted } from '../../electron/security/permission-policy';
import { createTokenBucket } from '../../electron/security/rate-limit';
import { secureWebPreferences } from '../../electron/security/web-preferences';

const root = path.resolve(import.meta.dirname, '../..');

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('webPreferences of the dashboard window (Electron security checklist)', () => {
  const preferences: Record<string, unknown> = secureWebPreferences('/app/preload.cjs', { packaged: true });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
    ['safeDialogs', true],
  ])('sets %s to %s', (name, value) => {
    expect(preferences[name]).toBe(value);
  });

  it('has DevTools in development only', () => {
    expect(preferences.devTools).toBe(false);
    expect(secureWebPreferences('/app/preload.cjs', { packaged: false }).devTools).toBe(true);
  });

  it('enables no extra Blink features and uses the given preload', () => {
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
    expect(preferences.preload).toBe('/app/preload.cjs');
  });
});

describe('Content-Security-Policy', () => {
  it.each(['desktop', 'browser', 'meta'] as const)('for %s starts from nothing and allows only the page’s own scripts, styles and images', (target) => {
    const policy = directives(contentSecurityPolicy(target));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    const text = contentSecurityPolicy(target);
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:', 'blob:']) expect(text).not.toContain(` ${loose}`);
  });

  it('lets the desktop page connect nowhere (it uses IPC) and the browser page to its own origin only (commands and event socket)', () => {
    expect(directives(contentSecurityPolicy('desktop')).get('connect-src')).toEqual(["'none'"]);
    expect(directives(contentSecurityPolicy('browser')).get('connect-src')).toEqual(["'self'"]);
    expect(directives(contentSecurityPolicy('meta')).get('connect-src')).toEqual(["'self'"]);
  });

  it('forbids framing in headers, and leaves frame-ancestors out of the meta tag, which cannot carry it', () => {
    expect(directives(contentSecurityPolicy('desktop')).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(contentSecurityPolicy('browser')).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(contentSecurityPolicy('meta')).has('frame-ancestors')).toBe(false);
    expect(securityHeaders('desktop')).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  });

  it('is the very policy of the meta tag in renderer/index.html', () => {
    const html = readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(contentSecurityPolicy('meta'));
  });

  it('allows at least what the browser-mode headers allow, so the meta tag never blocks browser mode (headers come from static-files.ts)', () => {
    const header = directives(SECURITY_HEADERS['content-security-policy']!);
    for (const [name, values] of directives(contentSecurityPolicy('meta'))) {
      const effective = header.get(name) ?? header.get('default-src')!;
      for (const value of values) if (value !== "'none'") expect(effective, name).toContain(value);
    }
  });
});

describe('permissions', () => {
  it.each(['notifications', 'media', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'pointerLock', 'midiSysex', 'hid', 'serial', 'usb', 'unknown-future-permission'])(
    'refuses a request for and reports no grant of %s',
    (permission) => {
      expect(grantPermissionRequest(permission)).toBe(false);
      expect(reportPermissionGranted(permission)).toBe(false);
    },
  );
});

describe('external URLs (what goes to the system browser)', () => {
  it.each([
    ['https://runbooks.example.com/db#step-2', 'https://runbooks.example.com/db#step-2'],
    ['http://grafana.internal:3000/d/abc?var-env=prod', 'http://grafana.internal:3000/d/abc?var-env=prod'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    // An international name goes out in its unambiguous punycode form.
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['https://аpple.com/', 'https://xn--pple-43d.com/'],
    ['https://example.com:443/x', 'https://example.com/x'],
    ['http://[::1]:9090/graph', 'http://[::1]:9090/graph'],
  ])('opens %s as %s', (text, opened) => {
    expect(externalUrlToOpen(text)).toBe(opened);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'app://oncall/index.html',
    'oncall://alert/abc',
    'ms-msdt:/id PCWDiagnostic',
    'smb://evil.example/share',
    'ftp://example.com/',
    'mailto:a@example.com',
    'https://bank.example.com@evil.example/',
    'https://user:password@example.com/',
    'https://:password@example.com/',
    ' https://example.com/',
    'https://example.com/\n',
    'https://exa\nmple.com/',
    'https://example.com/\u0000',
    'https://example.com/\u200b',
    'https://example.com\u3002evil.example/',
    '\u202ehttps://example.com/',
    '//example.com/path',
    '/relative/path',
    'https://',
    'http:///path',
    'http:example.com',
    'https:\\\\evil.example\\',
    'http://127.1/',
    'http://0x7f000001/',
    'https://example.com\uff0eevil.example/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`,
  ])('refuses %j', (text) => {
    expect(externalUrlToOpen(text)).toBeNull();
    expect(decideWindowOpen(text)).toEqual({ action: 'deny', openExternally: null });
  });

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.com/'], new URL('https://example.com/')]) expect(externalUrlToOpen(value)).toBeNull();
  });

  it('refuses a URL that grows over the limit once serialised', () => {
    // Each space-like byte in the path is percent-encoded, tripling its length.
    expect(externalUrlToOpen(`https://example.com/${'"'.repeat(1000)}`)).toBeNull();
  });
});

describe('navigation and window.open', () => {
  it('keeps the app on its own page only', () => {
    for (const url of ['app://oncall/index.html', 'app://oncall/index.html#/alerts', 'app://oncall/', 'app://oncall/index.html?x=1']) {
      expect(isDashboardUrl(url), url).toBe(true);
      expect(decideNavigation(url)).toEqual({ allow: true });
    }
  });

  it.each([
    ['app://oncall/other.html', null],
    ['app://evil/index.html', null],
    ['app://oncall:1/index.html', null],
    ['app://user@oncall/index.html', null],
    ['file:///app/out/renderer/index.html', null],
    ['devtools://devtools/bundled/inspector.html', null],
    ['javascript:alert(1)', null],
    ['about:blank', null],
    ['data:text/html,x', null],
    ['https://evil.example/', 'https://evil.example/'],
  ])('leaves the app for %s, handing %s to the system browser', (url, external) => {
    expect(decideNavigation(url)).toEqual({ allow: false, openExternally: external });
  });

  it('never opens a new app window, not even for the app’s own page', () => {
    expect(decideWindowOpen('app://oncall/index.html')).toEqual({ action: 'deny', openExternally: null });
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'deny', openExternally: 'https://example.com/' });
  });
});

describe('token bucket', () => {
  it('allows a burst, refuses the next, and refills with time', () => {
    let now = 0;
    const bucket = createTokenBucket({ burst: 3, perSecond: 2 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.secondsUntilNext()).toBe(1);
    now = 500;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now = 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('refuses a limit that would allow nothing', () => {
    expect(() => createTokenBucket({ burst: 0, perSecond: 1 })).toThrow(/burst >= 1/);
    expect(() => createTokenBucket({ burst: 1, perSecond: Number.NaN })).toThrow(/perSecond > 0/);
  });
});
