import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES, type ApiError, type ApiResult, type EventName } from '../../shared/api';
import { EVENTS_SENT_HEADER, helloFrame } from '../../shared/web-bridge-protocol';
import { log } from '../app/log';
import type { Engine } from '../engine/engine';
import { createTokenBucket, type RateLimit } from '../security/rate-limit';
import { dispatchCommand, type CommandHandlers } from './command-handlers';
import { SECURITY_HEADERS as HEADERS, serveStatic } from './static-files';

export interface WebBridgeOptions {
  engine: Engine;
  /** A promise while the engine is still starting: commands that come meanwhile wait for it. */
  handlers: CommandHandlers | Promise<CommandHandlers>;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  /** Where unexpected failures are written in full (the HTTP answer only says that one happened). */
  log?: (message: string) => void;
  /** Commands the whole bridge accepts (all pages share one token, so one bucket); defaults to DEFAULT_COMMAND_RATE. */
  commandRate?: RateLimit;
  /** Messages one WebSocket may send before it is closed (the page has nothing to send); defaults to DEFAULT_SOCKET_MESSAGE_RATE. */
  socketMessageRate?: RateLimit;
}

export interface WebBridge {
  url: string;
  /**
   * The URL to open, token included. It is in the fragment, which the browser does not send with the
   * page request (so no proxy or access log sees it); the page then sends it with every command and
   * on the event socket, to this loopback server only.
   */
  openUrl: string;
  port: number;
  /** Stops listening and drops every page's connection; safe to call twice. */
  close(): Promise<void>;
}

/** Far above what the dashboard sends (a handful of commands per user action), far below a flood. */
export const DEFAULT_COMMAND_RATE: RateLimit = { burst: 200, perSecond: 50 };
export const DEFAULT_SOCKET_MESSAGE_RATE: RateLimit = { burst: 20, perSecond: 5 };
/** Each event socket costs a copy of every event; a page needs one, a few tabs a few. */
export const MAX_EVENT_SOCKETS = 32;
/** The largest message a page may send on the event socket (it has no reason to send any). */
export const MAX_SOCKET_MESSAGE_BYTES = 1024;

export const MAX_COMMAND_BYTES = 256 * 1024;
const MAX_BUFFERED_EVENT_BYTES = 16 * 1024 * 1024;
/** `application/json`, optionally followed by parameters (`; charset=utf-8`); not `application/jsonx`. */
const JSON_CONTENT_TYPE = /^application\/json[ \t]*(?:;|$)/i;

