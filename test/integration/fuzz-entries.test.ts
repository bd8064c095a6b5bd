import fc from 'fast-check';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { COMMAND_NAMES, commands } from '../../shared/api';
import { handlerDepsFor, type EngineHost } from '../../electron/app/start-engine';
import { createCommandHandlers, dispatchCommand, type CommandHandlers } from '../../electron/bridge/command-handlers';
import { startWebBridge, type WebBridge } from '../../electron/bridge/web-bridge';
import { DASHBOARD_URL } from '../../electron/security/app-protocol';
import { handleIpcCommand } from '../../electron/security/ipc-sender-policy';
import { startTestHost } from '../helpers/engine-host';

/**
 * Malformed, oversized and hostile messages at every entry of the engine: `dispatchCommand`
 * (what IPC and the bridge share), the IPC wrapper, and the real bridge over HTTP and WebSocket.
 * Each gets a clear error, the engine keeps answering, and nothing changes: not its snapshot, not
 * a file in its data folder. Runs are few, so CI stays fast; a failure prints its seed to replay.
 */
const TOKEN = 'fuzz-token-0123456789abcdef0123';
const RUNS = 60;

/** Anything JSON or JavaScript can carry, plus the shapes attackers like best. */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: false, withObjectString: true, withNullPrototype: true }),
  fc.constantFrom(
    JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
    { constructor: { prototype: { polluted: true } } },
    { minutes: 1e308 },
    { minutes: -1 },
    { minutes: Number.NaN },
    { id: '../../../../etc/passwd' },
    { url: 'javascript:alert(1)' },
    { fingerprint: 'x'.repeat(300_000) },
    'x'.repeat(300_000),
    JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`) as unknown,
  ),
);

/** A value the command's own schema refuses (only those: a valid one may rightly change state). */
const invalidInputFor = (name: (typeof COMMAND_NAMES)[number]) => hostileValue.filter((value) => !commands[name].input.safeParse(value ?? {}).success);

const commandName = fc.constantFrom(...COMMAND_NAMES);

/** Whether the bridge would take `text` as a valid input of `command` (an empty body is the empty input). */
function isValidInput(command: string, text: string): boolean {
  if (!(COMMAND_NAMES as readonly string[]).includes(command)) return false;
  let parsed: unknown;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : {};
  } catch {
    return false; // not JSON at all: refused whatever the command
  }
  return commands[command as (typeof COMMAND_NAMES)[number]].input.safeParse(parsed ?? {}).success;
}

describe('fuzzing every entry of the engine', () => {
  let dir: string;
  let host: EngineHost;
  let handlers: CommandHandlers;
  let bridge: WebBridge;
  let stateBefore: string;

  /**
   * The engine's observable state: its snapshot and every file it keeps. A `.tmp` file is an
   * atomic write under way (the state cache saves a couple of seconds after a change), renamed
   * over its file at any moment: not state, and it may be gone by the time it is read.
   */
  async function state(): Promise<string> {
    const files: string[] = [];
    for (const entry of await readdir(path.join(dir, 'data'), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
      files.push(`${path.join(entry.parentPath, entry.name)}=${await readFile(path.join(entry.parentPath, entry.name), 'base64')}`);
    }
    return JSON.stringify({ snapshot: host.engine.snapshot(), files: files.sort() });
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'occ-fuzz-'));
    await mkdir(path.join(dir, 'data'));
    await mkdir(path.join(dir, 'renderer'));
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>fuzz</title>');
    host = await startTestHost({ dir: path.join(dir, 'data'), config: 'sources: []\n' });
    handlers = createCommandHandlers(host.engine, handlerDepsFor(host, async () => false));
    // High limits: this is about what the bridge does with each message, not how many it takes.
    bridge = await startWebBridge({ engine: host.engine, handlers, rendererDir: path.join(dir, 'renderer'), token: TOKEN, commandRate: { burst: 10_000, perSecond: 10_000 }, socketMessageRate: { burst: 10_000, perSecond: 10_000 } });
    // The history opens its database after the engine started: its file belongs to the state before.
    await host.history.get('none', new Date());
    stateBefore = await state();
  }, 60_000);

  afterAll(async () => {
    await bridge?.close();
    await host?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('dispatchCommand answers every invalid input of every command with invalid-input naming the command', async () => {
    await fc.assert(
      fc.asyncProperty(commandName.chain((name) => fc.tuple(fc.constant(name), invalidInputFor(name))), async ([name, input]) => {
        const result = await dispatchCommand(handlers, name, input);
        expect(result).toEqual({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(new RegExp(`^${name}: .+`)) } });
      }),
      { numRuns: RUNS * 3 },
    );
    expect(await state()).toBe(stateBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('dispatchCommand answers any other name with unknown-command', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), hostileValue, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')), hostileValue, async (name, input) => {
        fc.pre(!(COMMAND_NAMES as readonly unknown[]).includes(name));
        const result = await dispatchCommand(handlers, name, input);
        expect(result).toMatchObject({ ok: false, error: { code: 'unknown-command', message: expect.stringMatching(/^unknown command /) } });
      }),
      { numRuns: RUNS },
    );
    expect(await state()).toBe(stateBefore);
  });

  it('the IPC wrapper refuses every command, valid or not, from any frame but the dashboard’s main frame', async () => {
    const sender = fc.record({ frameUrl: fc.oneof(fc.constant(null), fc.webUrl(), fc.constantFrom(`${DASHBOARD_URL}`, 'file:///index.html', 'devtools://devtools/x')), isMainFrame: fc.boolean(), fromDashboard: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(commandName, fc.oneof(hostileValue, fc.constant({})), sender, async (name, input, from) => {
        fc.pre(!(from.fromDashboard && from.isMainFrame && from.frameUrl === DASHBOARD_URL));
        expect(await handleIpcCommand(handlers, name, input, from)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      }),
      { numRuns: RUNS },
    );
    expect(await state()).toBe(stateBefore);
  });

  it('the bridge answers malformed, oversized and hostile HTTP requests with a 4xx {error}, and keeps serving', async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      hostileValue.map((value) => JSON.stringify(value) ?? 'undefined'),
      fc.constant('x'.repeat(300_000)),
    );
    const name = fc.oneof(commandName, fc.stringMatching(/^[A-Za-z]{1,20}$/));
    const headers = fc.record({
      token: fc.oneof(fc.constant(TOKEN), fc.constant(TOKEN), fc.string({ maxLength: 40 }).filter((text) => /^[\x21-\x7e]*$/.test(text))),
      origin: fc.constantFrom(undefined, 'http://evil.example', 'null', `http://127.0.0.1:PORT`),
      contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', 'multipart/form-data'),
    });
    await fc.assert(
      fc.asyncProperty(name, body, headers, async (command, text, sent) => {
        // Only inputs the schema refuses: a valid one may rightly change state.
        fc.pre(!isValidInput(command, text));
        const answer = await post(bridge.port, command, text, {
          host: `127.0.0.1:${bridge.port}`,
          authorization: `Bearer ${sent.token}`,
          'content-type': sent.contentType,
          ...(sent.origin ? { origin: sent.origin.replace('PORT', String(bridge.port)) } : {}),
        });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        const parsed = JSON.parse(answer.body) as { ok: boolean; error: { code: string; message: string } };
        expect(parsed.ok).toBe(false);
        expect(parsed.error.message.length).toBeGreaterThan(0);
        expect(answer.body).not.toContain(TOKEN);
      }),
      { numRuns: RUNS },
    );
    expect(await state()).toBe(stateBefore);
    expect((await post(bridge.port, 'getSnapshot', '{}', { host: `127.0.0.1:${bridge.port}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' })).status).toBe(200);
  }, 60_000);

  it('the event socket ignores whatever a page sends, closes on oversized messages, and the engine keeps serving', async () => {
    const message = fc.oneof(fc.string({ maxLength: 1024 }), fc.uint8Array({ maxLength: 2048 }), hostileValue.map((value) => JSON.stringify(value) ?? ''));
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 5 }), async (messages) => {
        const socket = await new Promise<WebSocket>((resolve, reject) => {
          const opened = new WebSocket(`ws://127.0.0.1:${bridge.port}/api/events?token=${TOKEN}`);
          opened.on('open', () => resolve(opened));
          opened.on('error', reject);
        });
        const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
        socket.on('error', () => undefined);
        for (const data of messages) socket.send(data);
        const oversized = messages.some((data) => Buffer.byteLength(data as string | Uint8Array) > 1024);
        if (!oversized) socket.close(1000);
        expect(await closed).toBe(oversized ? 1009 : 1000);
      }),
      { numRuns: RUNS / 2 },
    );
    expect(await state()).toBe(stateBefore);
  }, 60_000);
});

function post(port: number, name: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/commands/${encodeURIComponent(name)}`, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}
