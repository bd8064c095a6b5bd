import { DemoBadge } from './DemoBadge';
import { OnCallControl } from './OnCallControl';
import { PauseToggle } from './PauseToggle';
import { SeverityCounts } from './SeverityCounts';
import { ThemeToggle } from './ThemeToggle';
import { ViewTabs } from './ViewTabs';

export function AppHeader() {
  return (
    <header className="app-header">
      <div className="brand">
        <h1>On-Call Companion</h1>
        <DemoBadge />
      </div>
      <ViewTabs />
      <SeverityCounts />
      <div className="header-actions">
        <OnCallControl />
        <PauseToggle />
        <ThemeToggle />
      </div>
    </header>
  );
}