/**
 * Serves the renderer and the same typed API the preload exposes, over loopback only: HTTP for
 * commands, a WebSocket for events. Every API call needs the per-launch token; Host and Origin
 * are checked so that other web pages (DNS rebinding, cross-site requests) get nowhere.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const logError = options.log ?? log;
  const rendererDir = path.resolve(options.rendererDir);
  const clients = new Set<WebSocket>();
  const commandBucket = createTokenBucket(options.commandRate ?? DEFAULT_COMMAND_RATE);
  let port = 0;
  let eventsSent = 0;
  let handlers: CommandHandlers | null = null;
  const handlersReady = Promise.resolve(options.handlers).then((ready) => (handlers = ready));
  handlersReady.catch(() => undefined); // answered per command, below

  const isAllowedHost = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const isAllowedOrigin = (origin: string | undefined) =>
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  const hasToken = (presented: string | null | undefined) => {
    if (!presented) return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server: Server = createServer((request, response) => {
    void handleRequest(request, response).catch((error: unknown) => {
      logError(`web bridge: ${request.method ?? '?'} request failed: ${error instanceof Error && error.stack ? error.stack : String(error)}`);
      // The page learns only that something failed; the details stay in the log.
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'failed', message: 'internal error' } });
      else response.destroy();
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host)) {
      response.writeHead(421, HEADERS).end('misdirected request');
      return;
    }
    const url = parseRequestUrl(request.url);
    if (!url) {
      response.writeHead(400, HEADERS).end('bad request');
      return;
    }
    const command = /^\/api\/commands\/([A-Za-z]+)$/.exec(url.pathname);
    if (command) {
      if (request.method !== 'POST') return sendJson(response, 405, failure('invalid-input', 'use POST'));
      if (!isAllowedOrigin(request.headers.origin)) return sendJson(response, 403, failure('unauthorized', 'origin not allowed'));
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!hasToken(bearer)) return sendJson(response, 401, failure('unauthorized', 'missing or wrong token'));
      if (!commandBucket.take()) {
        const retryAfter = Math.max(1, commandBucket.secondsUntilNext());
        return sendJson(response, 429, failure('failed', `too many requests: the bridge takes at most ${(options.commandRate ?? DEFAULT_COMMAND_RATE).perSecond} commands a second; retry in ${retryAfter} s`), { 'retry-after': String(retryAfter) });
      }
      if (!JSON_CONTENT_TYPE.test(request.headers['content-type'] ?? '')) {
        return sendJson(response, 415, failure('invalid-input', 'expected content-type application/json'));
      }
      const declared = Number(request.headers['content-length'] ?? 0);
      const body = declared > MAX_COMMAND_BYTES ? null : await readBody(request, MAX_COMMAND_BYTES);
      if (body === null) {
        // The rest of the body is not read: answer, then drop the connection.
        response.once('finish', () => request.socket.destroy());
        return sendJson(response, 413, failure('invalid-input', `request body over ${MAX_COMMAND_BYTES} bytes`), { connection: 'close' });
      }
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(response, 400, failure('invalid-input', 'request body is not JSON'));
      }
      const ready = handlers ?? (await handlersReady.catch((error: unknown) => error as Error));
      if (ready instanceof Error) return sendJson(response, 503, failure('failed', `${command[1]}: the engine did not start: ${ready.message}`));
      // Read in the same tick as the handler runs (dispatchCommand calls it before its first await),
      // so a snapshot's count is exact: it reflects every event counted and none after.
      const countHeader = { [EVENTS_SENT_HEADER]: String(eventsSent) };
      const result = await dispatchCommand(ready, command[1], input);
      return sendJson(response, result.ok ? 200 : result.error.code === 'unknown-command' ? 404 : 400, result, countHeader);
    }
    if (url.pathname.startsWith('/api/')) return sendJson(response, 404, failure('unknown-command', 'no such endpoint'));
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, HEADERS).end();
      return;
    }
    serveStatic(rendererDir, url.pathname, response);
  }

  // An oversized message closes the socket with 1009 (ws checks maxPayload before buffering it).
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    // A peer that resets the connection mid-handshake must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    const url = parseRequestUrl(request.url);
    const allowed =
      url !== null &&
      url.pathname === '/api/events' &&
      isAllowedHost(request.headers.host) &&
      isAllowedOrigin(request.headers.origin) &&
      hasToken(url.searchParams.get('token'));
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (clients.size >= MAX_EVENT_SOCKETS) {
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\nmore than ${MAX_EVENT_SOCKETS} event sockets open`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // The hello, then every event after it: the page can tell whether a snapshot missed any.
      ws.send(helloFrame(eventsSent));
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      // Events flow one way; anything the page sends is ignored, and a flood of it ends the socket.
      const messages = createTokenBucket(options.socketMessageRate ?? DEFAULT_SOCKET_MESSAGE_RATE);
      ws.on('message', () => {
        if (!messages.take()) ws.close(1008, 'too many messages');
      });
    });
  });

  const forwarders = EVENT_NAMES.map((event) => {
    const forward = (payload: unknown) => broadcast(event, payload);
    options.engine.on(event, forward as never);
    return { event, forward };
  });

  function broadcast(event: EventName, payload: unknown): void {
    eventsSent++;
    // Restoring thousands of cached alerts at start is one large event, usually before any page is here.
    if (clients.size === 0) return;
    const frame = JSON.stringify({ event, payload });
    for (const client of clients) {
      if (client.bufferedAmount > MAX_BUFFERED_EVENT_BYTES) {
        // A page that cannot keep up reconnects and starts from a fresh snapshot.
        client.terminate();
        continue;
      }
      client.send(frame);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`browser access could not listen on 127.0.0.1:${options.port ?? 0}: ${error.code === 'EADDRINUSE' ? 'the port is in use by another program' : error.message}`)),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    close: async () => {
      if (!server.listening) return;
      for (const { event, forward } of forwarders) options.engine.off(event, forward as never);
      for (const client of clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request target as a URL, or null when it does not parse (e.g. `http://[`). Only path and query are used. */
function parseRequestUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function failure(code: ApiError['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(response: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  // Serialised first, so a value that cannot be (a cycle, a BigInt) still gets a proper 500.
  const text = JSON.stringify(body);
  response.writeHead(status, { ...HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders });
  response.end(text);
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    request.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        request.pause();
        request.removeAllListeners('data');
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
