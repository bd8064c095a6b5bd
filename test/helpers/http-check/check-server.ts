import { createServer as createHttpServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { afterEach } from 'vitest';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP(S) server for health checks: it records what it is sent and can go away and come back on the same port. */
export interface CheckServer {
  /** http(s)://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: readonly SeenRequest[];
  /** Closes the listener and every open connection: the port then refuses connections. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export interface CheckServerOptions {
  /** PEM key and certificate: serve https. */
  tls?: { key: string; cert: string };
}

/** Starts check servers that are closed after each test. Call at the top of a file or `describe`. */
export function useCheckServers(): (handler: RequestListener, options?: CheckServerOptions) => Promise<CheckServer> {
  const running: CheckServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
  });
  return async (handler, options = {}) => {
    const server = await startCheckServer(handler, options);
    running.push(server);
    return server;
  };
}

export async function startCheckServer(handler: RequestListener, options: CheckServerOptions = {}): Promise<CheckServer> {
  const requests: SeenRequest[] = [];
  const recording: RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(request, response);
    });
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, recording) : createHttpServer(recording);
  // Refused handshakes and cut connections are part of the tests, not failures of the server.
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_error, socket) => socket.destroy());
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port }, () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  const port = await listen(0);
  let listening = true;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    async stop() {
      if (!listening) return;
      listening = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    async start() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
  };
}
