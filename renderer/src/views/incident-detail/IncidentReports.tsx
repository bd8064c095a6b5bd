import { useRef, useState } from 'react';
import type { Incident } from '../../../../shared/incident';
import { exportPostmortem, incidentStatusUpdate } from '../../actions/incidents';
import { useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import { postmortemFileName } from '../../lib/incident-draft';
import { CopyButton } from '../common/CopyButton';

interface Report {
  text: string;
  at: string;
}

/** A status update for the team's chat and the postmortem draft, each written by the engine when asked, to copy or download. */
export function IncidentReports({ incident }: { incident: Incident }) {
  const services = useServices();
  const [statusUpdate, setStatusUpdate] = useState<Report | null>(null);
  const [postmortem, setPostmortem] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'status' | 'postmortem' | null>(null);

  const run = async (kind: 'status' | 'postmortem') => {
    setBusy(kind);
    try {
      const text = kind === 'status' ? await incidentStatusUpdate(services, incident.id) : await exportPostmortem(services, incident.id);
      if (text === undefined) return;
      const report = { text, at: new Date().toISOString() };
      if (kind === 'status') setStatusUpdate(report);
      else setPostmortem(report);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="incident-reports" aria-labelledby="incident-reports-title">
      <h3 id="incident-reports-title">Reports</h3>
      <div className="incident-actions">
        <button type="button" data-testid="status-update" disabled={busy !== null} onClick={() => void run('status')}>
          {statusUpdate ? 'Write the status update again' : 'Status update'}
        </button>
        <button type="button" data-testid="export-postmortem" disabled={busy !== null} onClick={() => void run('postmortem')}>
          {postmortem ? 'Export the postmortem again' : 'Export postmortem'}
        </button>
      </div>
      {statusUpdate && (
        <ReportText
          title="Status update"
          report={statusUpdate}
          testId="status-update-text"
          copyTestId="copy-status-update"
          onHide={() => setStatusUpdate(null)}
        />
      )}
      {postmortem && (
        <ReportText
          title="Postmortem draft (Markdown)"
          report={postmortem}
          testId="postmortem-markdown"
          copyTestId="copy-postmortem"
          onHide={() => setPostmortem(null)}
          download={postmortemFileName(incident.title, incident.declaredAt)}
        />
      )}
    </section>
  );
}

interface ReportTextProps {
  title: string;
  report: Report;
  testId: string;
  copyTestId: string;
  onHide: () => void;
  /** The file name to offer it for download under. */
  download?: string;
}

function ReportText({ title, report, testId, copyTestId, onHide, download }: ReportTextProps) {
  const now = useNow();
  const text = useRef<HTMLPreElement>(null);
  return (
    <figure className="report" data-testid={`${testId}-report`}>
      <figcaption className="report-head">
        <span className="report-title">
          {title} <span className="detail-age">(written at {formatClockTime(report.at, now)})</span>
        </span>
        <span className="report-actions">
          <CopyButton text={report.text} label={title.toLowerCase()} noun="text" testId={copyTestId} selectTarget={() => text.current} />
          {download && <DownloadButton text={report.text} fileName={download} />}
          <button type="button" className="copy-button" onClick={onHide}>
            Hide
          </button>
        </span>
      </figcaption>
      {/* Focusable: it scrolls when long, and keyboard users must be able to scroll it. */}
      <pre ref={text} className="report-text" data-testid={testId} tabIndex={0} aria-label={title}>
        {report.text}
      </pre>
    </figure>
  );
}

/** Saves the text as a Markdown file through a Blob URL and a download link, made when pressed and released after. */
function DownloadButton({ text, fileName }: { text: string; fileName: string }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  };
  return (
    <button type="button" className="copy-button" data-testid="download-postmortem" title={`Save as ${fileName}`} onClick={download}>
      Download <span className="visually-hidden">{fileName}</span>
    </button>
  );
}
