import type { Severity } from '../../../shared/severity';

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'critical',
  warning: 'warning',
  info: 'info',
  none: 'no severity',
};
