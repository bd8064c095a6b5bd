import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Incident, TimelineEntry } from '../../../../shared/incident';
import { addIncidentNote, markKeyMoment } from '../../actions/incidents';
import { useServices } from '../../app-services';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../lib/format-age';
import { TIMELINE_KIND_LABEL, timelineInOrder } from '../../lib/incident-order';

const NOTE_MAX = 20_000;

/** What happened, oldest first, as the engine wrote it; key moments starred. Notes are added below. */
export function IncidentTimeline({ incident }: { incident: Incident }) {
  const services = useServices();
  const now = useNow();
  const entries = useMemo(() => timelineInOrder(incident.timeline), [incident.timeline]);
  const keyCount = entries.filter((entry) => entry.key).length;
  return (
    <section className="incident-timeline-section" aria-labelledby="incident-timeline-title">
      <h3 id="incident-timeline-title">
        Timeline <span className="detail-age">({entries.length} entries{keyCount > 0 ? `, ${keyCount} key` : ''})</span>
      </h3>
      <ol className="incident-timeline" data-testid="incident-timeline">
        {entries.map((entry) => (
          <TimelineItem key={entry.id} entry={entry} now={now} onKey={(key) => void markKeyMoment(services, incident.id, entry.id, key)} />
        ))}
      </ol>
      <NoteForm incident={incident} />
    </section>
  );
}

function TimelineItem({ entry, now, onKey }: { entry: TimelineEntry; now: number; onKey: (key: boolean) => void }) {
  return (
    <li className={entry.key ? 'timeline-entry key' : 'timeline-entry'} data-testid="timeline-entry" data-kind={entry.kind} data-key={entry.key} data-entry-id={entry.id}>
      <time className="timeline-time" dateTime={entry.at} title={entry.at}>
        {formatClockTime(entry.at, now)}
      </time>
      <span className={`timeline-kind kind-${entry.kind}`}>{TIMELINE_KIND_LABEL[entry.kind]}</span>
      <span className="timeline-text">{entry.text}</span>
      <button
        type="button"
        className="timeline-key"
        data-testid="timeline-key"
        aria-pressed={entry.key}
        aria-label="Key moment"
        title={entry.key ? 'A key moment (first in the postmortem): press to unmark' : 'Mark as a key moment (first in the postmortem)'}
        onClick={() => onKey(!entry.key)}
      >
        <span aria-hidden="true">{entry.key ? '★' : '☆'}</span>
      </button>
    </li>
  );
}

function NoteForm({ incident }: { incident: Incident }) {
  const services = useServices();
  const id = useId();
  const [text, setText] = useState('');
  const [key, setKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const empty = text.trim() === '';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (empty || busy) return;
    setBusy(true);
    try {
      if (await addIncidentNote(services, incident.id, text, key)) {
        setText('');
        setKey(false);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="incident-note-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={`${id}-note`}>Add a note to the timeline</label>
      <textarea
        id={`${id}-note`}
        data-testid="incident-note-input"
        rows={2}
        maxLength={NOTE_MAX}
        value={text}
        placeholder="What was seen, decided or done (Ctrl+Enter adds it)"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
        }}
      />
      <div className="incident-note-actions">
        <label className="form-check">
          <input type="checkbox" data-testid="incident-note-key" checked={key} onChange={(event) => setKey(event.target.checked)} />
          Key moment
        </label>
        <button type="submit" className="primary-button" data-testid="incident-note-submit" disabled={empty || busy}>
          Add note
        </button>
      </div>
    </form>
  );
}
