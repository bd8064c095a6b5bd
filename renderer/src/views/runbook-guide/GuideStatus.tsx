import { useId } from 'react';
import { useNow } from '../../hooks/use-now';
import { formatElapsed, isoDuration } from '../../lib/format-age';
import type { GuideModel } from '../../lib/runbook-guide-model';

/** "Step 2 of 6" with a progress bar, and the time since the session started (or how long it took). */
export function GuideStatus({ model, startedAt, finishedAt }: { model: GuideModel; startedAt: string; finishedAt: string | null }) {
  const labelId = useId();
  return (
    <div className="guide-status">
      <div className="guide-progress" data-testid="runbook-progress" data-position={model.position} data-total={model.total}>
        <span id={labelId} className="guide-progress-text">
          {model.progressText}
        </span>
        <progress max={1} value={model.progress} aria-labelledby={labelId} />
      </div>
      {finishedAt === null ? <RunningTime startedAt={startedAt} /> : <ElapsedText label="Took" ms={Date.parse(finishedAt) - Date.parse(startedAt)} />}
    </div>
  );
}

function RunningTime({ startedAt }: { startedAt: string }) {
  const now = useNow();
  return <ElapsedText label="Elapsed" ms={now - Date.parse(startedAt)} />;
}

function ElapsedText({ label, ms }: { label: string; ms: number }) {
  const safe = Number.isNaN(ms) ? 0 : Math.max(0, ms);
  return (
    <p className="guide-elapsed" data-testid="runbook-elapsed" title="Time since this runbook was started">
      {label} <time dateTime={isoDuration(safe)}>{formatElapsed(safe)}</time>
    </p>
  );
}
