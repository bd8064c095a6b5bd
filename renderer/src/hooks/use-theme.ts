import { useLayoutEffect } from 'react';
import { useEngine } from '../app-services';

/** Mirrors the theme preference onto `<html data-theme>`, where the CSS variables switch. */
export function useThemeAttribute(): void {
  const theme = useEngine((state) => state.preferences.theme);
  // A layout effect: it runs before any passive effect, so charts reading colours see the new theme.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
