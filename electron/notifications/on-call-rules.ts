import type { OnCallStatus } from '../../shared/model';
import { isAtLeast, type Severity } from '../../shared/severity';
import type { NotificationConfig } from '../config/config-schema';

export interface OnCallNotificationRules {
  /** Alerts below this severity raise no notification. */
  minSeverity: Severity;
  /** No notification at all (off call, with `offCall: none`). */
  muted: boolean;
}

/**
 * Loud while on call, quiet off call: off call, `offCall` says what still notifies (everything,
 * critical only, nothing). When nobody knows whether the user is on call, notifications are as
 * configured: a companion that silently stops paging is worse than one that pages too often.
 */
export function notificationRulesFor(config: NotificationConfig, onCall: OnCallStatus['state']): OnCallNotificationRules {
  if (onCall !== 'off-call' || config.offCall === 'all') return { minSeverity: config.minSeverity, muted: false };
  if (config.offCall === 'none') return { minSeverity: config.minSeverity, muted: true };
  return { minSeverity: isAtLeast(config.minSeverity, 'critical') ? config.minSeverity : 'critical', muted: false };
}
