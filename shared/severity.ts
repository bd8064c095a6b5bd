/** Severities the app ranks alerts by, most severe first. */
export const SEVERITIES = ['critical', 'warning', 'info', 'none'] as const;
export type Severity = (typeof SEVERITIES)[number];

const SEVERITY_ALIASES: Record<string, Severity> = {
  critical: 'critical',
  crit: 'critical',
  page: 'critical',
  emergency: 'critical',
  fatal: 'critical',
  p1: 'critical',
  sev1: 'critical',
  warning: 'warning',
  warn: 'warning',
  error: 'warning',
  major: 'warning',
  high: 'warning',
  p2: 'warning',
  sev2: 'warning',
  info: 'info',
  informational: 'info',
  notice: 'info',
  low: 'info',
  minor: 'info',
  p3: 'info',
  sev3: 'info',
};

/** Maps the free-form `severity` label that rule authors write onto the app's four levels. */
export function normalizeSeverity(label: string | undefined): Severity {
  if (!label) return 'none';
  return SEVERITY_ALIASES[label.trim().toLowerCase()] ?? 'none';
}

/** 0 for critical … 3 for none: smaller is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at least as severe as `minimum`. */
export function isAtLeast(severity: Severity, minimum: Severity): boolean {
  return severityRank(severity) <= severityRank(minimum);
}
