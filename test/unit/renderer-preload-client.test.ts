import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError, COMMAND_NAMES, EVENT_NAMES, type ApiResult, type CommandName, type EventName, type PreloadApi } from '../../shared/api';
import type { ConnectionStatus, EngineConnection } from '../../renderer/src/api/connection';
import { wrapPreloadApi } from '../../renderer/src/api/preload-client';
import { createWebClient } from '../../renderer/src/api/web-client';
import type { SocketHandlers } from '../../renderer/src/api/event-socket';
import { helloFrame } from '../../shared/web-bridge-protocol';

const settings = { minSeverity: 'warning', onResolve: false, pausedUntil: null, silenceExpiryWarningMs: 600_000 };

/**
 * A plain object shaped like `window.onCall` as `electron/preload.ts` builds it: each command
 * resolves with the engine's ApiResult envelope (it rejects only when IPC itself fails), and
 * `on` subscribes to one event name. The test plays the main process through `answer` and `push`.
 */
function fakePreload() {
  const answers = new Map<CommandName, ApiResult<unknown> | Error>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: Array<{ name: CommandName; input: unknown }> = [];
  const preload: Record<string, unknown> = {};
  for (const name of COMMAND_NAMES) {
    preload[name] = async (input: unknown) => {
      calls.push({ name, input });
      const answer = answers.get(name);
      if (answer === undefined) throw new Error(`Error invoking remote method 'oncall:command:${name}': Error: No handler registered`);
      if (answer instanceof Error) throw answer;
      return answer;
    };
  }
  preload.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => void set.delete(listener);
  };
  return {
    onCall: preload as PreloadApi,
    calls,
    answer: (name: CommandName, answer: ApiResult<unknown> | Error) => answers.set(name, answer),
    /** What `webContents.send(ipcChannel.event, { event, payload })` delivers, unchecked. */
    push: (event: EventName, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
    subscriptions: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

/** The same engine answers over the web bridge, to compare how both transports report them. */
function webClientAnswering(body: unknown) {
  let handlers: SocketHandlers | undefined;
  const connection = createWebClient({
    baseUrl: 'http://127.0.0.1:4173',
    token: 'secret',
    fetch: async () => ({ status: 200, headers: new Headers(), json: async () => body }),
    createSocket: (_url, socketHandlers) => {
      handlers = socketHandlers;
      return { close: () => undefined };
    },
    random: () => 0,
  });
  handlers!.onOpen();
  handlers!.onMessage(helloFrame(0));
  return { connection, send: (frame: unknown) => handlers!.onMessage(JSON.stringify(frame)) };
}

const open: EngineConnection[] = [];
function wrap(onCall: PreloadApi): EngineConnection {
  const connection = wrapPreloadApi(onCall);
  open.push(connection);
  return connection;
}

afterEach(() => {
  for (const connection of open.splice(0)) connection.close();
  vi.restoreAllMocks();
});

const failureOf = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error('expected a rejection');
  },
  (error: unknown) => error,
);

describe('preload client commands', () => {
  it('offers one function per command and passes the input through', async () => {
    const fake = fakePreload();
    const { api } = wrap(fake.onCall);
    for (const name of COMMAND_NAMES) expect(typeof api[name]).toBe('function');
    fake.answer('pauseNotifications', { ok: true, result: settings });
    await expect(api.pauseNotifications({ minutes: 60 })).resolves.toEqual(settings);
    expect(fake.calls).toEqual([{ name: 'pauseNotifications', input: { minutes: 60 } }]);
  });

  it('returns the result as parsed by the shared schema', async () => {
    const fake = fakePreload();
    fake.answer('openExternal', { ok: true, result: { opened: true, extra: 'dropped by the schema' } });
    await expect(wrap(fake.onCall).api.openExternal({ url: 'https://example.com' })).resolves.toEqual({ opened: true });
  });

  it.each<[string, unknown]>([
    ['a wrong field type', { opened: 'yes' }],
    ['a missing field', {}],
    ['no result at all', undefined],
    ['not an object', 'opened'],
  ])('rejects a malformed result (%s) with the same ApiCallError as the web path', async (_, result) => {
    const fake = fakePreload();
    fake.answer('openExternal', { ok: true, result });
    const viaPreload = await failureOf(wrap(fake.onCall).api.openExternal({ url: 'https://example.com' }));
    const web = webClientAnswering({ ok: true, result });
    const viaWeb = await failureOf(web.connection.api.openExternal({ url: 'https://example.com' }));
    web.connection.close();

    expect(viaPreload).toBeInstanceOf(ApiCallError);
    expect(viaPreload).toMatchObject({ code: 'failed', message: expect.stringMatching(/^openExternal: malformed result: /) });
    expect({ code: (viaPreload as ApiCallError).code, message: (viaPreload as ApiCallError).message }).toEqual({
      code: (viaWeb as ApiCallError).code,
      message: (viaWeb as ApiCallError).message,
    });
  });

  it.each<[ApiCallError['code'], string]>([
    ['unauthorized', 'IPC from an untrusted frame'],
    ['invalid-input', 'pauseNotifications: minutes: Too big: expected number to be <=1440'],
    ['failed', 'pauseNotifications: the store is read-only'],
    ['unknown-command', 'unknown command "x"'],
  ])('rebuilds an engine error (%s) as the ApiCallError the web path gives', async (code, message) => {
    const fake = fakePreload();
    fake.answer('pauseNotifications', { ok: false, error: { code, message } });
    const viaPreload = await failureOf(wrap(fake.onCall).api.pauseNotifications({ minutes: 5000 }));
    const web = webClientAnswering({ ok: false, error: { code, message } });
    const viaWeb = await failureOf(web.connection.api.pauseNotifications({ minutes: 5000 }));
    web.connection.close();

    expect(viaPreload).toBeInstanceOf(ApiCallError);
    expect(viaPreload).toMatchObject({ code, message });
    expect(viaWeb).toMatchObject({ code, message });
  });

  it('reports any other failure as ApiCallError "failed", naming the command', async () => {
    const fake = fakePreload();
    const { api } = wrap(fake.onCall);
    await expect(api.getSnapshot({})).rejects.toMatchObject({
      name: 'ApiCallError',
      code: 'failed',
      message: expect.stringMatching(/^getSnapshot: Error invoking remote method .*No handler registered$/),
    });
    fake.answer('resumeNotifications', new Error('Nope: something odd'));
    await expect(api.resumeNotifications({})).rejects.toMatchObject({ code: 'failed', message: 'resumeNotifications: Nope: something odd' });
    const missing = wrap({ on: fake.onCall.on } as PreloadApi);
    await expect(missing.api.getSnapshot({})).rejects.toMatchObject({ name: 'ApiCallError', code: 'failed', message: expect.stringContaining('getSnapshot: ') });
  });
});

