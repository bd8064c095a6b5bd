import { SOCKET_FAILURE_WORDS } from '../socket-failure-words';

/** A probe's failures in words, by what it was doing when it failed. */

/** connecting: DNS and TCP; tls: the handshake and certificate check; waiting: request sent, no status yet; reading: the body. */
export type ProbePhase = 'connecting' | 'tls' | 'waiting' | 'reading';

/** OpenSSL's verification codes (`authorizationError`) and Node's host-name check. */
const CERTIFICATE_REJECTIONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate, not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain, not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate issuer unknown, not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer unknown, not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer unknown, not trusted',
  CERT_REVOKED: 'certificate revoked',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is not valid for this host name',
};

export function describeCertificateRejection(code: string | undefined, host: string): string {
  const words = (code && CERTIFICATE_REJECTIONS[code]) ?? `certificate rejected (${code ?? 'no reason given'})`;
  return code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? `TLS: ${words} (${host})` : `TLS: ${words}`;
}

export function describeProbeError(phase: ProbePhase, error: unknown, hostPort: string, bytesRead: number): string {
  const code = (error as { code?: unknown }).code;
  const words = (typeof code === 'string' && SOCKET_FAILURE_WORDS[code]) || messageOf(error);
  switch (phase) {
    case 'connecting':
      return `could not connect to ${hostPort}: ${words}`;
    case 'tls':
      return `TLS handshake with ${hostPort} failed: ${tlsWords(error, words)}`;
    case 'waiting':
      if (typeof code === 'string' && code.startsWith('HPE_')) return `${hostPort} answered with something that is not HTTP (${messageOf(error)})`;
      return code === 'ECONNRESET' ? `${hostPort} closed the connection without answering` : `no answer from ${hostPort}: ${words}`;
    case 'reading':
      return `the answer from ${hostPort} was cut off after ${bytesRead} bytes of body (${code === 'ECONNRESET' ? 'connection closed' : words})`;
  }
}

export function describeTimeout(phase: ProbePhase, seconds: string, hostPort: string, bytesRead: number): string {
  switch (phase) {
    case 'connecting':
      return `could not connect to ${hostPort} within ${seconds} s`;
    case 'tls':
      return `TLS handshake with ${hostPort} did not finish within ${seconds} s`;
    case 'waiting':
      return `no answer from ${hostPort} within ${seconds} s`;
    case 'reading':
      return `the answer from ${hostPort} was not complete within ${seconds} s (${bytesRead} bytes of body read)`;
  }
}

function tlsWords(error: unknown, fallback: string): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') return 'the server does not speak TLS on this port (plain HTTP?)';
  if (code === 'ECONNRESET') return 'connection closed by the server';
  // OpenSSL's "error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure" → its last part.
  const message = messageOf(error);
  return message.includes('SSL routines') ? (message.split(':').at(-1)?.trim() ?? message) : fallback;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
