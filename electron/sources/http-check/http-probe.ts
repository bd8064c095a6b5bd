import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { describeCertificateRejection, describeProbeError, describeTimeout, type ProbePhase } from './probe-failure-words';

/**
 * One HTTP(S) exchange on a fresh connection, done with node:net/tls and node:http rather than
 * undici: the TLS handshake is ours, so the peer certificate of the very connection that carries
 * the check is at hand (undici does not expose it, and a second handshake could reach another
 * server behind a load balancer), and it is read even when it is refused — an expired
 * certificate is both a failed check and an expiry warning. The request, with its headers, is
 * written only once the certificate was accepted. Redirects are never followed.
 */
export interface ProbeRequest {
  url: URL;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Trusted CA certificates instead of the system's (tests with a self-signed certificate). */
  ca?: string | Buffer;
  /** DNS, TCP and TLS together. */
  connectTimeoutMs: number;
  /** Reading stops after this many bytes of body. */
  maxBodyBytes: number;
}

export interface PeerCertificateInfo {
  /** notAfter, ms since the epoch. */
  validTo: number;
  subject: string;
  issuer: string;
}

/** Milliseconds since the probe began at which each step ended. */
export interface ProbeTimings {
  connectedMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
}

interface Common {
  latencyMs: number;
  timings: ProbeTimings;
  /** The server's certificate (https), when the handshake got that far. */
  certificate?: PeerCertificateInfo;
}

export type ProbeOutcome =
  | (Common & { kind: 'answer'; status: number; statusText: string; location?: string; body: string; truncatedAt?: number })
  /** `code`: the system's error code (ECONNREFUSED, ENOTFOUND…), when there is one. */
  | (Common & { kind: 'failure'; reason: string; phase: ProbePhase; code?: string })
  /** `signal` ended the probe: the caller knows whether that was a timeout or a cancellation. */
  | (Common & { kind: 'aborted'; phase: ProbePhase; bytesRead: number });

export function probe(request: ProbeRequest, signal: AbortSignal): Promise<ProbeOutcome> {
  return new Promise((resolve) => new Exchange(request, signal, resolve).start());
}

class Exchange {
  private readonly started = performance.now();
  private readonly timings: ProbeTimings = {};
  private phase: ProbePhase = 'connecting';
  private certificate: PeerCertificateInfo | undefined;
  private bytesRead = 0;
  private settled = false;
  private socket: Socket | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private readonly hostPort: string;
  private readonly onAbort = () => this.finish({ kind: 'aborted', phase: this.phase, bytesRead: this.bytesRead });

  constructor(
    private readonly request: ProbeRequest,
    private readonly signal: AbortSignal,
    private readonly resolve: (outcome: ProbeOutcome) => void,
  ) {
    this.hostPort = `${request.url.hostname}:${portOf(request.url)}`;
  }

  start(): void {
    if (this.signal.aborted) return this.onAbort();
    this.signal.addEventListener('abort', this.onAbort, { once: true });
    const { url, ca } = this.request;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = portOf(url);
    const secure = url.protocol === 'https:';
    const socket: Socket = secure
      ? // Verified by hand on secureConnect, before anything is written, so a refused certificate can still be read.
        tlsConnect({ host, port, servername: isIP(host) ? undefined : host, ca, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] })
      : netConnect({ host, port });
    this.socket = socket;
    const connectSeconds = String(this.request.connectTimeoutMs / 1000);
    this.connectTimer = setTimeout(() => this.fail(describeTimeout(this.phase, connectSeconds, this.hostPort, 0)), this.request.connectTimeoutMs);
    socket.on('error', (error) => this.fail(describeProbeError(this.phase, error, this.hostPort, this.bytesRead), error));
    socket.once('connect', () => {
      this.timings.connectedMs = this.elapsed();
      if (secure) this.phase = 'tls';
      else this.send();
    });
    if (secure) socket.once('secureConnect', () => this.onSecure(socket as TLSSocket, host));
  }

  private onSecure(socket: TLSSocket, host: string): void {
    this.timings.tlsMs = this.elapsed();
    this.certificate = readCertificate(socket);
    if (!socket.authorized) return this.fail(describeCertificateRejection(String(socket.authorizationError ?? ''), host));
    this.send();
  }

  private send(): void {
    clearTimeout(this.connectTimer);
    this.phase = 'waiting';
    const { url, method, headers, body } = this.request;
    const socket = this.socket!;
    const auth = url.username || url.password ? `${safeDecode(url.username)}:${safeDecode(url.password)}` : undefined;
    let outgoing: ClientRequest;
    try {
      outgoing = httpRequest({
        method,
        path: `${url.pathname}${url.search}`,
        headers: { host: url.host, 'user-agent': 'OnCallCompanion-HealthCheck/1', accept: '*/*', ...lowerCaseNames(headers) },
        setHost: false,
        auth,
        createConnection: () => socket,
      });
    } catch (error) {
      // Node refuses, e.g., a header value with a line break; the message names the header, never its value.
      return this.fail(`the request could not be sent: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    outgoing.on('error', (error) => this.fail(describeProbeError(this.phase, error, this.hostPort, this.bytesRead), error));
    outgoing.on('response', (response) => this.read(response));
    outgoing.end(method === 'POST' ? body : undefined);
  }

  private read(response: IncomingMessage): void {
    this.phase = 'reading';
    this.timings.firstByteMs = this.elapsed();
    const chunks: Buffer[] = [];
    const limit = this.request.maxBodyBytes;
    let truncated = false;
    const done = () =>
      this.finish({
        kind: 'answer',
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        ...(typeof response.headers.location === 'string' ? { location: response.headers.location } : {}),
        body: Buffer.concat(chunks).toString('utf8'),
        ...(truncated ? { truncatedAt: limit } : {}),
      });
    response.on('data', (chunk: Buffer) => {
      if (truncated) return;
      const room = limit - this.bytesRead;
      if (chunk.byteLength > room) {
        chunks.push(chunk.subarray(0, room));
        this.bytesRead = limit;
        truncated = true;
        done();
        return;
      }
      chunks.push(chunk);
      this.bytesRead += chunk.byteLength;
    });
    response.on('end', done);
    response.on('error', (error) => this.fail(describeProbeError('reading', error, this.hostPort, this.bytesRead), error));
  }

  private fail(reason: string, error?: unknown): void {
    const code = (error as { code?: unknown } | undefined)?.code;
    this.finish({ kind: 'failure', reason, phase: this.phase, ...(typeof code === 'string' ? { code } : {}) });
  }

  private finish(outcome: DistributiveOmit<ProbeOutcome, keyof Common>): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.connectTimer);
    this.signal.removeEventListener('abort', this.onAbort);
    this.socket?.destroy();
    const common: Common = { latencyMs: this.elapsed(), timings: this.timings, ...(this.certificate ? { certificate: this.certificate } : {}) };
    this.resolve({ ...common, ...outcome } as ProbeOutcome);
  }

  private elapsed(): number {
    return Math.round((performance.now() - this.started) * 10) / 10;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function readCertificate(socket: TLSSocket): PeerCertificateInfo | undefined {
  const certificate = socket.getPeerCertificate();
  const validTo = Date.parse(certificate.valid_to ?? '');
  if (!Number.isFinite(validTo)) return undefined;
  return { validTo, subject: distinguishedName(certificate.subject), issuer: distinguishedName(certificate.issuer) };
}

function distinguishedName(name: Record<string, string | string[] | undefined> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}
