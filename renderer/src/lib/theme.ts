import type { Theme } from '../../../shared/model';

/** The theme the CSS and the charts use: a preference of 'system' becomes the OS's choice. */
export type ResolvedTheme = 'dark' | 'light';

export const SYSTEM_DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(preference: Theme, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

export const THEME_CHOICES: ReadonlyArray<{ value: Theme; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];
