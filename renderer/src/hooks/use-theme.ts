import { useEffect } from 'react';
import { useEngine } from '../app-services';

/** Mirrors the theme preference onto `<html data-theme>`, where the CSS variables switch. */
export function useThemeAttribute(): void {
  const theme = useEngine((state) => state.preferences.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
