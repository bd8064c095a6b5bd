import { useResolvedTheme } from './use-theme';

/** Theme colours the canvas charts need, read from the CSS variables of the current theme. */
export interface ChartColors {
  text: string;
  muted: string;
  border: string;
  line: string;
  fill: string;
  page: string;
  ticket: string;
  zero: string;
  surface: string;
}

const VARIABLES: Record<keyof ChartColors, string> = {
  text: '--text',
  muted: '--muted',
  border: '--border',
  line: '--chart-line',
  fill: '--chart-fill',
  page: '--critical',
  ticket: '--warning',
  zero: '--muted',
  surface: '--surface',
};

export function readChartColors(element: Element = document.documentElement): ChartColors {
  const style = getComputedStyle(element);
  const entries = Object.entries(VARIABLES).map(([name, variable]) => [name, style.getPropertyValue(variable).trim() || 'currentColor']);
  return Object.fromEntries(entries) as ChartColors;
}

/** The theme shown (the OS's when following the system): charts read their colours again when it changes. */
export function useThemeName(): string {
  return useResolvedTheme();
}
