import type { Alert } from '../../../shared/model';
import type { Slo } from '../../../shared/slo';
import { safeExternalUrl } from '../../../shared/external-url';
import { compareAlerts } from './alert-order';

/** The labels an SLO links alerts by: its `labels`, with its service added when the labels do not name one. */
export function linkLabels(slo: Pick<Slo, 'labels' | 'service'>): Record<string, string> {
  const labels = { ...slo.labels };
  if (slo.service && labels.service === undefined) labels.service = slo.service;
  // A runbook is something to open, not something alerts share.
  delete labels.runbook_url;
  return labels;
}

/**
 * Whether an alert belongs to an SLO: they share at least one label, and every label they both
 * have agrees (an alert for service=checkout is linked to the checkout SLO, one for
 * service=search is not, even when both carry team=payments).
 */
export function alertMatchesSlo(alert: Pick<Alert, 'labels'>, labels: Record<string, string>): boolean {
  let shared = 0;
  for (const [name, value] of Object.entries(labels)) {
    const alertValue = alert.labels[name];
    if (alertValue === undefined) continue;
    if (alertValue !== value) return false;
    shared++;
  }
  return shared > 0;
}

/** Firing alerts linked to the SLO, most severe and oldest first. */
export function linkedAlerts(slo: Pick<Slo, 'labels' | 'service'>, alerts: Iterable<Alert>): Alert[] {
  const labels = linkLabels(slo);
  if (Object.keys(labels).length === 0) return [];
  const linked: Alert[] = [];
  for (const alert of alerts) {
    if (alert.state === 'firing' && alertMatchesSlo(alert, labels)) linked.push(alert);
  }
  return linked.sort(compareAlerts);
}

export interface RunbookLink {
  url: string;
  /** Where it came from: "SLO" or the alert's name. */
  from: string;
}

/** The SLO's own runbook (a `runbook_url` label) and those of its linked alerts, each URL once. */
export function runbookLinks(slo: Pick<Slo, 'labels'>, alerts: readonly Alert[]): RunbookLink[] {
  const links: RunbookLink[] = [];
  const seen = new Set<string>();
  const add = (url: string | undefined, from: string) => {
    if (!url) return;
    const key = safeExternalUrl(url)?.href ?? url;
    if (seen.has(key)) return;
    seen.add(key);
    links.push({ url, from });
  };
  add(slo.labels.runbook_url, 'SLO');
  for (const alert of alerts) add(alert.annotations.runbook_url, alert.name);
  return links;
}
