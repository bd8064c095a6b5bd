import { lazy, Suspense, useRef } from 'react';
import { useUi } from '../app-services';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts';
import { useThemeAttribute } from '../hooks/use-theme';
import { AlertsView } from './alerts/AlertsView';
import { StatusBanners } from './banners/StatusBanners';
import { EmptyState } from './common/EmptyState';
import { AppHeader } from './header/AppHeader';
import { SloView } from './slo/SloView';
import { DependencyStrip } from './sources/DependencyStrip';
import { SourceHealthStrip } from './sources/SourceHealthStrip';

// Loaded on first use: the alert list is what must show fast at startup.
const RunbooksView = lazy(() => import('./runbooks/RunbooksView').then((module) => ({ default: module.RunbooksView })));
const IncidentsView = lazy(() => import('./incidents/IncidentsView').then((module) => ({ default: module.IncidentsView })));
const SilencesView = lazy(() => import('./silences/SilencesView').then((module) => ({ default: module.SilencesView })));
const HistoryView = lazy(() => import('./history/HistoryView').then((module) => ({ default: module.HistoryView })));
const ShiftView = lazy(() => import('./shift/ShiftView').then((module) => ({ default: module.ShiftView })));
const SettingsView = lazy(() => import('./settings/SettingsView').then((module) => ({ default: module.SettingsView })));

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
        <DependencyStrip />
        {view === 'alerts' && <AlertsView filterInput={filterInput} />}
        {view === 'slos' && <SloView filterInput={filterInput} />}
        <Suspense fallback={<EmptyState testId="view-loading" kind="loading" title="Loading…" />}>
          {view === 'runbooks' && <RunbooksView filterInput={filterInput} />}
          {view === 'incidents' && <IncidentsView />}
          {view === 'silences' && <SilencesView />}
          {view === 'history' && <HistoryView filterInput={filterInput} />}
          {view === 'shift' && <ShiftView />}
          {view === 'settings' && <SettingsView />}
        </Suspense>
      </main>
    </div>
  );
}
