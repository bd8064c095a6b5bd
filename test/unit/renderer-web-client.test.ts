import { describe, expect, it, vi } from 'vitest';
import { ApiCallError, COMMAND_NAMES } from '../../shared/api';
import type { ConnectionStatus } from '../../renderer/src/api/connection';
import type { SocketHandlers } from '../../renderer/src/api/event-socket';
import { openEventSocket } from '../../renderer/src/api/event-socket';
import { parseEventFrame } from '../../renderer/src/api/event-frame';
import { createWebClient, eventsUrl } from '../../renderer/src/api/web-client';
import type { FetchLike } from '../../renderer/src/api/web-commands';
import { EVENTS_SENT_HEADER, helloFrame } from '../../shared/web-bridge-protocol';
import { emptySnapshot } from '../helpers/snapshots';

const BASE = 'http://127.0.0.1:4173';
const settings = { minSeverity: 'warning', onResolve: false, pausedUntil: '2026-11-26T11:00:00.000Z', silenceExpiryWarningMs: 600_000 };

function answering(status: number, body: unknown): FetchLike & ReturnType<typeof vi.fn> {
  return vi.fn(async () => ({ status, headers: new Headers(), json: async () => body }));
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
    /** The socket opens and the bridge says hello, as the real one does before any event. */
    connectLatest: (eventsSent = 0) => {
      const socket = opened.at(-1)!;
      socket.handlers.onOpen();
      socket.handlers.onMessage(helloFrame(eventsSent));
    },
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
    const html = client(vi.fn(async () => ({ status: 502, headers: new Headers(), json: async () => Promise.reject(new SyntaxError('Unexpected token <')) })));
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
    sockets.connectLatest();
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
    sockets.connectLatest();
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

  it('is connected only once the bridge said hello', () => {
    const { connection, sockets } = client(answering(200, {}));
    const states: string[] = [];
    connection.onStatus((status) => states.push(status.state));
    sockets.latest().handlers.onOpen();
    expect(states).toEqual(['connecting']);
    sockets.latest().handlers.onMessage(helloFrame(7));
    expect(states).toEqual(['connecting', 'connected']);
    connection.close();
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

/** A bridge answering `getSnapshot` with the given snapshot and event count, one answer per call. */
function snapshotAnswers(...answers: Array<{ snapshot: unknown; eventsSent: number | null }>) {
  const pending = [...answers];
  const fetch = vi.fn(async (url: string) => {
    if (!url.endsWith('/getSnapshot')) throw new Error(`unexpected ${url}`);
    const next = pending.shift();
    if (!next) throw new Error('no more snapshots');
    const headers = new Headers(next.eventsSent === null ? {} : { [EVENTS_SENT_HEADER]: String(next.eventsSent) });
    return { status: 200, headers, json: async () => ({ ok: true, result: next.snapshot }) };
  });
  return fetch;
}

const snapshotNamed = (name: string) => emptySnapshot({ config: { path: name, demo: false, error: null } });

describe('web client: the first snapshot, asked for while the socket opens', () => {
  it('asks for it at once, before the socket is open', () => {
    const fetch = snapshotAnswers({ snapshot: snapshotNamed('early'), eventsSent: 0 });
    const { connection } = client(fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBe(`${BASE}/api/commands/getSnapshot`);
    connection.close();
  });

  it.each([
    { case: 'no event went out between it and the socket joining', early: 4, joined: 4, used: 'early' },
    { case: 'it was taken after the socket joined', early: 6, joined: 2, used: 'early' },
    { case: 'events went out between it and the socket joining: asked again', early: 3, joined: 5, used: 'fresh' },
  ])('uses it once connected only if it lacks no event sent before the socket joined: $case', async ({ early, joined, used }) => {
    const fetch = snapshotAnswers({ snapshot: snapshotNamed('early'), eventsSent: early }, { snapshot: snapshotNamed('fresh'), eventsSent: joined + 1 });
    const { connection, sockets } = client(fetch);
    sockets.connectLatest(joined);
    await expect(connection.api.getSnapshot({})).resolves.toMatchObject({ config: { path: used } });
    expect(fetch).toHaveBeenCalledTimes(used === 'early' ? 1 : 2);
    connection.close();
  });

  it('uses it for the first snapshot only', async () => {
    const fetch = snapshotAnswers({ snapshot: snapshotNamed('early'), eventsSent: 0 }, { snapshot: snapshotNamed('fresh'), eventsSent: 1 });
    const { connection, sockets } = client(fetch);
    sockets.connectLatest(0);
    await expect(connection.api.getSnapshot({})).resolves.toMatchObject({ config: { path: 'early' } });
    await expect(connection.api.getSnapshot({})).resolves.toMatchObject({ config: { path: 'fresh' } });
    connection.close();
  });

  it('asks again when the answer carried no count, or when the early request failed', async () => {
    const uncounted = snapshotAnswers({ snapshot: snapshotNamed('early'), eventsSent: null }, { snapshot: snapshotNamed('fresh'), eventsSent: 1 });
    const first = client(uncounted);
    first.sockets.connectLatest(0);
    await expect(first.connection.api.getSnapshot({})).resolves.toMatchObject({ config: { path: 'fresh' } });
    first.connection.close();

    let calls = 0;
    const failingFirst: FetchLike = async () => {
      calls++;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return { status: 200, headers: new Headers({ [EVENTS_SENT_HEADER]: '0' }), json: async () => ({ ok: true, result: snapshotNamed('fresh') }) };
    };
    const second = client(failingFirst);
    second.sockets.connectLatest(0);
    await expect(second.connection.api.getSnapshot({})).resolves.toMatchObject({ config: { path: 'fresh' } });
    expect(calls).toBe(2);
    second.connection.close();
  });

  it('does not use it after the first socket failed: a later socket may join after events it lacks', async () => {
    vi.useFakeTimers();
    const fetch = snapshotAnswers({ snapshot: snapshotNamed('early'), eventsSent: 0 }, { snapshot: snapshotNamed('fresh'), eventsSent: 0 });
    const { connection, sockets } = client(fetch);
    sockets.latest().handlers.onClose(1006, '');
    vi.advanceTimersByTime(250);
    sockets.connectLatest(0);
    vi.useRealTimers();
    await expect(connection.api.getSnapshot({})).resolves.toMatchObject({ config: { path: 'fresh' } });
    connection.close();
  });

  it('does not trust it when the stream did not start with a hello, and delivers that first frame as an event', async () => {
    const fetch = snapshotAnswers({ snapshot: snapshotNamed('early'), eventsSent: 100 }, { snapshot: snapshotNamed('fresh'), eventsSent: 100 });
    const { connection, sockets } = client(fetch);
    const received: unknown[] = [];
    connection.api.on('notificationsChanged', (payload) => received.push(payload));
    const states: string[] = [];
    connection.onStatus((status) => states.push(status.state));
    sockets.latest().handlers.onOpen();
    sockets.latest().handlers.onMessage(JSON.stringify({ event: 'notificationsChanged', payload: settings }));
    expect(states).toEqual(['connecting', 'connected']);
    expect(received).toEqual([settings]);
    await expect(connection.api.getSnapshot({})).resolves.toMatchObject({ config: { path: 'fresh' } });
    connection.close();
  });

  it('asks nothing early without a token (the bridge would refuse it)', () => {
    const fetch = answering(401, {});
    const { connection } = client(fetch, null);
    expect(fetch).not.toHaveBeenCalled();
    connection.close();
  });
});
