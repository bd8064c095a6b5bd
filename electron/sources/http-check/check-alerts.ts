import type { Severity } from '../../../shared/severity';
import { labelsFingerprint } from '../fingerprint';
import type { SourceAlert } from '../source';
import type { PeerCertificateInfo, ProbeTimings } from './http-probe';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What every alert of one check carries. */
export interface CheckIdentity {
  /** The source name: the `check` label. */
  name: string;
  method: string;
  url: URL;
  /** The URL without its secrets: the `url` label and what the text says. */
  displayUrl: string;
  severity: Severity;
  /** From the config; the check's own labels win over these. */
  labels: Record<string, string>;
}

export interface CheckFailure {
  /** "answered 503 Service Unavailable, expected 2xx", "could not connect to …". */
  summary: string;
  detail: string;
  latencyMs: number;
  timings: ProbeTimings;
  /** ISO time the probe that began this failing streak started. */
  failingSince: string;
  /** Failed probes in a row, this one included. */
  failures: number;
}

export function failureAlert(check: CheckIdentity, failure: CheckFailure): SourceAlert {
  const latency = formatMs(failure.latencyMs);
  const inARow = failure.failures === 1 ? 'first failure' : `${failure.failures} failures in a row`;
  return alert(check, 'HttpCheckFailed', check.severity, failure.failingSince, latency, {
    summary: `${check.method} ${check.displayUrl} ${failure.summary}`,
    description: `${failure.detail}${/[.…]$/.test(failure.detail) ? '' : '.'} Took ${latency} ms${describeTimings(failure.timings)}; ${inARow}.`,
    latency_ms: latency,
  });
}

/** Whether a certificate ending at `validTo` deserves a warning at `now` (it also does once expired). */
export function certificateNeedsWarning(certificate: PeerCertificateInfo, now: number, warningDays: number): boolean {
  return certificate.validTo - now <= warningDays * DAY_MS;
}

export function certificateAlert(check: CheckIdentity, certificate: PeerCertificateInfo, now: number, since: string): SourceAlert {
  const host = check.url.host;
  const daysLeft = Math.floor((certificate.validTo - now) / DAY_MS);
  return alert(check, 'TlsCertificateExpiring', 'warning', since, String(daysLeft), {
    summary: `TLS certificate of ${host} ${describeExpiry(certificate.validTo, now)}`,
    description: `Valid until ${new Date(certificate.validTo).toISOString()}. Subject: ${certificate.subject || '(none)'}; issuer: ${certificate.issuer || '(none)'}.`,
    days_left: String(daysLeft),
  });
}

/** "expires in 4 days" (whole days, rounded down), "expires in 7 hours", "expired 2 days ago". */
export function describeExpiry(validTo: number, now: number): string {
  const left = validTo - now;
  if (left <= 0) {
    const ago = -left;
    return ago < DAY_MS ? `expired ${plural(Math.floor(ago / HOUR_MS), 'hour')} ago` : `expired ${plural(Math.floor(ago / DAY_MS), 'day')} ago`;
  }
  return left < DAY_MS ? `expires in ${plural(Math.max(1, Math.floor(left / HOUR_MS)), 'hour')}` : `expires in ${plural(Math.floor(left / DAY_MS), 'day')}`;
}

function alert(check: CheckIdentity, alertname: string, severity: Severity, startsAt: string, value: string, annotations: Record<string, string>): SourceAlert {
  const labels = { ...check.labels, alertname, check: check.name, instance: check.url.host, url: check.displayUrl, severity };
  return {
    fingerprint: labelsFingerprint(labels),
    name: alertname,
    labels,
    annotations,
    severity,
    state: 'firing',
    startsAt,
    silencedBy: [],
    inhibitedBy: [],
    value,
  };
}

function describeTimings(timings: ProbeTimings): string {
  const steps = [
    timings.connectedMs === undefined ? undefined : `connected at ${formatMs(timings.connectedMs)} ms`,
    timings.tlsMs === undefined ? undefined : `TLS done at ${formatMs(timings.tlsMs)} ms`,
    timings.firstByteMs === undefined ? undefined : `headers at ${formatMs(timings.firstByteMs)} ms`,
  ].filter((step) => step !== undefined);
  return steps.length ? ` (${steps.join(', ')})` : '';
}

function formatMs(ms: number): string {
  return ms >= 100 ? String(Math.round(ms)) : ms.toFixed(1);
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
