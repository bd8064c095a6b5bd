import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { EVENT_NAMES } from '../../shared/api';
import { SECRETS_FILE_NAME } from '../../electron/app/start-engine';
import { createCommandHandlers } from '../../electron/bridge/command-handlers';
import { startWebBridge, type WebBridge } from '../../electron/bridge/web-bridge';
import { SecretStore } from '../../electron/secrets/secret-store';
import { startTestHost } from '../helpers/engine-host';
import { waitFor } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const BRIDGE_TOKEN = 'bridge-token-LEAKCHECK-0000000000';
const TOKENS = {
  secret: 'tok-from-secret-store-LEAKCHECK-1111',
  env: 'tok-from-env-var-LEAKCHECK-2222',
  file: 'tok-from-file-LEAKCHECK-3333',
  typed: 'tok-typed-in-form-LEAKCHECK-4444',
  saved: 'tok-saved-later-LEAKCHECK-5555',
};
const ENV_NAME = 'OCC_LEAK_TEST_TOKEN';

/**
 * The careless server: every answer echoes the request's headers back, token included, as a
 * 401 (`/unauthorized`), a 500 (`/broken`) or a 200 that is not the expected JSON (`/garbage`).
 */
async function startEchoServer() {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    received.push(request.headers.authorization ?? '');
    const echo = JSON.stringify({ message: `invalid key ${request.headers.authorization ?? ''}`, headers: request.headers });
    const status = request.url?.startsWith('/unauthorized') ? 401 : request.url?.startsWith('/broken') ? 500 : 200;
    response.writeHead(status, { 'content-type': status === 200 ? 'text/html' : 'application/json', 'x-echo-authorization': request.headers.authorization ?? '' }).end(status === 200 ? `<html>${echo}</html>` : echo);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function expectNoToken(what: string, text: string) {
  for (const [kind, token] of Object.entries({ ...TOKENS, bridge: BRIDGE_TOKEN })) expect(text.includes(token), `${kind} token in ${what}`).toBe(false);
  expect(text, what).not.toContain('LEAKCHECK');
}

describe('tokens never reach the renderer or the logs', () => {
  const folder = useTempFolder('occ-secret-leak-');
  const cleanup: Array<() => Promise<void> | void> = [];

  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
    delete process.env[ENV_NAME];
  });

  it('keeps tokens from the secret store, an env variable, a file and the form out of snapshots, events, answers and logs, even when a server echoes them', async () => {
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true));
    cleanup.push(() => spy.mockRestore());
    const echo = await startEchoServer();
    cleanup.push(echo.close);
    new SecretStore(path.join(folder.dir, SECRETS_FILE_NAME)).set('am-token', TOKENS.secret);
    process.env[ENV_NAME] = TOKENS.env;
    const tokenFile = path.join(folder.dir, 'token.txt');
    await writeFile(tokenFile, `${TOKENS.file}\n`);
    const source = (name: string, route: string, token: string) =>
      `  - type: alertmanager\n    name: ${name}\n    url: ${echo.url}/${route}\n    interval: 1s\n    timeout: 2s\n    token: ${token}\n`;
    const host = await startTestHost({
      dir: folder.dir,
      config: `sources:\n${source('from-secret', 'unauthorized', '{ secret: am-token }')}${source('from-env', 'broken', `{ env: ${ENV_NAME} }`)}${source('from-file', 'garbage', `{ file: ${tokenFile} }`)}`,
    });
    cleanup.push(() => host.stop());
    const events: string[] = [];
    for (const event of EVENT_NAMES) host.engine.on(event, (payload: unknown) => void events.push(JSON.stringify({ event, payload })));
    const handlers = createCommandHandlers(host.engine, { openExternal: async () => false, actions: host.actions, sourceSettings: host.sourceSettings, runbooks: host.runbooks, incidents: host.incidents, history: host.history, shift: host.shift });
    const bridge: WebBridge = await startWebBridge({ engine: host.engine, handlers, rendererDir: folder.dir, token: BRIDGE_TOKEN, log: (line) => host.logs.push(line) });
    cleanup.push(() => bridge.close());
    const frames: string[] = [];
    const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}/api/events?token=${BRIDGE_TOKEN}`);
    socket.on('message', (data: Buffer) => void frames.push(data.toString()));
    await new Promise((resolve) => socket.on('open', resolve));
    cleanup.push(() => socket.close());
    const answers: string[] = [];
    const call = async (name: string, input: unknown) => {
      const response = await fetch(`${bridge.url}api/commands/${name}`, { method: 'POST', headers: { authorization: `Bearer ${BRIDGE_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const text = await response.text();
      answers.push(text);
      return JSON.parse(text) as { ok: boolean; result?: unknown; error?: { message: string } };
    };

    // Every source failed at least once against the echoing server, which did get each token.
    await waitFor(async () => (['from-secret', 'from-env', 'from-file'].every((name) => host.engine.snapshot().sources.find((health) => health.name === name)?.lastError) ? true : undefined), {
      description: 'all three sources failing',
      timeoutMs: 20_000,
    });
    expect(new Set(echo.received)).toEqual(new Set([`Bearer ${TOKENS.secret}`, `Bearer ${TOKENS.env}`, `Bearer ${TOKENS.file}`]));

    expect(await call('getSnapshot', {})).toMatchObject({ ok: true });
    expect(await call('getSourceSettings', {})).toMatchObject({ ok: true });
    const tested = await call('testSource', { fields: { type: 'alertmanager', name: 'probe', url: `${echo.url}/unauthorized` }, token: TOKENS.typed });
    expect(echo.received).toContain(`Bearer ${TOKENS.typed}`);
    expect(tested.ok).toBe(true);
    expect(await call('saveSecret', { name: 'later', value: TOKENS.saved })).toEqual({ ok: true, result: { reference: { secret: 'later' } } });
    expect(await call('getSourceSettings', {})).toMatchObject({ ok: true });
    // A failing command's error message, with a token as its input.
    await call('saveSecret', { name: '../escape', value: TOKENS.saved });

    await waitFor(async () => (frames.length > 0 ? true : undefined), { description: 'an event frame on the socket' });
    expectNoToken('the snapshot', JSON.stringify(host.engine.snapshot()));
    expectNoToken('the engine events', events.join('\n'));
    expectNoToken('the WebSocket frames', frames.join('\n'));
    expectNoToken('the command answers', answers.join('\n'));
    expectNoToken('the log', host.logs.join('\n'));
    expectNoToken('stderr', stderr.join(''));
    // The checks looked at something: errors were shown and logged.
    expect(JSON.stringify(host.engine.snapshot().sources)).toMatch(/401|500/);
    expect(events.length).toBeGreaterThan(0);
  }, 60_000);
});
