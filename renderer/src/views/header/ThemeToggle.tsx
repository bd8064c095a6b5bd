import { updatePreferences } from '../../actions/preferences';
import { useEngine, useServices } from '../../app-services';

export function ThemeToggle() {
  const services = useServices();
  const theme = useEngine((state) => state.preferences.theme);
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
