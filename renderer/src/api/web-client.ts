import { eventsSentInHello } from '../../../shared/web-bridge-protocol';
import { markSnapshotRequested } from '../lib/perf-marks';
import type { ConnectionStatus, EngineConnection } from './connection';
import { createEventHub } from './event-hub';
import { parseEventFrame, reportDroppedFrame } from './event-frame';
import { openEventSocket, type SocketFactory } from './event-socket';
import { createWebCommands, postCommand, type CountedOutput, type FetchLike } from './web-commands';

export interface WebClientOptions {
  /** Origin of the loopback bridge, e.g. `http://127.0.0.1:4173`. */
  baseUrl: string;
  token: string | null;
  fetch: FetchLike;
  createSocket: SocketFactory;
  random?: () => number;
}

/**
 * The engine over the loopback web bridge: commands over HTTP, events over one WebSocket. The
 * first snapshot is asked for at once, while the socket opens; it is used if the bridge had sent
 * no event before the socket joined that the snapshot does not reflect, and asked for again if it had.
 */
export function createWebClient(options: WebClientOptions): EngineConnection {
  const hub = createEventHub();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const missingToken = options.token ? null : 'no access token in the page address: open the link the engine printed (…#token=…)';
  let status: ConnectionStatus = { state: 'connecting', lastError: missingToken };
  /** Events the bridge had sent before the current socket joined; null until its first frame (the hello) came. */
  let joinedAfter: number | null = null;
  let earlySnapshot: Promise<CountedOutput<'getSnapshot'> | null> | null = options.token ? askEarly(options) : null;

  const publish = (next: ConnectionStatus) => {
    status = { ...next, lastError: next.lastError ?? (next.state === 'connected' ? null : missingToken) };
    for (const listener of [...statusListeners]) listener(status);
  };

  const socket = openEventSocket({
    url: eventsUrl(options.baseUrl, options.token),
    createSocket: options.createSocket,
    random: options.random,
    onMessage(data) {
      if (joinedAfter === null) {
        // The bridge's hello comes first; without one no early snapshot can be trusted.
        const hello = typeof data === 'string' ? eventsSentInHello(parseJson(data)) : null;
        joinedAfter = hello ?? Number.POSITIVE_INFINITY;
        publish({ state: 'connected', lastError: null });
        if (hello !== null) return;
      }
      const parsed = parseEventFrame(data);
      if (parsed.ok) hub.emit(parsed.frame);
      else reportDroppedFrame(parsed.reason);
    },
    onStatus(next) {
      if (next.state === 'connected') return; // published with the hello
      joinedAfter = null;
      if (next.state === 'disconnected') earlySnapshot = null; // a later socket starts after events the early one may lack
      publish(next);
    },
  });

  const commands = createWebCommands(options);
  const getSnapshot: typeof commands.getSnapshot = async (input) => {
    const early = earlySnapshot;
    const joined = joinedAfter;
    earlySnapshot = null;
    const answer = early && joined !== null ? await early : null;
    if (answer && answer.eventsSent !== null && answer.eventsSent >= joined!) return answer.output;
    return commands.getSnapshot(input);
  };

  return {
    api: { ...commands, getSnapshot, on: hub.on },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close: () => socket.close(),
  };
}

function askEarly(options: WebClientOptions): Promise<CountedOutput<'getSnapshot'> | null> {
  markSnapshotRequested();
  return postCommand(options, 'getSnapshot', {}).catch(() => null); // asked for again once connected
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `ws:`/`wss:` to match the page, same host, token in the query (browsers cannot set WebSocket headers). */
export function eventsUrl(baseUrl: string, token: string | null): string {
  const url = new URL('/api/events', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.href;
}
