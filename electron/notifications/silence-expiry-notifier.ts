import type { Silence } from '../../shared/actions';
import type { Alert } from '../../shared/model';
import { expiryWarningKey, silenceExpiryNotification, silencesEndingSoon } from '../actions/silence-expiry-warnings';
import type { DesktopNotifier } from './desktop-notifier';

export interface SilenceExpiryNotifierDeps {
  notifier: DesktopNotifier;
  silences: () => readonly Silence[];
  alerts: () => readonly Alert[];
  author: () => string;
  warnBeforeMs: () => number;
  openAlert?: (fingerprint: string) => void;
  openDashboard: () => void;
  now?: () => Date;
  checkEveryMs?: number;
}

/**
 * Warns once before a silence you created ends while what it mutes still fires, so that a
 * forgotten silence does not turn into a 3 a.m. page without notice. Checks when the silences
 * change and on a slow timer (a silence comes closer to its end without anything changing).
 */
export class SilenceExpiryNotifier {
  private readonly warned = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly deps: SilenceExpiryNotifierDeps) {
    this.timer = setInterval(() => this.check(), deps.checkEveryMs ?? 30_000);
    this.timer.unref();
  }

  check(): void {
    const now = this.deps.now?.() ?? new Date();
    const silences = this.deps.silences();
    const warnings = silencesEndingSoon({
      silences,
      alerts: this.deps.alerts(),
      author: this.deps.author(),
      now,
      warnBeforeMs: this.deps.warnBeforeMs(),
      warned: this.warned,
    });
    for (const warning of warnings) {
      this.warned.add(expiryWarningKey(warning.silence));
      const text = silenceExpiryNotification(warning, now);
      this.deps.notifier.show(text, () => (text.fingerprint && this.deps.openAlert ? this.deps.openAlert(text.fingerprint) : this.deps.openDashboard()));
    }
    // Forget silences that are gone, so the set does not grow for ever.
    const current = new Set(silences.map(expiryWarningKey));
    for (const key of this.warned) if (!current.has(key)) this.warned.delete(key);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
