import type { StatusPageConfig } from '../../config/config-schema';
import { SourceError, apiUrl, getJson, snippet } from '../http-json';
import type { AlertSource, SourceAlert, SourceFetchResult } from '../source';
import type { DependencyReport, DependencyStatus } from './dependency-alerts';
import { FeedError, parseFeed } from './feed-parser';
import { getText } from './get-text';
import { readFeed } from './incident-feed';
import { SummarySchema, readSummary } from './statuspage-summary';
import { XmlError } from './xml-reader';

export type { DependencyIndicator, DependencyStatus } from './dependency-alerts';

const SUMMARY_PATH = '/api/v2/summary.json';

/**
 * An upstream dependency's public status, as alerts: a Statuspage-compatible page
 * (`/api/v2/summary.json`: components not operational, unresolved incidents) or an RSS/Atom
 * incident feed (open incidents of the last 24 hours). `dependencyStatus()` is the overall
 * state for the dependency strip, from the last successful read.
 */
export class StatusPageSource implements AlertSource {
  readonly type = 'statuspage' as const;
  readonly name: string;
  readonly dependency: string;
  private status: DependencyStatus | null = null;
  /** Start times already reported, so an alert keeps its start while the upstream time moves. */
  private startTimes = new Map<string, string>();

  constructor(
    private readonly config: StatusPageConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.name = config.name;
    this.dependency = config.dependency ?? config.name;
  }

  async fetchAlerts(signal: AbortSignal): Promise<SourceFetchResult> {
    const report = this.config.format === 'feed' ? await this.readFeed(signal) : await this.readSummary(signal);
    this.status = report.status;
    return { alerts: this.keepStartTimes(report.alerts), warnings: report.warnings };
  }

  /** The overall state from the last successful read; null before the first one. */
  dependencyStatus(): DependencyStatus | null {
    return this.status && { ...this.status, services: this.config.services };
  }

  private async readSummary(signal: AbortSignal): Promise<DependencyReport> {
    const url = summaryUrl(this.config.url);
    try {
      const summary = await getJson(url, SummarySchema, { signal });
      return readSummary(summary, { dependency: this.dependency, pageUrl: pageUrlOf(this.config.url), nowMs: this.now() });
    } catch (error) {
      throw namingUrl(error, url);
    }
  }

  private async readFeed(signal: AbortSignal): Promise<DependencyReport> {
    const url = new URL(this.config.url);
    const answer = await getText(url, { signal }).catch((error: unknown) => {
      throw namingUrl(error, url);
    });
    if (!answer.ok) throw new SourceError(`HTTP ${answer.status} ${answer.statusText} from ${url.href}: ${snippet(answer.text)}`, 'http');
    try {
      return readFeed(parseFeed(answer.text), { dependency: this.dependency, feedUrl: url.href, nowMs: this.now() });
    } catch (error) {
      if (error instanceof XmlError) throw new SourceError(`${url.href} answered with something that is not XML (${error.message}): ${snippet(answer.text)}`, 'shape');
      if (error instanceof FeedError) throw new SourceError(`${url.href} is not an RSS or Atom feed: ${error.message}`, 'shape');
      throw error;
    }
  }

  private keepStartTimes(alerts: SourceAlert[]): SourceAlert[] {
    const startTimes = new Map<string, string>();
    const kept = alerts.map((alert) => {
      const startsAt = this.startTimes.get(alert.fingerprint) ?? alert.startsAt;
      startTimes.set(alert.fingerprint, startsAt);
      return { ...alert, startsAt };
    });
    this.startTimes = startTimes;
    return kept;
  }
}

/** The configured URL is the page's base; a URL already ending in the API path is taken as it is. */
function summaryUrl(base: string): URL {
  const url = new URL(base);
  return url.pathname.endsWith(SUMMARY_PATH) ? url : apiUrl(base, SUMMARY_PATH);
}

function pageUrlOf(base: string): string {
  const url = new URL(base);
  if (url.pathname.endsWith(SUMMARY_PATH)) url.pathname = url.pathname.slice(0, -SUMMARY_PATH.length) || '/';
  return url.href;
}

/** http-json names the path (its callers know the server); here the whole URL says which page failed. */
function namingUrl(error: unknown, url: URL): unknown {
  if (!(error instanceof SourceError) || error.message.includes(url.host)) return error;
  const message = error.message.includes(url.pathname) ? error.message.replace(url.pathname, url.href) : `${error.message} (${url.href})`;
  return new SourceError(message, error.kind, error.notSent);
}
