import { PreferencesSchema, type Preferences } from '../../shared/model';
import { defaultAuthorName } from '../persistence/settings-document';
import type { SettingsStore } from '../persistence/settings-store';

const DEFAULT_PREFERENCES: Preferences = { theme: 'system', groupBy: 'alertname', author: defaultAuthorName() };

/**
 * The user's own choices that outlive a restart, validated on the way in and out of the store.
 * The file's schema version and migrations are in `persistence/settings-document.ts`: a new key
 * here that changes the shape of the file is a new version there.
 */
export class UserSettings {
  constructor(
    private readonly store: SettingsStore,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  get preferences(): Preferences {
    const stored = PreferencesSchema.partial().safeParse(this.store.get('preferences') ?? {});
    if (!stored.success) {
      this.onProblem('stored preferences are invalid; using defaults');
      return DEFAULT_PREFERENCES;
    }
    return { ...DEFAULT_PREFERENCES, ...stored.data };
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    const next = PreferencesSchema.parse({ ...this.preferences, ...patch });
    this.store.set('preferences', next);
    return next;
  }

  /** ISO time until which notifications are paused, or null; an unreadable value counts as not paused. */
  get pausedUntil(): string | null {
    const value = this.store.get('notificationsPausedUntil');
    return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
  }

  set pausedUntil(value: string | null) {
    if (value === null) this.store.delete('notificationsPausedUntil');
    else this.store.set('notificationsPausedUntil', value);
  }

  /** The user's own word on being on call (true/false), or null: follow PagerDuty/Opsgenie. */
  get onCallOverride(): boolean | null {
    const value = this.store.get('onCallOverride');
    return typeof value === 'boolean' ? value : null;
  }

  set onCallOverride(value: boolean | null) {
    if (value === null) this.store.delete('onCallOverride');
    else this.store.set('onCallOverride', value);
  }
}
