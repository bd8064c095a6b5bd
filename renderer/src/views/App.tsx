import { useRef } from 'react';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts';
import { useThemeAttribute } from '../hooks/use-theme';
import { AlertList } from './alert-list/AlertList';
import { StatusBanners } from './banners/StatusBanners';
import { AlertDetail } from './detail/AlertDetail';
import { FilterBar } from './filter/FilterBar';
import { AppHeader } from './header/AppHeader';
import { SourceHealthStrip } from './sources/SourceHealthStrip';

export function App() {
  const filterInput = useRef<HTMLInputElement>(null);
  useThemeAttribute();
  useKeyboardShortcuts(filterInput);
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        <StatusBanners />
        <SourceHealthStrip />
        <FilterBar inputRef={filterInput} />
        <div className="workspace">
          <AlertList />
          <AlertDetail />
        </div>
      </main>
    </div>
  );
}
