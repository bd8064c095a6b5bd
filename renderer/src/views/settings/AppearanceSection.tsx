import { useId } from 'react';
import type { Theme } from '../../../../shared/model';
import { updatePreferences } from '../../actions/preferences';
import { useEngine, useServices } from '../../app-services';
import { THEME_CHOICES } from '../../lib/theme';

/** The theme: follow the system (live, the default), or always dark or light. */
export function AppearanceSection() {
  const services = useServices();
  const theme = useEngine((state) => state.preferences.theme);
  const ids = useId();
  return (
    <section className="settings-section" data-testid="appearance-settings" aria-labelledby={`${ids}-title`}>
      <h2 className="section-title" id={`${ids}-title`}>
        Appearance
      </h2>
      <fieldset className="settings-options settings-theme">
        <legend>Theme</legend>
        {THEME_CHOICES.map((choice) => (
          <label key={choice.value} className="settings-option">
            <input
              type="radio"
              name={`${ids}-theme`}
              value={choice.value}
              data-testid={`theme-choice-${choice.value}`}
              checked={theme === choice.value}
              onChange={() => void updatePreferences(services, { theme: choice.value as Theme })}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
