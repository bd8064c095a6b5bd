import type { UserSettings } from './settings';

/**
 * "Pause notifications for an hour": the end time lives in the user's settings (it survives a
 * restart), and a timer says when it has passed so that every window shows it at once.
 */
export class NotificationPause {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: UserSettings,
    private readonly onEnded: () => void,
    private readonly now: () => number,
  ) {
    this.arm();
  }

  /** The end of the pause, or null when notifications are not paused. */
  get until(): string | null {
    const until = this.settings.pausedUntil;
    return until && Date.parse(until) > this.now() ? until : null;
  }

  pause(minutes: number): void {
    this.settings.pausedUntil = new Date(this.now() + minutes * 60_000).toISOString();
    this.arm();
  }

  resume(): void {
    this.settings.pausedUntil = null;
    clearTimeout(this.timer);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    const until = this.settings.pausedUntil;
    if (!until) return;
    const delay = Date.parse(until) - this.now();
    if (delay <= 0) return;
    // setTimeout cannot wait longer than ~24.8 days; pauses are at most a day.
    this.timer = setTimeout(this.onEnded, Math.min(delay + 50, 2 ** 31 - 1));
    this.timer.unref();
  }
}
