import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCommandHandlers, type CommandHandlers } from '../../electron/bridge/command-handlers';
import { startWebBridge, type WebBridge } from '../../electron/bridge/web-bridge';
import { SourceConfigSchema } from '../../electron/config/config-schema';
import type { Engine } from '../../electron/engine/engine';
import { EVENTS_SENT_HEADER, eventsSentInHello } from '../../shared/web-bridge-protocol';
import { startTestEngine, testConfig } from '../helpers/engine-harness';

const TOKEN = 'test-token-0123456789';

/** A raw request, so Host and Origin can be set to what an attacker's page would send. */
function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Bytes written straight to the port, for requests no well-behaved client would send; resolves with what came back. */
function rawExchange(port: number, text: string, options: { reset?: boolean } = {}) {
  return new Promise<string>((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(text);
      if (options.reset) socket.resetAndDestroy();
    });
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) => (options.reset ? resolve(answer) : reject(error)));
  });
}

/** Resolves with the HTTP status that refused a WebSocket handshake, rejects if it was accepted. */
function refusedUpgrade(url: string, options: { origin?: string; headers?: Record<string, string> } = {}) {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.on('open', () => {
      socket.close();
      reject(new Error(`${url} was accepted`));
    });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    socket.on('error', () => undefined);
  });
}

