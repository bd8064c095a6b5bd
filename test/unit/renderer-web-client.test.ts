import { describe, expect, it, vi } from 'vitest';
import { ApiCallError, COMMAND_NAMES } from '../../shared/api';
import type { ConnectionStatus } from '../../renderer/src/api/connection';
import type { SocketHandlers } from '../../renderer/src/api/event-socket';
import { openEventSocket } from '../../renderer/src/api/event-socket';
import { parseEventFrame } from '../../renderer/src/api/event-frame';
import { createWebClient, eventsUrl } from '../../renderer/src/api/web-client';
import type { FetchLike } from '../../renderer/src/api/web-commands';

const BASE = 'http://127.0.0.1:4173';
const settings = { minSeverity: 'warning', onResolve: false, pausedUntil: '2026-11-26T11:00:00.000Z', silenceExpiryWarningMs: 600_000 };

function answering(status: number, body: unknown): FetchLike & ReturnType<typeof vi.fn> {
  return vi.fn(async () => ({ status, json: async () => body }));
}

/** Records every socket the client opens; the test plays the server's part through its handlers. */
function fakeSockets() {
  const opened: Array<{ url: string; handlers: SocketHandlers; closed: boolean }> = [];
  return {
    opened,
    createSocket: (url: string, handlers: SocketHandlers) => {
      const socket = { url, handlers, closed: false };
      opened.push(socket);
      return { close: () => void (socket.closed = true) };
    },
    latest: () => opened.at(-1)!,
  };
}

function client(fetch: FetchLike, token: string | null = 'secret') {
  const sockets = fakeSockets();
  const connection = createWebClient({ baseUrl: BASE, token, fetch, createSocket: sockets.createSocket, random: () => 0 });
  return { connection, sockets };
}

describe('web client commands', () => {
  it('offers one function per command name', () => {
    const { connection } = client(answering(200, {}));
    for (const name of COMMAND_NAMES) expect(typeof connection.api[name]).toBe('function');
    connection.close();
  });

  it('POSTs the input as JSON with the bearer token and returns the result', async () => {
    const fetch = answering(200, { ok: true, result: settings });
    const { connection } = client(fetch);
    await expect(connection.api.pauseNotifications({ minutes: 60 })).resolves.toEqual(settings);
    expect(fetch).toHaveBeenCalledWith(`${BASE}/api/commands/pauseNotifications`, expect.objectContaining({
      method: 'POST',
      body: '{"minutes":60}',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret' },
    }));
    connection.close();
  });

  it('turns an error envelope into ApiCallError with the engine code and message', async () => {
    const { connection } = client(answering(401, { ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } }));
    const failure = await connection.api.getSnapshot({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiCallError);
    expect(failure).toMatchObject({ code: 'unauthorized', message: 'missing or wrong token' });
    connection.close();
  });

  it('reports an unreachable engine, a non-JSON answer and a malformed result as ApiCallError', async () => {
    const unreachable = client(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(unreachable.connection.api.resumeNotifications({})).rejects.toMatchObject({ code: 'failed', message: expect.stringContaining('Failed to fetch') });
    const html = client(vi.fn(async () => ({ status: 502, json: async () => Promise.reject(new SyntaxError('Unexpected token <')) })));
    await expect(html.connection.api.resumeNotifications({})).rejects.toMatchObject({ code: 'failed', message: expect.stringContaining('HTTP 502') });
    const malformed = client(answering(200, { ok: true, result: { opened: 'yes' } }));
    await expect(malformed.connection.api.openExternal({ url: 'https://example.com' })).rejects.toMatchObject({ message: expect.stringContaining('opened') });
    for (const { connection } of [unreachable, html, malformed]) connection.close();
  });
});

describe('web client events and connection state', () => {
  it('opens the event stream on the same host with ws: and the token in the query', () => {
    expect(eventsUrl('http://127.0.0.1:4173', 'a b')).toBe('ws://127.0.0.1:4173/api/events?token=a+b');
    expect(eventsUrl('https://oncall.local', 't')).toBe('wss://oncall.local/api/events?token=t');
  });

  it('delivers valid frames to listeners and drops invalid ones', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { connection, sockets } = client(answering(200, {}));
    const received: unknown[] = [];
    const unsubscribe = connection.api.on('notificationsChanged', (payload) => received.push(payload));
    const socket = sockets.latest();
    socket.handlers.onOpen();
    socket.handlers.onMessage(JSON.stringify({ event: 'notificationsChanged', payload: settings }));
    socket.handlers.onMessage(JSON.stringify({ event: 'notificationsChanged', payload: { minSeverity: 'loud' } }));
    socket.handlers.onMessage('not json');
    unsubscribe();
    socket.handlers.onMessage(JSON.stringify({ event: 'notificationsChanged', payload: settings }));
    expect(received).toEqual([settings]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    connection.close();
  });

  it('reports connecting, connected, then disconnected with the reason, and reconnects after a backoff', () => {
    vi.useFakeTimers();
    const { connection, sockets } = client(answering(200, {}));
    const states: ConnectionStatus[] = [];
    connection.onStatus((status) => states.push(status));
    sockets.latest().handlers.onOpen();
    sockets.latest().handlers.onClose(1006, '');
    expect(states).toEqual([
      { state: 'connecting', lastError: null },
      { state: 'connected', lastError: null },
      { state: 'disconnected', lastError: 'event stream closed (code 1006)' },
    ]);
    expect(sockets.opened).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(sockets.opened).toHaveLength(2);
    expect(states.at(-1)).toEqual({ state: 'connecting', lastError: 'event stream closed (code 1006)' });
    connection.close();
    expect(sockets.latest().closed).toBe(true);
    vi.useRealTimers();
  });

  it('says so when the page address carries no token', () => {
    const { connection } = client(answering(200, {}), null);
    const states: ConnectionStatus[] = [];
    connection.onStatus((status) => states.push(status));
    expect(states[0]?.lastError).toContain('token');
    connection.close();
  });
});

describe('openEventSocket backoff', () => {
  it('waits longer after each failure and starts over once a connection opens', () => {
    const delays: number[] = [];
    const pending: Array<() => void> = [];
    const sockets = fakeSockets();
    const stream = openEventSocket({
      url: 'ws://x/api/events',
      createSocket: sockets.createSocket,
      onMessage: () => undefined,
      onStatus: () => undefined,
      random: () => 1,
      setTimer: (run, ms) => {
        delays.push(ms);
        pending.push(run);
        return pending.length;
      },
      clearTimer: () => undefined,
    });
    for (let i = 0; i < 3; i++) {
      sockets.latest().handlers.onClose(1006, '');
      pending.shift()!();
    }
    sockets.latest().handlers.onOpen();
    sockets.latest().handlers.onClose(1001, 'going away');
    expect(delays).toEqual([500, 1000, 2000, 500]);
    stream.close();
  });
});

describe('parseEventFrame', () => {
  it('names what is wrong with a frame', () => {
    expect(parseEventFrame(JSON.stringify({ event: 'nope', payload: {} }))).toEqual({ ok: false, reason: 'unknown event "nope"' });
    expect(parseEventFrame(JSON.stringify({ event: 'focusAlert', payload: {} }))).toMatchObject({ ok: false, reason: expect.stringContaining('fingerprint') });
    expect(parseEventFrame(JSON.stringify({ event: 'focusAlert', payload: { fingerprint: 'f' } }))).toEqual({
      ok: true,
      frame: { event: 'focusAlert', payload: { fingerprint: 'f' } },
    });
  });
});
