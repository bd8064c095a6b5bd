import { updatePreferences } from '../../actions/preferences';
import { useEngine, useServices } from '../../app-services';

export function ThemeToggle() {
  const services = useServices();
  const theme = useEngine((state) => state.preferences.theme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" data-testid="theme-toggle" data-theme-next={next} onClick={() => void updatePreferences(services, { theme: next })}>
      {next === 'light' ? 'Light theme' : 'Dark theme'}
    </button>
  );
}
