import { AlertmanagerAlertReader, READ_FORMAT } from './alertmanager-alerts';
import { listSilences, type SourceSilence } from './alertmanager-silences';
import type { RequestHeaders } from './bearer-token';
import { apiUrl, getJsonBodyUnlessSame, type JsonAnswer } from './http-json';
import type { AlertSource, SourceAlert, SourceFetchResult } from './source';

export interface AlertmanagerOptions {
  name: string;
  url: string;
  /** Include alerts muted by a silence (shown as suppressed). */
  silenced: boolean;
  /** Include alerts muted by an inhibition rule (shown as suppressed). */
  inhibited: boolean;
  maxResponseBytes?: number;
  /** Sent with every request (a bearer token), worked out per poll so a rotated token is used. */
  headers?: RequestHeaders;
}

export class AlertmanagerSource implements AlertSource {
  readonly type = 'alertmanager' as const;
  readonly name: string;
  private readonly reader = new AlertmanagerAlertReader();
  /** Of the last alerts body read without error: the same bytes again need no parsing. */
  private digestBefore: string | undefined;

  constructor(private readonly options: AlertmanagerOptions) {
    this.name = options.name;
  }

  /** The alerts and, from one more request made at the same time, the non-expired silences. */
  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    const url = apiUrl(this.options.url, '/api/v2/alerts', {
      active: 'true',
      unprocessed: 'true',
      silenced: String(this.options.silenced),
      inhibited: String(this.options.inhibited),
    });
    const headers = this.options.headers?.();
    const silencesRequest = new AbortController();
    const silencesRead = listSilences(this.options.url, {
      signal: AbortSignal.any([signal, silencesRequest.signal]),
      maxBytes: this.options.maxResponseBytes,
      headers,
    }).then(
      (silences) => ({ silences: silences.filter((silence) => silence.state !== 'expired') }),
      (error: unknown) => ({ error: error as Error }),
    );
    let answer: JsonAnswer;
    try {
      answer = await getJsonBodyUnlessSame(url, { signal, maxBytes: this.options.maxResponseBytes, headers }, this.digestBefore);
    } catch (error) {
      silencesRequest.abort();
      throw error;
    }
    const read = await silencesRead;
    if ('error' in read) {
      // The alerts are good without the silences: keep them, say what is missing.
      return { alerts: this.readAlerts(url, answer, new Map()), warnings: [`cannot read silences: ${read.error.message}`], answerDigest: this.answerDigest() };
    }
    const byId = new Map(read.silences.filter((silence) => silence.state === 'active').map((silence) => [silence.id, silence]));
    return { alerts: this.readAlerts(url, answer, byId), warnings: [], silences: read.silences, answerDigest: this.answerDigest() };
  }

  resumeFrom(alerts: SourceAlert[], answerDigest: string): void {
    const [format, digest] = answerDigest.split(' ', 2);
    if (format !== READ_FORMAT || digest === undefined) return;
    this.reader.resume(alerts);
    this.digestBefore = digest;
  }

  /** The body's digest with the reader's format: alerts cached by a version that read them differently are not resumed. */
  private answerDigest(): string | undefined {
    return this.digestBefore === undefined ? undefined : `${READ_FORMAT} ${this.digestBefore}`;
  }

  private readAlerts(url: URL, answer: JsonAnswer, silences: ReadonlyMap<string, SourceSilence>): SourceAlert[] {
    const alerts = answer.unchanged ? this.reader.readAgain(silences) : this.reader.read(url, answer.body, silences);
    this.digestBefore = answer.digest;
    return alerts;
  }
}
