import type { PreloadApi } from '../../../shared/api';
import { takeAccessToken } from './access-token';
import { openBrowserSocket } from './browser-socket';
import type { EngineConnection } from './connection';
import { wrapPreloadApi } from './preload-client';
import { createWebClient } from './web-client';

/** Uses the Electron preload when present, otherwise the loopback web bridge serving this page. */
export function connectToEngine(): EngineConnection {
  const preload = (window as Window & { onCall?: PreloadApi }).onCall;
  if (preload) return wrapPreloadApi(preload);
  return createWebClient({
    baseUrl: window.location.origin,
    token: takeAccessToken({
      location: window.location,
      replaceAddress: (address) => window.history.replaceState(window.history.state, '', address),
      storage: sessionStorageOrNull(),
    }),
    fetch: (url, init) => window.fetch(url, init),
    createSocket: openBrowserSocket,
  });
}

/** Reading `window.sessionStorage` itself throws where storage is blocked (e.g. cookies off in some browsers). */
function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
