import { useLayoutEffect, useSyncExternalStore } from 'react';
import { useEngine } from '../app-services';
import { resolveTheme, SYSTEM_DARK_QUERY, type ResolvedTheme } from '../lib/theme';

function subscribeToSystemTheme(onChange: () => void): () => void {
  const query = window.matchMedia(SYSTEM_DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the OS asks for dark colours now (Electron and browsers report it through `prefers-color-scheme`), updated live. */
export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribeToSystemTheme, () => window.matchMedia(SYSTEM_DARK_QUERY).matches);
}

/** The theme shown: the preference, or the OS's when the preference is 'system'. */
export function useResolvedTheme(): ResolvedTheme {
  const preference = useEngine((state) => state.preferences.theme);
  return resolveTheme(preference, useSystemPrefersDark());
}

/** Mirrors the shown theme onto `<html data-theme>`, where the CSS variables switch. */
export function useThemeAttribute(): void {
  const theme = useResolvedTheme();
  // A layout effect: it runs before any passive effect, so charts reading colours see the new theme.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
