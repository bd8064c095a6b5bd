import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { ConnectionStep } from '../../shared/settings';
import { describeCertificateRejection } from '../sources/http-check/probe-failure-words';

/**
 * The first three stages of reaching a server, each on its own so a failure says which one:
 * name lookup, TCP connection, TLS handshake and certificate. Every stage gives up when
 * `signal` ends (the connection test's overall time limit).
 */

export interface Target {
  host: string;
  port: number;
  secure: boolean;
  /** Trusted CA certificates instead of the system's (tests with a certificate they made). */
  ca?: string | Buffer;
}

export type StepResult = ConnectionStep & { address?: string };

export function targetOf(url: URL, ca?: string | Buffer): Target {
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: url.port ? Number(url.port) : secure ? 443 : 80, secure, ...(ca ? { ca } : {}) };
}

export async function dnsStep(target: Target, signal: AbortSignal): Promise<StepResult> {
  if (isIP(target.host)) return { step: 'dns', ok: true, detail: `${target.host} is an IP address: no lookup needed`, address: target.host };
  try {
    const addresses = await bounded(lookup(target.host, { all: true }), signal);
    const first = addresses[0];
    if (!first) return { step: 'dns', ok: false, detail: `${target.host}: no address found` };
    return { step: 'dns', ok: true, detail: `${target.host} resolved to ${addresses.map((entry) => entry.address).join(', ')}`, address: first.address };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (signal.aborted) return { step: 'dns', ok: false, detail: `${target.host}: no answer from DNS in time` };
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { step: 'dns', ok: false, detail: `${target.host}: name not found (no DNS record)` };
    if (code === 'EAI_AGAIN') return { step: 'dns', ok: false, detail: `${target.host}: DNS lookup failed for now (is the network or VPN up?)` };
    return { step: 'dns', ok: false, detail: `${target.host}: DNS lookup failed (${code ?? (error as Error).message})` };
  }
}

const CONNECT_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listening on that port?)',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EADDRNOTAVAIL: 'address not available',
};

/** Opens a TCP connection to `address`; the caller ends the socket. */
export async function connectStep(target: Target, address: string, signal: AbortSignal): Promise<StepResult & { socket?: Socket }> {
  const where = `${address.includes(':') ? `[${address}]` : address}:${target.port}`;
  const socket = netConnect({ host: address, port: target.port });
  try {
    await bounded(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      }),
      signal,
    );
    return { step: 'connect', ok: true, detail: `connected to ${where}`, socket };
  } catch (error) {
    socket.destroy();
    if (signal.aborted) return { step: 'connect', ok: false, detail: `could not connect to ${where} in time (a firewall dropping packets?)` };
    const code = (error as { code?: string }).code;
    return { step: 'connect', ok: false, detail: `${where}: ${(code && CONNECT_FAILURES[code]) ?? (error as Error).message}` };
  }
}

/** The TLS handshake over `socket`, and the certificate judged in words (expired, self-signed, wrong host…). */
export async function tlsStep(target: Target, socket: Socket, signal: AbortSignal): Promise<StepResult> {
  const servername = isIP(target.host) ? undefined : target.host;
  // Verified by hand below, so that a refused certificate can still be described (its dates, its names).
  const secure: TLSSocket = tlsConnect({ socket, host: target.host, rejectUnauthorized: false, ...(servername ? { servername } : {}), ...(target.ca ? { ca: target.ca } : {}) });
  try {
    await bounded(
      new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', resolve);
        secure.once('error', reject);
      }),
      signal,
    );
    const certificate = secure.getPeerCertificate();
    const validTo = certificate.valid_to ? new Date(certificate.valid_to) : null;
    if (!secure.authorized) {
      const code = String(secure.authorizationError ?? '');
      const when = code === 'CERT_HAS_EXPIRED' && validTo ? ` on ${validTo.toISOString().slice(0, 10)}` : '';
      return { step: 'tls', ok: false, detail: `${describeCertificateRejection(code, target.host)}${when}` };
    }
    const identity = checkServerIdentity(target.host, certificate as PeerCertificate);
    if (identity) return { step: 'tls', ok: false, detail: `${describeCertificateRejection('ERR_TLS_CERT_ALTNAME_INVALID', target.host)}: ${identity.message}` };
    const issuer = certificate.issuer?.O ?? certificate.issuer?.CN ?? 'unknown issuer';
    return { step: 'tls', ok: true, detail: `certificate trusted (issued by ${issuer}${validTo ? `, valid until ${validTo.toISOString().slice(0, 10)}` : ''})` };
  } catch (error) {
    if (signal.aborted) return { step: 'tls', ok: false, detail: `TLS handshake with ${target.host} did not finish in time` };
    const code = (error as { code?: string }).code;
    const words = code === 'ERR_SSL_WRONG_VERSION_NUMBER' ? 'the server does not speak TLS on this port (plain HTTP?)' : (error as Error).message;
    return { step: 'tls', ok: false, detail: `TLS handshake with ${target.host} failed: ${words}` };
  } finally {
    secure.destroy();
  }
}

/** `promise`, or a rejection as soon as `signal` ends. */
export function bounded<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('timed out'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('timed out'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
