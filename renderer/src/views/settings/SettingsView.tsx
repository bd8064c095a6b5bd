import { EmptyState } from '../common/EmptyState';

// Placeholder: replaced by the real view in this session.
export function SettingsView() {
  return <EmptyState testId="settings-placeholder" kind="empty" title="Not built yet" />;
}
