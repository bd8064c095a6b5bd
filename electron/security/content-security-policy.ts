/**
 * The one Content-Security-Policy of the renderer, for the three places it is delivered:
 * - `desktop`: response headers of the app:// protocol; the page talks to main over IPC only, so no connections at all;
 * - `browser`: response headers of the loopback bridge; `connect-src 'self'` lets the page reach
 *   its own origin (HTTP commands) and, in Chromium and Firefox, the same host's ws: event socket;
 * - `meta`: the tag in renderer/index.html, enforced on top of either header (so it must allow
 *   what browser mode needs); `frame-ancestors` is left out because a meta tag cannot carry it.
 * The built renderer loads its own scripts, styles and icon only: no images (runbook images show
 * their alt text), fonts, frames, workers or inline code.
 */
export type CspTarget = 'desktop' | 'browser' | 'meta';

export function contentSecurityPolicy(target: CspTarget): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    target === 'desktop' ? "connect-src 'none'" : "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(target === 'meta' ? [] : ["frame-ancestors 'none'"]),
  ].join('; ');
}

/** Headers for every response of the renderer (pages, assets and errors alike). */
export function securityHeaders(target: Exclude<CspTarget, 'meta'>): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(target),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
  };
}