describe('preload client events', () => {
  it('delivers valid payloads, drops invalid ones and reports them exactly as the web path does', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fake = fakePreload();
    const { api } = wrap(fake.onCall);
    const received: unknown[] = [];
    const unsubscribe = api.on('notificationsChanged', (payload) => received.push(payload));

    fake.push('notificationsChanged', settings);
    fake.push('notificationsChanged', { minSeverity: 'loud', onResolve: false, pausedUntil: null, silenceExpiryWarningMs: 600_000 });
    fake.push('notificationsChanged', undefined);
    unsubscribe();
    fake.push('notificationsChanged', settings);

    expect(received).toEqual([settings]);
    const preloadWarnings = warn.mock.calls.map((args) => args.join(' '));
    expect(preloadWarnings).toHaveLength(2);
    expect(preloadWarnings[0]).toMatch(/^ignored event frame: notificationsChanged: minSeverity: /);

    warn.mockClear();
    const web = webClientAnswering({});
    web.connection.api.on('notificationsChanged', () => undefined);
    web.send({ event: 'notificationsChanged', payload: { minSeverity: 'loud', onResolve: false, pausedUntil: null, silenceExpiryWarningMs: 600_000 } });
    web.send({ event: 'notificationsChanged', payload: undefined });
    web.connection.close();
    expect(warn.mock.calls.map((args) => args.join(' '))).toEqual(preloadWarnings);
  });

  it('hands listeners the payload as parsed by the shared schema', () => {
    const fake = fakePreload();
    const { api } = wrap(fake.onCall);
    const received: unknown[] = [];
    api.on('focusAlert', (payload) => received.push(payload));
    fake.push('focusAlert', { fingerprint: 'f1', injected: '<script>' });
    expect(received).toEqual([{ fingerprint: 'f1' }]);
  });

  it('keeps calling the other listeners when one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const fake = fakePreload();
    const { api } = wrap(fake.onCall);
    const received: string[] = [];
    api.on('focusAlert', () => {
      throw new Error('broken view');
    });
    api.on('focusAlert', ({ fingerprint }) => received.push(fingerprint));
    fake.push('focusAlert', { fingerprint: 'f1' });
    expect(received).toEqual(['f1']);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('subscribes to the preload once per event name and lets go of everything on close', () => {
    const fake = fakePreload();
    const connection = wrapPreloadApi(fake.onCall);
    connection.api.on('focusAlert', () => undefined);
    connection.api.on('focusAlert', () => undefined);
    connection.api.on('sourcesChanged', () => undefined);
    expect(fake.subscriptions()).toBe(2);
    connection.close();
    expect(fake.subscriptions()).toBe(0);
    connection.api.on('configChanged', () => undefined);
    expect(fake.subscriptions()).toBe(0);
  });

  it('is connected from the start', () => {
    const states: ConnectionStatus[] = [];
    wrap(fakePreload().onCall).onStatus((status) => states.push(status));
    expect(states).toEqual([{ state: 'connected', lastError: null }]);
  });
});
