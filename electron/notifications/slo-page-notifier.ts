import type { Slo } from '../../shared/slo';
import type { DesktopNotifier } from './desktop-notifier';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, sanitizeNotificationText, type NotificationText } from './notification-text';

/** An SLO that pages again within this time after it paged is the same episode: no second notification. */
const SAME_EPISODE_MS = 60 * 60_000;

/**
 * One notification when an SLO starts paging (fast budget burn), deduplicated like alerts:
 * a page that flaps off and on within the hour is one episode. Ticket-level burns only colour the tray.
 */
export class SloPageNotifier {
  private readonly lastPaged = new Map<string, number>();
  private known = new Map<string, Slo['status']>();

  constructor(
    private readonly deps: {
      notifier: DesktopNotifier;
      pausedUntil: () => string | null;
      openDashboard: () => void;
      now: () => number;
    },
  ) {}

  handle(slos: readonly Slo[]): void {
    const now = this.deps.now();
    const paused = this.deps.pausedUntil();
    const quiet = paused !== null && Date.parse(paused) > now;
    for (const slo of slos) {
      const before = this.known.get(slo.id);
      if (slo.status !== 'page' || before === 'page' || slo.stale) continue;
      const last = this.lastPaged.get(slo.id);
      this.lastPaged.set(slo.id, now);
      if (quiet || (last !== undefined && now - last < SAME_EPISODE_MS)) continue;
      this.deps.notifier.show(sloPageText(slo), () => this.deps.openDashboard());
    }
    for (const slo of slos) if (slo.status === 'page') this.lastPaged.set(slo.id, now);
    this.known = new Map(slos.map((slo) => [slo.id, slo.status]));
  }
}

export function sloPageText(slo: Slo): NotificationText {
  const budget = slo.budget.remaining === null ? '' : ` · ${Math.round(slo.budget.remaining * 100)} % of the budget left`;
  return {
    title: sanitizeNotificationText(`SLO burning · ${slo.displayName}${slo.objective ? ` (${slo.objective})` : ''}`, MAX_TITLE_LENGTH),
    body: sanitizeNotificationText(`${slo.statusReason}${budget}`, MAX_BODY_LENGTH),
    fingerprint: null,
    urgency: 'critical',
  };
}
