import type { PreloadApi } from '../../../shared/api';
import { readAccessToken } from './access-token';
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
    token: readAccessToken(window.location.hash),
    fetch: (url, init) => window.fetch(url, init),
    createSocket: openBrowserSocket,
  });
}
