import type { HttpCheckConfig } from '../../config/config-schema';
import { SourceError } from '../http-json';
import type { AlertSource, SourceAlert, SourceFetchResult } from '../source';
import { certificateAlert, certificateNeedsWarning, failureAlert, type CheckIdentity } from './check-alerts';
import { redactorFor, type Redactor } from './check-redaction';
import { judgeAnswer } from './check-verdict';
import { probe, type PeerCertificateInfo, type ProbeOutcome, type ProbeRequest } from './http-probe';
import { failedForWantOfNetwork, machineHasNetwork } from './local-network';
import { describeTimeout } from './probe-failure-words';
import { ProbeHistory, type ProbeResult } from './probe-history';

export type { ProbeResult } from './probe-history';

export interface HttpCheckOptions {
  /**
   * CA certificates to trust instead of the system's. For tests with a certificate they made;
   * the config has no such field, so real checks always use the system's CAs.
   */
  ca?: string | Buffer;
  /** Probe results kept for `results()`; default 10,000. */
  historyLimit?: number;
  /** Whether this machine has a network besides loopback; default: its interfaces say so. */
  networkUp?: () => boolean;
  /** Where each probe is also kept for the check's SLOs: its history on disk (`ProbeArchive.forCheck`). */
  probeLog?: { record(result: ProbeResult): void };
}

const CONNECT_TIMEOUT_MS = 3_000;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An HTTP(S) health check. Each poll runs it once; a failing check is not a source error: the
 * poll succeeds with an `HttpCheckFailed` alert that starts when the failing streak began (a
 * timeout included: the check gives up a little before the poller would). An https certificate
 * ending within `certificateWarningDays` adds `TlsCertificateExpiring`. Every probe's outcome and
 * latency is kept (bounded) for availability and latency SLOs, in memory and in `probeLog` (on
 * disk). Only a check that cannot run is a source error: cancelled, or this machine without a
 * network (no route; DNS failing while no interface is up), so waking up offline does not raise
 * one alert per check.
 */
export class HttpCheckSource implements AlertSource {
  readonly type = 'http' as const;
  readonly name: string;
  private readonly url: URL;
  private readonly redactor: Redactor;
  private readonly identity: CheckIdentity;
  private readonly history: ProbeHistory;
  private failingSince: string | null = null;
  private failuresInARow = 0;
  /** The last certificate seen: kept while the server cannot be reached, so its warning does not flap with outages. */
  private certificate: PeerCertificateInfo | undefined;
  private certificateWarningSince: string | null = null;

  constructor(
    private readonly config: HttpCheckConfig,
    private readonly options: HttpCheckOptions = {},
  ) {
    this.name = config.name;
    this.url = new URL(config.url);
    this.redactor = redactorFor(this.url, config.headers);
    this.identity = { name: config.name, method: config.method, url: this.url, displayUrl: this.redactor.displayUrl, severity: config.severity, labels: config.labels };
    this.history = new ProbeHistory(options.historyLimit);
  }

  /** Every probe so far (at most `historyLimit`, oldest first), for availability and latency SLOs. */
  results(): readonly ProbeResult[] {
    return this.history.all();
  }

  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    this.refuseUncheckableConfig();
    const startedAt = Date.now();
    const outcome = await this.runProbe(signal);
    const failure = this.judge(outcome);
    const result: ProbeResult = { at: startedAt, ok: failure === undefined, latencyMs: outcome.latencyMs, status: outcome.kind === 'answer' ? outcome.status : null };
    this.history.add(result);
    this.options.probeLog?.record(result);
    const alerts: SourceAlert[] = [];
    if (failure) {
      this.failingSince ??= new Date(startedAt).toISOString();
      this.failuresInARow++;
      alerts.push(failureAlert(this.identity, { ...failure, latencyMs: outcome.latencyMs, timings: outcome.timings, failingSince: this.failingSince, failures: this.failuresInARow }));
    } else {
      this.failingSince = null;
      this.failuresInARow = 0;
    }
    const certificateWarning = this.certificateWarning(outcome.certificate, Date.now());
    if (certificateWarning) alerts.push(certificateWarning);
    return { alerts, warnings: [] };
  }

  /** The probe's outcome; throws only when the check could not run: cancelled, or no network on this machine. */
  private async runProbe(signal: AbortSignal): Promise<ProbeOutcome> {
    // Finish before the poller's own timeout, which would turn a slow target into a source error.
    const deadlineMs = checkDeadlineMs(this.config.timeout);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    const { method, headers, body } = this.config;
    const request: ProbeRequest = { url: this.url, method, headers, body, ca: this.options.ca, connectTimeoutMs: Math.min(CONNECT_TIMEOUT_MS, deadlineMs), maxBodyBytes: MAX_BODY_BYTES };
    let outcome: ProbeOutcome;
    try {
      outcome = await probe(request, AbortSignal.any([signal, deadline.signal]));
    } finally {
      clearTimeout(timer);
    }
    const display = this.redactor.displayUrl;
    if (outcome.kind === 'aborted' && !deadline.signal.aborted && !isTimeout(signal)) throw new SourceError(`the check of ${display} was cancelled`, 'timeout');
    if (outcome.kind === 'failure' && outcome.phase === 'connecting' && failedForWantOfNetwork(outcome.code, this.options.networkUp ?? machineHasNetwork)) {
      throw new SourceError(`cannot run the check of ${display} from this machine: ${this.redactor.redact(outcome.reason)}`, 'network', true);
    }
    return outcome;
  }

  /** What failed, in words with every secret masked, or undefined when the check passed. */
  private judge(outcome: ProbeOutcome): { summary: string; detail: string } | undefined {
    const { redact } = this.redactor;
    switch (outcome.kind) {
      case 'answer': {
        const verdict = judgeAnswer(this.config, outcome);
        return verdict.ok ? undefined : { summary: redact(verdict.summary), detail: redact(verdict.detail) };
      }
      case 'failure':
        return { summary: `failed: ${redact(outcome.reason)}`, detail: redact(outcome.reason) };
      case 'aborted': {
        const reason = describeTimeout(outcome.phase, seconds(outcome.latencyMs), this.url.host, outcome.bytesRead);
        return { summary: `failed: ${reason}`, detail: reason };
      }
    }
  }

  private certificateWarning(seen: PeerCertificateInfo | undefined, now: number): SourceAlert | undefined {
    if (seen) this.certificate = seen;
    if (!this.certificate || !certificateNeedsWarning(this.certificate, now, this.config.certificateWarningDays)) {
      this.certificateWarningSince = null;
      return undefined;
    }
    this.certificateWarningSince ??= new Date(now).toISOString();
    return certificateAlert(this.identity, this.certificate, now, this.certificateWarningSince);
  }

  /** A HEAD answer has no body: such a check could never pass, which is the config's fault, not the target's. */
  private refuseUncheckableConfig(): void {
    if (this.config.method !== 'HEAD' || (this.config.bodyContains === undefined && this.config.json === undefined)) return;
    throw new SourceError(`check ${this.name}: method HEAD gets no body, so "bodyContains" and "json" cannot be checked; use GET`, 'shape');
  }
}

/** The check's own time limit: a little under the poller's `timeout` (10%, at most 250 ms, less). */
export function checkDeadlineMs(timeoutMs: number): number {
  return timeoutMs - Math.min(250, timeoutMs / 10);
}

function isTimeout(signal: AbortSignal): boolean {
  const reason: unknown = signal.reason;
  return signal.aborted && reason instanceof Error && reason.name === 'TimeoutError';
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
