import type { NotificationSettings } from '../../../shared/model';

/** The time notifications resume, or null when they are not paused at `now`. */
export function pausedUntil(settings: NotificationSettings | null, now: number): Date | null {
  if (!settings?.pausedUntil) return null;
  const until = new Date(settings.pausedUntil);
  return until.getTime() > now ? until : null;
}