/** Resolves with the index of the first frame that matches, once it has come. */
async function waitForFrame(frames: Array<Record<string, unknown>>, matches: (frame: Record<string, unknown>) => boolean): Promise<number> {
  for (;;) {
    const index = frames.findIndex(matches);
    if (index >= 0) return index;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('loopback web bridge', () => {
  let dir: string;
  let engine: Engine;
  let bridge: WebBridge;
  let host: string;
  const command = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(bridge.port, {
      method: 'POST',
      path: `/api/commands/${name}`,
      headers: { host, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'occ-bridge-'));
    await mkdir(path.join(dir, 'renderer'));
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>test</title>');
    await writeFile(path.join(dir, 'secret.txt'), 'not for the web');
    engine = startTestEngine(testConfig([SourceConfigSchema.parse({ type: 'demo', name: 'demo', interval: '1s', timeout: '1s' })]));
    bridge = await startWebBridge({ engine, handlers: createCommandHandlers(engine, { openExternal: async () => false }), rendererDir: path.join(dir, 'renderer'), token: TOKEN });
    host = `127.0.0.1:${bridge.port}`;
  });

  afterAll(async () => {
    await bridge?.close();
    engine?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback and prints a URL with the token in the fragment', () => {
    expect(bridge.openUrl).toBe(`http://127.0.0.1:${bridge.port}/#token=${TOKEN}`);
  });

  it('serves the renderer with a strict CSP and refuses paths outside it', async () => {
    const index = await rawRequest(bridge.port, { path: '/', headers: { host } });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    // URL parsing already folds these two away, so they only show the file stays out of reach...
    expect((await rawRequest(bridge.port, { path: '/../secret.txt', headers: { host } })).body).not.toContain('not for the web');
    expect((await rawRequest(bridge.port, { path: '/%2e%2e/secret.txt', headers: { host } })).status).toBe(404);
    // ...while an encoded slash survives URL parsing and reaches the guard in serveStatic.
    const traversal = await rawRequest(bridge.port, { path: '/..%2fsecret.txt', headers: { host } });
    expect(traversal).toMatchObject({ status: 403, body: 'forbidden' });
  });

  it('follows the app:// rules: no symlink out of the folder, no dotfiles, the page never cached', async () => {
    await symlink(path.join(dir, 'secret.txt'), path.join(dir, 'renderer', 'link.txt'));
    await writeFile(path.join(dir, 'renderer', '.env'), 'TOKEN=hidden');
    await mkdir(path.join(dir, 'renderer', '.git'));
    await writeFile(path.join(dir, 'renderer', '.git', 'config'), 'hidden too');
    await writeFile(path.join(dir, 'renderer', 'app.js'), 'export {};');
    for (const target of ['/link.txt', '/.env', '/.git/config', '/%2eenv']) {
      const response = await rawRequest(bridge.port, { path: target, headers: { host } });
      expect(response, target).toMatchObject({ status: 403, body: 'forbidden' });
      expect(response.headers['content-security-policy'], target).toContain("default-src 'none'");
    }
    const script = await rawRequest(bridge.port, { path: '/app.js', headers: { host } });
    expect(script.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    for (const page of ['/', '/index.html']) expect((await rawRequest(bridge.port, { path: page, headers: { host } })).headers['cache-control'], page).toBe('no-store');
  });

  it('answers a malformed percent-encoding or request target with 400, not an error text', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/%']) {
      const response = await rawRequest(bridge.port, { path, headers: { host } });
      expect(response, path).toMatchObject({ status: 400, body: 'bad request' });
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    }
    const unparsable = await rawExchange(bridge.port, `GET http://[ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(unparsable).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers commands with the right token', async () => {
    const response = await command('getSnapshot', {});
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { ok: boolean; result: { sources: Array<{ name: string }> } };
    expect(body.ok).toBe(true);
    expect(body.result.sources.map((source) => source.name)).toEqual(['demo']);
  });

  it('refuses a missing or wrong token, a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await command('getSnapshot', {}, { authorization: '' })).status).toBe(401);
    expect((await command('getSnapshot', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await command('getSnapshot', {}, { host: `evil.example:${bridge.port}` })).status).toBe(421);
    expect((await command('getSnapshot', {}, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('accepts only application/json, with or without parameters, as the command body type', async () => {
    expect((await command('getSnapshot', {}, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await command('getSnapshot', {}, { 'content-type': 'Application/JSON;charset=UTF-8' })).status).toBe(200);
    for (const type of ['application/jsonx', 'application/json-patch+json', 'text/plain', 'application/x-www-form-urlencoded', '']) {
      const response = await command('getSnapshot', {}, { 'content-type': type });
      expect(response.status, type).toBe(415);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('answers an unexpected failure with 500 and a short message, keeping the details for the log', async () => {
    const logged: string[] = [];
    const handlers: CommandHandlers = {
      ...createCommandHandlers(engine, { openExternal: async () => false }),
      // A result JSON cannot carry fails after the handler, outside the command's own error handling.
      getSnapshot: () => ({ secret: BigInt(42) }) as never,
    };
    const failing = await startWebBridge({ engine, handlers, rendererDir: path.join(dir, 'renderer'), token: TOKEN, log: (line) => logged.push(line) });
    try {
      const response = await rawRequest(failing.port, {
        method: 'POST',
        path: '/api/commands/getSnapshot',
        headers: { host: `127.0.0.1:${failing.port}`, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: '{}',
      });
      expect(response.status).toBe(500);
      expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'failed', message: 'internal error' } });
      expect(logged.join('\n')).toContain('BigInt');
    } finally {
      await failing.close();
    }
  });

  it('holds commands until the engine has started, and names the failure when it did not', async () => {
    let start: (handlers: CommandHandlers) => void = () => undefined;
    const starting = new Promise<CommandHandlers>((resolve) => (start = resolve));
    const early = await startWebBridge({ engine, handlers: starting, rendererDir: path.join(dir, 'renderer'), token: TOKEN });
    const failed = await startWebBridge({ engine, handlers: Promise.reject(new Error('config.yaml: sources[0].url: Invalid URL')), rendererDir: path.join(dir, 'renderer'), token: TOKEN });
    const post = (port: number) =>
      rawRequest(port, { method: 'POST', path: '/api/commands/getSnapshot', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: '{}' });
    try {
      let answered = false;
      const waiting = post(early.port).then((response) => ((answered = true), response));
      // The page itself is served meanwhile, and the command is still waiting after it.
      expect((await rawRequest(early.port, { path: '/', headers: { host: `127.0.0.1:${early.port}` } })).status).toBe(200);
      expect(answered).toBe(false);
      start(createCommandHandlers(engine, { openExternal: async () => false }));
      expect((await waiting).status).toBe(200);

      const refused = await post(failed.port);
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body)).toEqual({ ok: false, error: { code: 'failed', message: 'getSnapshot: the engine did not start: config.yaml: sources[0].url: Invalid URL' } });
    } finally {
      await early.close();
      await failed.close();
    }
  });

  it('validates inputs with the shared schemas and names the field', async () => {
    const bad = await command('pauseNotifications', { minutes: 'soon' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^pauseNotifications: minutes: /) } });
    expect((await command('pauseNotifications', { minutes: 60, extra: true })).status).toBe(400);
    expect((await command('deleteEverything', {})).status).toBe(404);
    const paused = JSON.parse((await command('pauseNotifications', { minutes: 60 })).body) as { result: { pausedUntil: string } };
    expect(Date.parse(paused.result.pausedUntil)).toBeGreaterThan(Date.now() + 59 * 60_000);
  });

  it('refuses to open anything but http(s) URLs', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      const response = JSON.parse((await command('openExternal', { url })).body) as { result: { opened: boolean } };
      expect(response.result.opened).toBe(false);
    }
  });

  it('pushes engine events over the WebSocket only with the token', async () => {
    const refused = new WebSocket(`ws://${host}/api/events?token=wrong`);
    await expect(new Promise((resolve, reject) => { refused.on('open', resolve); refused.on('error', reject); })).rejects.toThrow(/403/);

    const socket = new WebSocket(`ws://${host}/api/events?token=${TOKEN}`);
    await new Promise((resolve) => socket.on('open', resolve));
    const frame = new Promise<{ event: string; payload: unknown }>((resolve) =>
      socket.on('message', (data: Buffer) => {
        const parsed = JSON.parse(data.toString()) as { event: string; payload: unknown };
        if (parsed.event === 'preferencesChanged') resolve(parsed);
      }),
    );
    await command('setPreferences', { theme: 'light' });
    expect(await frame).toEqual({ event: 'preferencesChanged', payload: { theme: 'light', groupBy: 'alertname', author: expect.any(String) } });
    socket.close();
  });

  it('numbers its events: a socket starts with a hello, a command answer counts the events its result reflects', async () => {
    const socket = new WebSocket(`ws://${host}/api/events?token=${TOKEN}`);
    const frames: Array<Record<string, unknown>> = [];
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    await new Promise((resolve) => socket.on('open', resolve));
    const themeFrame = (theme: string) => waitForFrame(frames, (frame) => frame.event === 'preferencesChanged' && (frame.payload as { theme: string }).theme === theme);

    await command('setPreferences', { theme: 'light' });
    const lightAt = await themeFrame('light');
    const snapshot = await command('getSnapshot', {});
    await command('setPreferences', { theme: 'dark' });
    const darkAt = await themeFrame('dark');

    const joinedAfter = eventsSentInHello(frames[0]);
    expect(joinedAfter, 'the first frame is the hello').not.toBeNull();
    const counted = Number(snapshot.headers[EVENTS_SENT_HEADER]);
    expect(Number.isInteger(counted)).toBe(true);
    // Frame i (after the hello) is event number joinedAfter + i: the snapshot reflects 'light', sent
    // before it was taken, and not 'dark', sent after, and its count says exactly that.
    expect((JSON.parse(snapshot.body) as { result: { preferences: { theme: string } } }).result.preferences.theme).toBe('light');
    expect(joinedAfter! + lightAt).toBeLessThanOrEqual(counted);
    expect(joinedAfter! + darkAt).toBeGreaterThan(counted);
    expect(frames.slice(1).every((frame) => typeof frame.event === 'string')).toBe(true);

    // A socket that joins later is told of every event sent so far.
    const later = new WebSocket(`ws://${host}/api/events?token=${TOKEN}`);
    const hello = await new Promise<unknown>((resolve) => later.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
    expect(eventsSentInHello(hello)).toBeGreaterThanOrEqual(joinedAfter! + darkAt);
    later.close();
    socket.close();
  });

  it('refuses a WebSocket from a foreign Origin or to a foreign Host, even with the token', async () => {
    const events = `ws://${host}/api/events?token=${TOKEN}`;
    expect(await refusedUpgrade(events, { origin: 'http://evil.example' })).toBe(403);
    expect(await refusedUpgrade(events, { origin: `http://evil.example:${bridge.port}` })).toBe(403);
    expect(await refusedUpgrade(events, { headers: { host: `evil.example:${bridge.port}` } })).toBe(403);
    expect(await refusedUpgrade(`ws://${host}/api/elsewhere?token=${TOKEN}`)).toBe(403);
    // The same page origin is welcome.
    const accepted = new WebSocket(events, { origin: `http://${host}` });
    await new Promise((resolve, reject) => { accepted.on('open', resolve); accepted.on('error', reject); });
    accepted.close();
  });

  it('survives handshakes that are unparsable or reset half-way', async () => {
    const upgrade = (target: string) =>
      `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    expect(await rawExchange(bridge.port, upgrade('http://['))).toMatch(/^HTTP\/1\.1 403 /);
    for (let i = 0; i < 20; i += 1) await rawExchange(bridge.port, upgrade('/api/events?token=wrong'), { reset: true });
    expect((await command('getSnapshot', {})).status).toBe(200);
  });
});
