import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getJson, getJsonBodyUnlessSame } from '../../electron/sources/http-json';

const Anything = z.unknown();
const signal = () => AbortSignal.timeout(10_000);

/** A raw TCP server on 127.0.0.1 that answers each request with what `answer` writes. */
async function rawServer(answer: (socket: Socket) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => answer(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * A port whose handshakes never complete: a stopped child listening with a backlog of one, its
 * queue filled up, so the kernel drops further SYNs, like a host behind a dead VPN.
 */
async function unansweredPort(): Promise<{ port: number; child: ChildProcess; held: Socket[] }> {
  const script = "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>console.log(s.address().port))";
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (data) => resolve(Number(String(data).trim()))));
  process.kill(child.pid!, 'SIGSTOP');
  const held: Socket[] = [];
  for (let i = 0; i < 10; i++) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    held.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) return { port, child, held };
  }
  throw new Error(`the stopped listener on port ${port} kept accepting connections; cannot simulate a dropped handshake`);
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(answer: (socket: Socket) => void): Promise<string> {
  const { url, server } = await rawServer(answer);
  servers.push(server);
  return url;
}

describe('getJson', () => {
  let unanswered: Awaited<ReturnType<typeof unansweredPort>> | undefined;
  afterAll(() => {
    unanswered?.child.kill('SIGKILL');
    for (const socket of unanswered?.held ?? []) socket.destroy();
  });

  it('gives up connecting after the connect timeout, separately from the whole request', async () => {
    unanswered = await unansweredPort();
    const url = new URL(`http://127.0.0.1:${unanswered.port}/api/v2/alerts`);
    await expect(getJson(url, Anything, { signal: signal(), connectTimeoutMs: 300 })).rejects.toThrow(`could not connect to 127.0.0.1:${unanswered.port} within 0.3 s`);
  });

  it('says a body was cut off, and after how many of the announced bytes', async () => {
    const url = await serve((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n[{"a": 1},');
      setTimeout(() => socket.end(), 20);
    });
    await expect(getJson(new URL(`${url}/api/v2/alerts`), Anything, { signal: signal() })).rejects.toThrow(
      'response from /api/v2/alerts was cut off after 10 of 100 bytes (connection closed unexpectedly)',
    );
  });

  it('says so too when the server closes right after the partial body', async () => {
    const url = await serve((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n[{"a": 1},'));
    await expect(getJson(new URL(`${url}/api/v2/alerts`), Anything, { signal: signal() })).rejects.toThrow(
      'response from /api/v2/alerts was cut off after 10 of 100 bytes (connection closed unexpectedly)',
    );
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const body = Buffer.from(JSON.stringify({ summary: 'Größe überschritten — 磁盘已满 🔥' }));
    const split = body.indexOf(Buffer.from('🔥')) + 2;
    const url = await serve((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
      const middle = body.indexOf(Buffer.from('ö')) + 1;
      for (const part of [body.subarray(0, middle), body.subarray(middle, split), body.subarray(split)]) {
        socket.write(`${part.length.toString(16)}\r\n`);
        socket.write(part);
        socket.write('\r\n');
      }
      socket.end('0\r\n\r\n');
    });
    await expect(getJson(new URL(`${url}/api/v2/alerts`), Anything, { signal: signal() })).resolves.toEqual({ summary: 'Größe überschritten — 磁盘已满 🔥' });
  });

  it('leaves nothing in the process performance timeline, however many requests', async () => {
    const url = await serve((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}'));
    for (let i = 0; i < 3; i++) await getJson(new URL(`${url}/api/v1/query`), Anything, { signal: signal() });
    expect(performance.getEntriesByType('resource')).toEqual([]);
  });

  it('says a chunked body was cut off', async () => {
    const url = await serve((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\na\r\n[{"a": 1},\r\n');
      setTimeout(() => socket.end(), 20);
    });
    await expect(getJson(new URL(`${url}/api/v2/alerts`), Anything, { signal: signal() })).rejects.toThrow(
      'response from /api/v2/alerts was cut off after 10 bytes (connection closed unexpectedly)',
    );
  });

  it('refuses answers over the size limit, named with the path, announced or streamed', async () => {
    const announced = await serve((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2097152\r\n\r\n'));
    await expect(getJson(new URL(`${announced}/big`), Anything, { signal: signal(), maxBytes: 1024 * 1024 })).rejects.toThrow(
      'response from /big is 2097152 bytes, more than the 1048576-byte limit (1 MB)',
    );
    const streamed = await serve((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n[');
      const chunk = Buffer.alloc(64 * 1024, ' ');
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      pump();
    });
    await expect(getJson(new URL(`${streamed}/big`), Anything, { signal: signal(), maxBytes: 1024 * 1024 })).rejects.toThrow(
      'response from /big exceeds the 1048576-byte limit (1 MB)',
    );
  });

  it('names malformed JSON and a connection reset', async () => {
    const malformed = await serve((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n[{"labels":'));
    await expect(getJson(new URL(`${malformed}/api/v2/alerts`), Anything, { signal: signal() })).rejects.toThrow(
      '/api/v2/alerts answered with something that is not JSON: [{"labels":',
    );
    const reset = await serve((socket) => socket.resetAndDestroy());
    await expect(getJson(new URL(`${reset}/api/v2/alerts`), Anything, { signal: signal() })).rejects.toThrow(`connection reset at ${new URL(reset).host}`);
  });
});

describe('getJsonBodyUnlessSame', () => {
  /** A server answering each request with the next of `bodies` (the last one repeats), at `status`. */
  async function answering(bodies: string[], status = '200 OK'): Promise<URL> {
    let next = 0;
    const url = await serve((socket) => {
      const body = Buffer.from(bodies[Math.min(next++, bodies.length - 1)]!);
      socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`), body]));
    });
    return new URL(`${url}/api/v2/alerts`);
  }

  it('parses a body unless its bytes are those of the digest it was given', async () => {
    const url = await answering(['[{"a":1}]', '[{"a":1}]', '[{"a":2}]']);
    const first = await getJsonBodyUnlessSame(url, { signal: signal() }, undefined);
    expect(first).toMatchObject({ unchanged: false, body: [{ a: 1 }] });
    const second = await getJsonBodyUnlessSame(url, { signal: signal() }, first.digest);
    expect(second).toEqual({ unchanged: true, digest: first.digest });
    const third = await getJsonBodyUnlessSame(url, { signal: signal() }, second.digest);
    expect(third).toMatchObject({ unchanged: false, body: [{ a: 2 }] });
    expect(third.digest).not.toBe(first.digest);
  });

  it('never takes an error answer for the unchanged one, even with the same bytes', async () => {
    const ok = await answering(['[]']);
    const { digest } = await getJsonBodyUnlessSame(ok, { signal: signal() }, undefined);
    const failing = await answering(['[]'], '503 Service Unavailable');
    await expect(getJsonBodyUnlessSame(failing, { signal: signal() }, digest)).rejects.toThrow(/^HTTP 503 Service Unavailable from .*\/api\/v2\/alerts: \[\]/);
  });
});
