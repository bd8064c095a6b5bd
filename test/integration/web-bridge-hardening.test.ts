import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCommandHandlers } from '../../electron/bridge/command-handlers';
import { MAX_COMMAND_BYTES, MAX_SOCKET_MESSAGE_BYTES, startWebBridge, type WebBridge, type WebBridgeOptions } from '../../electron/bridge/web-bridge';
import type { Engine } from '../../electron/engine/engine';
import { startTestEngine, testConfig } from '../helpers/engine-harness';

const TOKEN = 'hardening-token-0123456789abcdef';

function post(port: number, name: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/commands/${name}`, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    // The server may answer and drop an oversized body before it is all sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}

/** How a WebSocket attempt ended: opened (then closed by us), or the HTTP status that refused it. */
function upgrade(url: string, options: { origin?: string; headers?: Record<string, string> } = {}) {
  return new Promise<'open' | number>((resolve) => {
    const socket = new WebSocket(url, options);
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    socket.on('error', () => undefined);
  });
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => resolve(socket));
    socket.on('error', reject);
  });
}

function closed(socket: WebSocket) {
  return new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe('the loopback bridge under attack', () => {
  let dir: string;
  let engine: Engine;
  const started: WebBridge[] = [];
  const start = async (overrides: Partial<WebBridgeOptions> = {}) => {
    const bridge = await startWebBridge({ engine, handlers: createCommandHandlers(engine, { openExternal: async () => false }), rendererDir: path.join(dir, 'renderer'), token: TOKEN, ...overrides });
    started.push(bridge);
    return bridge;
  };
  const headersFor = (bridge: WebBridge, extra: Record<string, string> = {}) => ({
    host: `127.0.0.1:${bridge.port}`,
    'content-type': 'application/json',
    authorization: `Bearer ${TOKEN}`,
    ...extra,
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'occ-bridge-hardening-'));
    await mkdir(path.join(dir, 'renderer'));
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>test</title>');
    engine = startTestEngine(testConfig([]));
  });

  // Each bridge listens to every engine event: closed after its test, so they do not pile up on the one engine.
  afterEach(async () => {
    for (const bridge of started.splice(0)) await bridge.close();
  });

  afterAll(async () => {
    engine?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 only and reports its URL, token in the fragment', async () => {
    const bridge = await start();
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    expect(new URL(bridge.openUrl).hash).toBe(`#token=${TOKEN}`);
  });

  it('refuses a command with no, an empty, a wrong, a longer or a non-Bearer token, and says so in an {error} envelope', async () => {
    const bridge = await start();
    for (const authorization of ['', 'Bearer ', 'Bearer wrong', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, `bearer ${TOKEN}`]) {
      const answer = await post(bridge.port, 'getSnapshot', '{}', headersFor(bridge, { authorization }));
      expect(answer.status, authorization).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } });
    }
    const { authorization: _dropped, ...noToken } = headersFor(bridge);
    expect((await post(bridge.port, 'getSnapshot', '{}', noToken)).status).toBe(401);
  });

  it.each(['evil.example:PORT', 'attacker.example:PORT', '127.0.0.1.nip.io:PORT', 'localhost.evil.example:PORT', '127.0.0.1:1', '127.0.0.1', '[::1]:PORT', '0.0.0.0:PORT'])(
    'refuses Host %s (DNS rebinding), even with the token',
    async (hostPattern) => {
      const bridge = await start();
      const host = hostPattern.replace('PORT', String(bridge.port));
      expect((await post(bridge.port, 'getSnapshot', '{}', headersFor(bridge, { host }))).status).toBe(421);
      expect(await upgrade(`ws://127.0.0.1:${bridge.port}/api/events?token=${TOKEN}`, { headers: { host } })).toBe(403);
    },
  );

  it.each(['http://evil.example', 'null', 'http://127.0.0.1:1', 'https://127.0.0.1:PORT', 'http://127.0.0.1:PORT.evil.example', 'file://'])(
    'refuses Origin %s on commands and on the event socket, even with the token',
    async (originPattern) => {
      const bridge = await start();
      const origin = originPattern.replace('PORT', String(bridge.port));
      expect((await post(bridge.port, 'getSnapshot', '{}', headersFor(bridge, { origin }))).status).toBe(403);
      expect(await upgrade(`ws://127.0.0.1:${bridge.port}/api/events?token=${TOKEN}`, { origin })).toBe(403);
    },
  );

  it('refuses the event socket without the token, with a wrong one, or with it in a header instead of the URL', async () => {
    const bridge = await start();
    const events = `ws://127.0.0.1:${bridge.port}/api/events`;
    expect(await upgrade(events)).toBe(403);
    expect(await upgrade(`${events}?token=`)).toBe(403);
    expect(await upgrade(`${events}?token=wrong`)).toBe(403);
    expect(await upgrade(events, { headers: { authorization: `Bearer ${TOKEN}` } })).toBe(403);
    expect(await upgrade(`${events}?token=${TOKEN}`)).toBe('open');
  });

  it('refuses an oversized command body with 413 and keeps answering', async () => {
    const bridge = await start();
    const huge = JSON.stringify({ minutes: 5, padding: 'x'.repeat(MAX_COMMAND_BYTES) });
    const answer = await post(bridge.port, 'pauseNotifications', huge, headersFor(bridge));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: `request body over ${MAX_COMMAND_BYTES} bytes` } });
    expect(engine.snapshot().notifications.pausedUntil).toBeNull();
    expect((await post(bridge.port, 'getSnapshot', '{}', headersFor(bridge))).status).toBe(200);
  });

  it('refuses an oversized body sent in chunks, without a length, with 413', async () => {
    const bridge = await start();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, method: 'POST', path: '/api/commands/pauseNotifications', headers: { ...headersFor(bridge), 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      const chunk = 'x'.repeat(64 * 1024);
      for (let sent = 0; sent <= MAX_COMMAND_BYTES; sent += chunk.length) req.write(chunk);
    });
    expect(answer.status).toBe(413);
    expect(engine.snapshot().notifications.pausedUntil).toBeNull();
  });

  it('closes an event socket that sends an oversized message (1009), and one that floods (1008)', async () => {
    const bridge = await start({ socketMessageRate: { burst: 5, perSecond: 0.001 } });
    const events = `ws://127.0.0.1:${bridge.port}/api/events?token=${TOKEN}`;
    const big = await openSocket(events);
    const bigClosed = closed(big);
    big.send('x'.repeat(MAX_SOCKET_MESSAGE_BYTES + 1));
    expect((await bigClosed).code).toBe(1009);

    const chatty = await openSocket(events);
    const chattyClosed = closed(chatty);
    for (let i = 0; i < 10; i += 1) chatty.send('hello');
    expect(await chattyClosed).toEqual({ code: 1008, reason: 'too many messages' });
    expect((await post(bridge.port, 'getSnapshot', '{}', headersFor(bridge))).status).toBe(200);
  });

  it('answers too many commands with 429, Retry-After and a clear message, before running them', async () => {
    const bridge = await start({ commandRate: { burst: 5, perSecond: 0.01 } });
    const statuses: number[] = [];
    let refused: { status: number; body: string; headers: Record<string, unknown> } | undefined;
    for (let i = 0; i < 8; i += 1) {
      const answer = await post(bridge.port, 'getSnapshot', '{}', headersFor(bridge));
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused!.body)).toEqual({ ok: false, error: { code: 'failed', message: expect.stringMatching(/^too many requests: .*retry in \d+ s$/) } });
    // A command refused for its rate did not run.
    expect((await post(bridge.port, 'pauseNotifications', '{"minutes":5}', headersFor(bridge))).status).toBe(429);
    expect(engine.snapshot().notifications.pausedUntil).toBeNull();
  });

  it('stops cleanly: connections dropped, port freed for the next start, a second close harmless', async () => {
    const bridge = await start();
    const socket = await openSocket(`ws://127.0.0.1:${bridge.port}/api/events?token=${TOKEN}`);
    const socketClosed = closed(socket);
    await bridge.close();
    await socketClosed;
    await bridge.close();
    await expect(post(bridge.port, 'getSnapshot', '{}', headersFor(bridge))).rejects.toThrow(/ECONNREFUSED/);
    const again = await start({ port: bridge.port });
    expect(again.port).toBe(bridge.port);
    expect((await post(again.port, 'getSnapshot', '{}', headersFor(again))).status).toBe(200);
  });

  it('says which port is in use when it cannot listen', async () => {
    const first = await start();
    await expect(start({ port: first.port })).rejects.toThrow(`browser access could not listen on 127.0.0.1:${first.port}: the port is in use by another program`);
  });
});
