import type { ReactNode } from 'react';

/** The message a list shows instead of rows: loading, nothing there, or everything filtered out. */
export function EmptyState({ testId, kind, title, children }: { testId: string; kind: string; title: string; children?: ReactNode }) {
  return (
    <div className="empty-state" data-testid={testId} data-empty={kind} role="status">
      <p className="empty-title">{title}</p>
      {children && <p className="empty-detail">{children}</p>}
    </div>
  );
}

/** "3 alerts are hidden. [Clear filter]" */
export function HiddenByFilter({ count, noun, onClear }: { count: number; noun: [string, string]; onClear: () => void }) {
  return (
    <>
      {count} {count === 1 ? `${noun[0]} is` : `${noun[1]} are`} hidden.{' '}
      <button type="button" onClick={onClear}>
        Clear filter
      </button>
    </>
  );
}
