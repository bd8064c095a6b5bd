import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCommandHandlers } from '../../electron/bridge/command-handlers';
import { startWebBridge, type WebBridge } from '../../electron/bridge/web-bridge';
import type { Engine } from '../../electron/engine/engine';
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
    engine = startTestEngine(testConfig([{ type: 'demo', name: 'demo', interval: 1000, timeout: 1000 }]));
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
    expect((await rawRequest(bridge.port, { path: '/../secret.txt', headers: { host } })).body).not.toContain('not for the web');
    expect((await rawRequest(bridge.port, { path: '/%2e%2e/secret.txt', headers: { host } })).status).toBe(404);
    expect((await rawRequest(bridge.port, { path: '/..%2fsecret.txt', headers: { host } })).status).toBe(403);
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
    expect(await frame).toEqual({ event: 'preferencesChanged', payload: { theme: 'light', groupBy: 'alertname' } });
    socket.close();
  });
});
