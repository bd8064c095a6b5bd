import { EmptyState } from '../common/EmptyState';

// Placeholder: replaced by the real view in this session.
export function ShiftView() {
  return <EmptyState testId="shift-placeholder" kind="empty" title="Not built yet" />;
}
