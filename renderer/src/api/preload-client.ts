import type { OnCallApi } from '../../../shared/api';
import type { EngineConnection } from './connection';

/** Inside Electron the preload's IPC is always there: the connection is simply up. */
export function wrapPreloadApi(api: OnCallApi): EngineConnection {
  return {
    api,
    onStatus(listener) {
      listener({ state: 'connected', lastError: null });
      return () => undefined;
    },
    close: () => undefined,
  };
}
