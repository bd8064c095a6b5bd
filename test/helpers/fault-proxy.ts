/**
 * A fault-injecting TCP proxy for tests: listens on 127.0.0.1 (random free port) in front of a
 * real server and, per request, passes it through or misbehaves as the current mode says. The
 * mode can be switched at any time; it applies to requests that arrive afterwards.
 *
 * Every request is forwarded with `Connection: close` and every answer ends its connection, so
 * one connection carries exactly one request and `connections()` counts requests that reached
 * the proxy (or tried to).
 */
import { connect, createServer, type Socket } from 'node:net';
import { assertLoopback } from './servers';

export type FaultMode =
  | { kind: 'pass' }
  /** Hold the whole answer back for `delayMs`, then send it `bytesPerTick` bytes every `tickMs` (all at once when unset). */
  | { kind: 'slow'; delayMs: number; bytesPerTick?: number; tickMs?: number }
  /** Destroy the connection with a TCP RST as soon as the request arrives. */
  | { kind: 'reset' }
  /** Forward the real answer's head and only the first `bodyBytes` bytes of its body, then close. */
  | { kind: 'truncate'; bodyBytes: number }
  /** Answer this HTTP status itself, with a short text body. */
  | { kind: 'status'; status: 500 | 502 | 503 }
  /** Answer 200 with JSON that breaks off in the middle (complete per its content-length). */
  | { kind: 'malformed' }
  /** Answer 200 with a generated JSON body of `bytes` (default 100 MB), streamed without a content-length. */
  | { kind: 'huge'; bytes?: number }
  /** Accept the connection and never answer. */
  | { kind: 'blackhole' };

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  setMode(mode: FaultMode): void;
  mode(): FaultMode;
  /** Connections accepted so far: one per request. */
  connections(): number;
  /** Closes the listener and every connection still open (blackholed ones included). */
  close(): Promise<void>;
}

const HUGE_DEFAULT = 100 * 1024 * 1024;
const REASONS: Record<number, string> = { 200: 'OK', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

export async function startFaultProxy(upstreamUrl: string): Promise<FaultProxy> {
  assertLoopback(upstreamUrl);
  const upstream = new URL(upstreamUrl);
  const upstreamPort = Number(upstream.port || 80);
  let mode: FaultMode = { kind: 'pass' };
  let accepted = 0;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => open.delete(socket));
    return socket;
  };

  /** Sends the request upstream and calls back with everything the server answered (it closes after one answer). */
  const fetchUpstream = (client: Socket, head: Buffer, onAnswer: (answer: Buffer) => void) => {
    const server = track(connect(upstreamPort, upstream.hostname));
    const chunks: Buffer[] = [];
    server.on('data', (chunk: Buffer) => chunks.push(chunk));
    server.on('end', () => onAnswer(Buffer.concat(chunks)));
    server.on('error', () => client.destroy());
    client.on('close', () => server.destroy());
    server.write(head);
  };

  const handle = (client: Socket, head: Buffer, current: FaultMode) => {
    switch (current.kind) {
      case 'pass': {
        const server = track(connect(upstreamPort, upstream.hostname));
        server.write(head);
        client.pipe(server);
        server.pipe(client);
        server.on('error', () => client.destroy());
        client.on('close', () => server.destroy());
        return;
      }
      case 'slow':
        return fetchUpstream(client, head, (answer) => {
          setTimeout(() => trickle(client, answer, current.bytesPerTick ?? answer.length, current.tickMs ?? 0), current.delayMs);
        });
      case 'reset':
        return client.resetAndDestroy();
      case 'truncate':
        return fetchUpstream(client, head, (answer) => {
          const bodyStart = answer.indexOf('\r\n\r\n') + 4;
          client.end(answer.subarray(0, bodyStart + current.bodyBytes));
        });
      case 'status':
        return answerWith(client, current.status, 'text/plain', `fault proxy: ${current.status} ${REASONS[current.status]}\n`);
      case 'malformed':
        return answerWith(client, 200, 'application/json', '[{"labels": {"alertname": "Broken", "severity": ');
      case 'huge':
        return streamHuge(client, current.bytes ?? HUGE_DEFAULT);
      case 'blackhole':
        return;
    }
  };

  const server = createServer((client) => {
    accepted++;
    track(client);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      handle(client, withConnectionClose(buffered, end), mode);
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    setMode: (next) => {
      mode = next;
    },
    mode: () => mode,
    connections: () => accepted,
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request head (and anything after it) with any Connection header replaced by `close`. */
function withConnectionClose(request: Buffer, headEnd: number): Buffer {
  const lines = request.subarray(0, headEnd).toString('latin1').split('\r\n');
  const kept = lines.filter((line, index) => index === 0 || !/^(connection|keep-alive):/i.test(line));
  return Buffer.concat([Buffer.from(`${[...kept, 'connection: close'].join('\r\n')}\r\n\r\n`, 'latin1'), request.subarray(headEnd + 4)]);
}

function answerWith(client: Socket, status: number, type: string, body: string): void {
  const bytes = Buffer.from(body);
  client.end(
    Buffer.concat([
      Buffer.from(`HTTP/1.1 ${status} ${REASONS[status]}\r\ncontent-type: ${type}\r\ncontent-length: ${bytes.length}\r\nconnection: close\r\n\r\n`),
      bytes,
    ]),
  );
}

function trickle(client: Socket, answer: Buffer, bytesPerTick: number, tickMs: number): void {
  let sent = 0;
  const next = () => {
    if (client.destroyed) return;
    const piece = answer.subarray(sent, sent + Math.max(1, bytesPerTick));
    sent += piece.length;
    if (sent >= answer.length) return void client.end(piece);
    client.write(piece);
    setTimeout(next, tickMs);
  };
  next();
}

/** `[{"labels":{…}}, …]` generated 64 KiB at a time with backpressure: never held in memory whole. */
function streamHuge(client: Socket, total: number): void {
  client.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n[');
  const item = '{"labels":{"alertname":"Huge","severity":"warning"},"annotations":{}},';
  const chunk = Buffer.from(item.repeat(Math.floor((64 * 1024) / item.length)));
  let sent = 1;
  const pump = () => {
    while (!client.destroyed && sent + chunk.length < total) {
      sent += chunk.length;
      if (!client.write(chunk)) return;
    }
    client.off('drain', pump);
    if (!client.destroyed) client.end('{}]');
  };
  client.on('drain', pump);
  pump();
}
