import { memo } from 'react';
import type { RunbookSummary } from '../../../../shared/runbook';
import { runbookOptionId } from '../../lib/dom-id';

interface RunbookRowProps {
  runbook: RunbookSummary;
  selected: boolean;
  position: number;
  setSize: number;
  onActivate: (id: string) => void;
}

/** One runbook: title, severity, services, owner, tags, and its problem if its front matter could not be read (it still opens). */
export const RunbookRow = memo(function RunbookRow({ runbook, selected, position, setSize, onActivate }: RunbookRowProps) {
  return (
    <div
      role="option"
      id={runbookOptionId(runbook.id)}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      className={selected ? 'runbook-row selected' : 'runbook-row'}
      data-testid="runbook-row"
      data-runbook-id={runbook.id}
      data-error={runbook.error !== null}
      title={`Follow “${runbook.title}” in guided mode`}
      onClick={() => onActivate(runbook.id)}
    >
      <div className="runbook-row-title">
        <span className="runbook-title">{runbook.title}</span>
        {runbook.severity && (
          <span className="runbook-severity" data-testid="runbook-severity">
            {runbook.severity}
          </span>
        )}
        {runbook.error && (
          <span className="runbook-error" data-testid="runbook-error" title={runbook.error}>
            error: {runbook.error}
          </span>
        )}
      </div>
      <div className="runbook-row-meta">
        {runbook.services.length > 0 && (
          <span className="runbook-services" data-testid="runbook-services">
            <span className="meta-label">services</span> {runbook.services.join(', ')}
          </span>
        )}
        {runbook.owner && (
          <span className="runbook-owner" data-testid="runbook-owner">
            <span className="meta-label">owner</span> {runbook.owner}
          </span>
        )}
        {runbook.tags.length > 0 && (
          <span className="runbook-tags" data-testid="runbook-tags">
            {runbook.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </span>
        )}
        <span className="runbook-file">{runbook.file}</span>
      </div>
    </div>
  );
});
