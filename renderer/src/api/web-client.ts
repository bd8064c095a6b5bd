import type { ConnectionStatus, EngineConnection } from './connection';
import { createEventHub } from './event-hub';
import { parseEventFrame, reportDroppedFrame } from './event-frame';
import { openEventSocket, type SocketFactory } from './event-socket';
import { createWebCommands, type FetchLike } from './web-commands';

export interface WebClientOptions {
  /** Origin of the loopback bridge, e.g. `http://127.0.0.1:4173`. */
  baseUrl: string;
  token: string | null;
  fetch: FetchLike;
  createSocket: SocketFactory;
  random?: () => number;
}

/** The engine over the loopback web bridge: commands over HTTP, events over one WebSocket. */
export function createWebClient(options: WebClientOptions): EngineConnection {
  const hub = createEventHub();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const missingToken = options.token ? null : 'no access token in the page address: open the link the engine printed (…#token=…)';
  let status: ConnectionStatus = { state: 'connecting', lastError: missingToken };

  const socket = openEventSocket({
    url: eventsUrl(options.baseUrl, options.token),
    createSocket: options.createSocket,
    random: options.random,
    onMessage(data) {
      const parsed = parseEventFrame(data);
      if (parsed.ok) hub.emit(parsed.frame);
      else reportDroppedFrame(parsed.reason);
    },
    onStatus(next) {
      status = { ...next, lastError: next.lastError ?? (next.state === 'connected' ? null : missingToken) };
      for (const listener of [...statusListeners]) listener(status);
    },
  });

  return {
    api: { ...createWebCommands(options), on: hub.on },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close: () => socket.close(),
  };
}

/** `ws:`/`wss:` to match the page, same host, token in the query (browsers cannot set WebSocket headers). */
export function eventsUrl(baseUrl: string, token: string | null): string {
  const url = new URL('/api/events', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.href;
}
