import type { PlannedNotification } from './notification-policy';
import {
  alreadyFiringNotification,
  firingNotification,
  resolvedNotification,
  resolvedSummaryNotification,
  summaryNotification,
  type NotificationText,
} from './notification-text';

/** The words for each notification the policy planned. */
export function textFor(planned: PlannedNotification): NotificationText {
  switch (planned.kind) {
    case 'firing':
      return firingNotification(planned.alert);
    case 'summary':
      return summaryNotification(planned.alerts);
    case 'already-firing':
      return alreadyFiringNotification(planned.alerts);
    case 'resolved':
      return resolvedNotification(planned.alert);
    case 'resolved-summary':
      return resolvedSummaryNotification(planned.alerts);
  }
}
