import type { OnCallApi } from '../../../shared/api';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why the last attempt failed, in words; kept while reconnecting, cleared once connected. */
  lastError: string | null;
}

/** The engine as the renderer sees it, whichever transport carries it. */
export interface EngineConnection {
  api: OnCallApi;
  /** Calls `listener` with the current status at once, then on every change. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}
