import { useRef, useState } from 'react';
import { copyShiftReport, fetchShiftReport, shiftReportFileName } from '../../actions/shift';
import { useServices } from '../../app-services';

type ExportState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'downloaded'; file: string } | { kind: 'copy-failed'; markdown: string };

/** "Export hand-off report": to the clipboard, or as a .md file; when the clipboard refuses, the text to copy by hand. */
export function ReportExport() {
  const services = useServices();
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const fallback = useRef<HTMLTextAreaElement>(null);

  const copy = async () => {
    const { outcome, markdown } = await copyShiftReport(services);
    if (outcome === 'copied') setState({ kind: 'copied' });
    else if (outcome === 'failed' && markdown !== undefined) {
      setState({ kind: 'copy-failed', markdown });
      requestAnimationFrame(() => fallback.current?.select());
    }
  };
  const download = async () => {
    const markdown = await fetchShiftReport(services);
    if (markdown === undefined) return;
    const file = shiftReportFileName(new Date());
    const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setState({ kind: 'downloaded', file });
  };

  return (
    <div className="shift-export">
      <button type="button" data-testid="shift-copy-report" onClick={() => void copy()}>
        Copy hand-off report
      </button>
      <button type="button" data-testid="shift-download-report" onClick={() => void download()}>
        Download .md
      </button>
      <span role="status" data-testid="shift-export-status" data-state={state.kind}>
        {state.kind === 'copied' && 'Hand-off report copied as Markdown.'}
        {state.kind === 'downloaded' && `Saved as ${state.file}.`}
        {state.kind === 'copy-failed' && 'Could not use the clipboard: the report is selected below, press Ctrl+C.'}
      </span>
      {state.kind === 'copy-failed' && (
        <textarea ref={fallback} className="shift-report-text" data-testid="shift-report-text" aria-label="Hand-off report (Markdown)" readOnly value={state.markdown} rows={12} />
      )}
    </div>
  );
}
