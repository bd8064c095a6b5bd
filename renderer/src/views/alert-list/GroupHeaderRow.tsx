import { memo } from 'react';

/** A divider between groups; not an option, so the keyboard skips it. */
export const GroupHeaderRow = memo(function GroupHeaderRow({ label, count, top }: { label: string; count: number; top: number }) {
  return (
    <div className="group-header" data-testid="group-header" data-group={label} style={{ transform: `translateY(${top}px)` }}>
      <span className="group-name">{label}</span>
      <span className="group-count">
        {count}
        <span className="visually-hidden">{count === 1 ? ' alert' : ' alerts'}</span>
      </span>
    </div>
  );
});
