import type { SourceType } from '../../../../shared/model';
import { SEVERITIES } from '../../../../shared/severity';
import type { TextField } from './source-draft';

/** How each box of the settings form reads: its label, a hint, and a list of choices where there are only a few. */
export interface FieldSpec {
  label: string;
  hint?: string;
  placeholder?: string;
  choices?: readonly string[];
  /** What an empty choice means: the config's default. */
  defaultChoice?: string;
  inputMode?: 'numeric' | 'decimal' | 'email' | 'url';
}

const URL_LABEL: Partial<Record<SourceType, string>> = {
  http: 'URL to check',
  alertmanager: 'Alertmanager URL',
  prometheus: 'Prometheus URL',
  statuspage: 'Status page URL (or RSS/Atom feed URL)',
};

const DEFAULT_INTERVAL: Partial<Record<SourceType, string>> = { http: '30s', statuspage: '2m', pagerduty: '1m', opsgenie: '1m' };

export function fieldSpec(field: TextField, type: SourceType): FieldSpec {
  switch (field) {
    case 'name':
      return { label: 'Name', hint: 'Letters, digits, ".", "_" or "-"; shown with its alerts.' };
    case 'url':
      return { label: URL_LABEL[type] ?? 'URL', placeholder: type === 'http' ? 'e.g. https://shop.example.com/health' : 'e.g. http://alertmanager:9093', inputMode: 'url' };
    case 'baseUrl':
      return { label: 'API base URL (optional)', placeholder: type === 'opsgenie' ? 'default https://api.opsgenie.com (EU: https://api.eu.opsgenie.com)' : 'default https://api.pagerduty.com', inputMode: 'url' };
    case 'interval':
      return { label: 'Poll every', placeholder: `default ${DEFAULT_INTERVAL[type] ?? '15s'}`, hint: 'A duration such as 30s, 2m or 1h.' };
    case 'timeout':
      return { label: 'Timeout', placeholder: 'default 10s' };
    case 'method':
      return { label: 'Method', choices: ['GET', 'HEAD', 'POST'], defaultChoice: 'GET' };
    case 'expectStatus':
      return { label: 'Expected status codes (optional)', placeholder: 'any 2xx', hint: 'Comma-separated, e.g. 200, 204.' };
    case 'bodyContains':
      return { label: 'Body must contain (optional)' };
    case 'severity':
      return { label: 'Severity of its alert while it fails', choices: SEVERITIES, defaultChoice: 'critical' };
    case 'slo.availability':
      return { label: 'Availability objective, % of probes that pass (optional)', placeholder: 'e.g. 99.9', inputMode: 'decimal' };
    case 'slo.latency.thresholdMs':
      return { label: 'Latency threshold, ms (optional)', placeholder: 'e.g. 300', inputMode: 'numeric' };
    case 'slo.latency.target':
      return { label: 'Latency objective, % of probes under the threshold', placeholder: 'e.g. 99', inputMode: 'decimal' };
    case 'slo.window':
      return { label: 'SLO window', placeholder: 'default 28d' };
    case 'format':
      return { label: 'Format', choices: ['statuspage', 'feed'], defaultChoice: 'statuspage', hint: 'statuspage: a Statuspage-compatible page; feed: an RSS or Atom incident feed.' };
    case 'dependency':
      return { label: 'Dependency name (optional)', placeholder: 'default: the source name' };
    case 'services':
      return { label: 'Our services that depend on it (optional)', hint: 'Comma-separated values of the alerts\u2019 service label.' };
    case 'fromEmail':
      return { label: 'Your PagerDuty e-mail (optional)', hint: 'Who acknowledges; by default the token\u2019s own user.', inputMode: 'email' };
    case 'user':
      return { label: 'Your Opsgenie e-mail (optional)', hint: 'Who acknowledges, and whose shifts count as yours.', inputMode: 'email' };
  }
}

/** The boxes in the order the form shows them, by group. */
export const FORM_GROUPS: ReadonlyArray<{ title: string; fields: readonly TextField[]; only?: SourceType }> = [
  { title: 'Where', fields: ['name', 'url', 'baseUrl', 'method', 'format', 'dependency', 'services', 'fromEmail', 'user'] },
  { title: 'What counts as up', fields: ['expectStatus', 'bodyContains', 'severity'], only: 'http' },
  { title: 'Service level objectives from its probes', fields: ['slo.availability', 'slo.latency.thresholdMs', 'slo.latency.target', 'slo.window'], only: 'http' },
  { title: 'Timing', fields: ['interval', 'timeout'] },
];
