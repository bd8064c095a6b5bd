import { reconnectDelay } from './backoff';
import type { ConnectionStatus } from './connection';

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(code: number, reason: string): void;
}

/** Opens one WebSocket wired to `handlers`; injected so tests can drive a fake. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => { close(): void };

export interface EventSocketOptions {
  url: string;
  createSocket: SocketFactory;
  onMessage: (data: unknown) => void;
  onStatus: (status: ConnectionStatus) => void;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Keeps one event stream open, reconnecting with jittered backoff until `close()`. */
export function openEventSocket(options: EventSocketOptions): { close(): void } {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let socket: { close(): void } | null = null;
  let timer: unknown = null;
  let failures = 0;
  let lastError: string | null = null;
  let closed = false;

  const retry = (error: string) => {
    socket = null;
    lastError = error;
    options.onStatus({ state: 'disconnected', lastError });
    timer = setTimer(connect, reconnectDelay(failures++, options.random));
  };

  const handlers: SocketHandlers = {
    onOpen() {
      if (closed) return;
      failures = 0;
      lastError = null;
      options.onStatus({ state: 'connected', lastError });
    },
    onMessage: (data) => {
      if (!closed) options.onMessage(data);
    },
    onClose(code, reason) {
      if (!closed) retry(`event stream closed (code ${code}${reason ? `: ${reason}` : ''})`);
    },
  };

  function connect() {
    timer = null;
    options.onStatus({ state: 'connecting', lastError });
    try {
      socket = options.createSocket(options.url, handlers);
    } catch (error) {
      retry(`cannot open the event stream: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  connect();
  return {
    close() {
      closed = true;
      if (timer !== null) clearTimer(timer);
      socket?.close();
      socket = null;
    },
  };
}
