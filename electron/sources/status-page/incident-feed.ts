import {
  DEPENDENCY_INCIDENT,
  DESCRIPTION_MAX,
  NAME_MAX,
  dependencyAlert,
  distinctNames,
  notAfter,
  type DependencyReport,
} from './dependency-alerts';
import type { Feed, FeedItem } from './feed-parser';
import { htmlToText, singleLine } from './plain-text';

/** Feed items older than this (by their newest time) are history, not an ongoing incident. */
export const RECENT_MS = 24 * 3_600_000;

/**
 * Whether a feed item says its incident is over. Incident feeds have no status field, so this
 * reads what the text says:
 * - Statuspage (and look-alikes) write each update as `<strong>Status</strong> - text`, newest
 *   first: the first such status decides;
 * - otherwise a "Status: X" in the text (incident.io style), else the text's first word;
 * - and a title with the word "resolved" or "completed" in it ("[Resolved] API errors").
 * Over means Resolved, Completed (a maintenance that ended) or Postmortem. A maintenance that is
 * only Scheduled is not an incident yet and is skipped too.
 */
export function itemIsOpen(item: Pick<FeedItem, 'title' | 'body' | 'bodyIsHtml'>): boolean {
  if (/\b(?:resolved|completed)\b/i.test(item.title)) return false;
  const status = newestStatus(item);
  return status === undefined || !/^(?:resolved|completed|postmortem|scheduled)\b/i.test(status);
}

function newestStatus(item: Pick<FeedItem, 'body' | 'bodyIsHtml'>): string | undefined {
  if (item.bodyIsHtml) {
    const marked = /<(strong|b)\b[^>]*>\s*([^<]{1,40}?)\s*<\/\1>\s*(?:-|–|—)/i.exec(item.body);
    if (marked) return marked[2];
  }
  const text = item.bodyIsHtml ? htmlToText(item.body, 2_000) : item.body;
  return /\bstatus:\s*([A-Za-z][A-Za-z ]*)/i.exec(text)?.[1] ?? /^[^A-Za-z]*([A-Za-z]+)/.exec(text)?.[1];
}

export interface FeedContext {
  dependency: string;
  /** The configured feed URL: the link when the feed names no site. */
  feedUrl: string;
  nowMs: number;
}

/** Open incidents of the last 24 hours become warnings; the indicator is "minor" while there is any. */
export function readFeed(feed: Feed, context: FeedContext): DependencyReport {
  const warnings: string[] = [];
  const undated = feed.items.filter((item) => newestTime(item) === null).length;
  if (undated > 0) warnings.push(`${undated} feed item(s) carry no readable date and were ignored`);
  const recent = feed.items.filter((item) => {
    const time = newestTime(item);
    return time !== null && context.nowMs - Date.parse(time) <= RECENT_MS;
  });
  const open = recent.filter(itemIsOpen);
  const names = distinctNames(open, (item) => singleLine(item.title, NAME_MAX) || '(untitled)', (item) => singleLine(item.id, 100));
  const siteUrl = feed.link ?? context.feedUrl;
  const alerts = open.map((item) =>
    dependencyAlert({
      labels: { alertname: DEPENDENCY_INCIDENT, dependency: context.dependency, incident: names.get(item)! },
      annotations: {
        summary: singleLine(item.title, NAME_MAX),
        description: item.bodyIsHtml ? htmlToText(item.body, DESCRIPTION_MAX) : htmlToText(escapeMarkup(item.body), DESCRIPTION_MAX),
        ...(item.link ? { runbook_url: item.link } : {}),
      },
      severity: 'warning',
      startsAt: notAfter(item.published ?? item.updated, context.nowMs),
      generatorURL: item.link ?? siteUrl,
    }),
  );
  const newest = feed.items.map(newestTime).filter((time) => time !== null).sort().at(-1) ?? null;
  const status = {
    dependency: context.dependency,
    indicator: open.length > 0 ? ('minor' as const) : ('none' as const),
    description: open.length > 0 ? `${open.length} open incident${open.length === 1 ? '' : 's'}: ${singleLine(open[0]!.title, NAME_MAX)}` : 'No open incidents in the last 24 hours',
    url: siteUrl,
    updatedAt: newest,
  };
  return { alerts, status, warnings };
}

function newestTime(item: FeedItem): string | null {
  if (item.published && item.updated) return item.published > item.updated ? item.published : item.updated;
  return item.updated ?? item.published;
}

/** Plain text must keep a literal "<b>" as text: escape it so the HTML pass leaves it alone. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
