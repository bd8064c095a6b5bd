import { useRef } from 'react';
import { useUi } from '../app-services';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts';
import { useThemeAttribute } from '../hooks/use-theme';
import { AlertsView } from './alerts/AlertsView';
import { StatusBanners } from './banners/StatusBanners';
import { AppHeader } from './header/AppHeader';
import { SloView } from './slo/SloView';
import { SourceHealthStrip } from './sources/SourceHealthStrip';

export function App() {
  // The filter of whichever view shows: only one is mounted at a time.
  const filterInput = useRef<HTMLInputElement>(null);
  const view = useUi((state) => state.view);
  useThemeAttribute();
  useKeyboardShortcuts(filterInput);
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        <StatusBanners />
        <SourceHealthStrip />
        {view === 'alerts' ? <AlertsView filterInput={filterInput} /> : <SloView filterInput={filterInput} />}
      </main>
    </div>
  );
}
