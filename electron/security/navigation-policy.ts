import { DASHBOARD_URL } from './app-protocol';
import { externalUrlToOpen } from '../../shared/external-url';

/** Whether `text` is the app's own page (hash and query aside): the only page the window may show. */
export function isDashboardUrl(text: string): boolean {
  try {
    const url = new URL(text);
    const page = new URL(DASHBOARD_URL);
    // Compared by parts: Node gives a custom scheme's URL the origin "null".
    return url.protocol === page.protocol && url.host === page.host && (url.pathname === page.pathname || url.pathname === '/') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export type NavigationDecision = { allow: true } | { allow: false; openExternally: string | null };

/**
 * A navigation of the window (a link clicked, a redirect, a frame): only the app's own page stays
 * in the app; an http(s) link goes to the system browser instead; everything else goes nowhere.
 */
export function decideNavigation(url: string): NavigationDecision {
  if (isDashboardUrl(url)) return { allow: true };
  return { allow: false, openExternally: externalUrlToOpen(url) };
}

/** `window.open` and target=_blank: never a new app window; http(s) links to the system browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalUrlToOpen(url) };
}
