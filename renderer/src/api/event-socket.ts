import { reconnectDelay } from './backoff';
import type { ConnectionStatus } from './connection';

/** The slice of the browser WebSocket used here, so tests can drive a fake one. */
export interface SocketLike {
  onopen: (() => void) | null;
  onmessage: ((message: { data: unknown }) => void) | null;
  onerror: (() => void) | null;
  onclose: ((close: { code: number; reason: string }) => void) | null;
  close(): void;
}

export interface EventSocketOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
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
  let socket: SocketLike | null = null;
  let timer: unknown = null;
  let failures = 0;
  let lastError: string | null = null;
  let closed = false;

  const connect = () => {
    timer = null;
    options.onStatus({ state: 'connecting', lastError });
    try {
      socket = options.createSocket(options.url);
    } catch (error) {
      return retry(`cannot open the event stream: ${error instanceof Error ? error.message : String(error)}`);
    }
    socket.onopen = () => {
      failures = 0;
      lastError = null;
      options.onStatus({ state: 'connected', lastError });
    };
    socket.onmessage = (message) => options.onMessage(message.data);
    // Browsers give error events no detail; the close event that follows carries the code.
    socket.onerror = () => undefined;
    socket.onclose = (close) => {
      socket = null;
      if (!closed) retry(`event stream closed (code ${close.code}${close.reason ? `: ${close.reason}` : ''})`);
    };
  };

  const retry = (error: string) => {
    lastError = error;
    options.onStatus({ state: 'disconnected', lastError });
    timer = setTimer(connect, reconnectDelay(failures++, options.random));
  };

  connect();
  return {
    close() {
      closed = true;
      if (timer !== null) clearTimer(timer);
      const open = socket;
      socket = null;
      open?.close();
    },
  };
}
