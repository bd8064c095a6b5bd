import type { Alert } from './model';
import { matchesFilter, parseFilter } from './label-matchers';
import type { RunbookSummary } from './runbook';

export type RunbookMatch = { runbook: RunbookSummary; reason: 'runbook_url' | 'alerts' | 'service' };

/**
 * The runbooks for an alert, best first: the one its `runbook_url` names (a local file), then
 * those whose `alerts` matchers match its labels, then those listing its service.
 */
export function runbooksForAlert(runbooks: readonly RunbookSummary[], alert: Pick<Alert, 'name' | 'labels' | 'annotations'>): RunbookMatch[] {
  const matches: RunbookMatch[] = [];
  const seen = new Set<string>();
  const add = (runbook: RunbookSummary, reason: RunbookMatch['reason']) => {
    if (seen.has(runbook.id)) return;
    seen.add(runbook.id);
    matches.push({ runbook, reason });
  };
  const url = alert.annotations.runbook_url;
  if (url) for (const runbook of runbooks) if (namesRunbook(url, runbook)) add(runbook, 'runbook_url');
  for (const runbook of runbooks) {
    if (!runbook.alerts) continue;
    const filter = parseFilter(runbook.alerts);
    if (filter.error === null && filter.words.length === 0 && filter.matchers.length > 0 && matchesFilter(alert, filter)) add(runbook, 'alerts');
  }
  const service = alert.labels.service;
  if (service) for (const runbook of runbooks) if (runbook.services.includes(service)) add(runbook, 'service');
  return matches;
}

/**
 * True when a `runbook_url` names this runbook's file rather than a web page: a relative path or
 * file: URL ending in the runbook's id (`database/disk-filling-up.md`, `./disk-filling-up.md`).
 */
export function namesRunbook(url: string, runbook: Pick<RunbookSummary, 'id' | 'file'>): boolean {
  const trimmed = url.trim();
  if (/^https?:\/\//i.test(trimmed)) return false;
  const path = trimmed.replace(/^file:\/\//i, '').replace(/\\/g, '/').replace(/[?#].*$/, '');
  if (!path.toLowerCase().endsWith('.md')) return false;
  const id = runbook.id.replace(/\\/g, '/');
  return path === id || path.endsWith(`/${id}`) || path === runbook.file || path.endsWith(`/${runbook.file}`);
}
