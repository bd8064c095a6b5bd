import { updatePreferences } from '../../actions/preferences';
import { useServices } from '../../app-services';
import { useResolvedTheme } from '../../hooks/use-theme';

/** Flips to the other theme than the one shown, as an explicit choice; Settings › Appearance can go back to following the system. */
export function ThemeToggle() {
  const services = useServices();
  const theme = useResolvedTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="icon-button"
      data-testid="theme-toggle"
      data-theme-next={next}
      title={next === 'light' ? 'Light theme' : 'Dark theme'}
      onClick={() => void updatePreferences(services, { theme: next })}
    >
      <span aria-hidden="true">{next === 'light' ? '☀' : '☾'}</span>
      <span className="visually-hidden">{next === 'light' ? 'Light theme' : 'Dark theme'}</span>
    </button>
  );
}
