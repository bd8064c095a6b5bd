import { describe, expect, it } from 'vitest';
import { escapeMarkdownInline, formatDuration, formatUtc, postmortemMarkdown } from '../../electron/incidents/postmortem';
import { statusUpdateText } from '../../electron/incidents/status-update';
import type { Incident, TimelineEntry } from '../../shared/incident';

const entry = (id: string, at: string, kind: TimelineEntry['kind'], text: string, key = false): TimelineEntry => ({ id, at, kind, text, key });

const INCIDENT: Incident = {
  id: 'inc-1',
  title: 'Checkout errors',
  severity: 'SEV2',
  status: 'resolved',
  roles: { commander: 'Alice', communications: 'Bob', operations: '' },
  declaredAt: '2026-11-26T03:12:00.000Z',
  resolvedAt: '2026-11-26T04:24:30.000Z',
  origin: 'alert HighErrorRate (checkout)',
  linkedAlerts: [{ fingerprint: 'fp-checkout', name: 'HighErrorRate (checkout)' }],
  linkedRunbooks: [{ id: 'app/high-error-rate.md', title: 'High error rate' }],
  linkedSlos: [{ id: 'api.yaml#availability', name: 'API availability' }],
  checklistSessionId: 's-1',
  timeline: [
    entry('e1', '2026-11-26T03:12:00.000Z', 'declared', 'Declared SEV2 from alert HighErrorRate (checkout)'),
    entry('e2', '2026-11-26T03:12:00.000Z', 'role', 'Incident commander: Alice'),
    entry('e3', '2026-11-26T03:20:10.000Z', 'note', 'Deploy v42 went out at 03:05', true),
    entry('e4', '2026-11-26T03:31:00.000Z', 'step-done', 'Step done: Roll back the deploy (High error rate runbook)', true),
    entry('e5', '2026-11-26T03:50:00.000Z', 'alert-resolved', 'HighErrorRate (checkout) resolved'),
    entry('e6', '2026-11-26T04:24:30.000Z', 'status', 'Status: monitoring → resolved'),
  ],
};

describe('postmortem draft', () => {
  it('writes the whole draft from the incident', () => {
    expect(postmortemMarkdown(INCIDENT)).toBe(`# Postmortem: Checkout errors

_A draft written from the incident record. Replace the text in italics._

- **Severity:** SEV2
- **Status:** resolved
- **Declared:** 2026-11-26 03:12 UTC
- **Resolved:** 2026-11-26 04:24 UTC
- **Duration:** 1 h 12 m
- **Incident commander:** Alice
- **Communications lead:** Bob
- **Ops lead:** _not assigned_
- **Origin:** alert HighErrorRate (checkout)

## Summary

_What happened, why, and how it was fixed, in two or three sentences for someone who was not there._

- Linked alerts: HighErrorRate (checkout)
- Linked SLOs: API availability

## Impact

_Who was affected (users, customers, other teams), how, and for how long; numbers where there are any._

- SLO API availability: _error budget spent during the incident_

## Timeline

Times in UTC; ★ marks key moments.

### Key moments

- ★ 03:20 UTC — Deploy v42 went out at 03:05
- ★ 03:31 UTC — Step done: Roll back the deploy (High error rate runbook)

### Every entry

- 03:12 UTC — Declared SEV2 from alert HighErrorRate (checkout)
- 03:12 UTC — Incident commander: Alice
- ★ 03:20 UTC — Deploy v42 went out at 03:05
- ★ 03:31 UTC — Step done: Roll back the deploy (High error rate runbook)
- 03:50 UTC — HighErrorRate (checkout) resolved
- 04:24 UTC — Status: monitoring → resolved

## Contributing factors

- _What made this possible: a change (deploy, configuration, data, traffic), a dependency, a capacity limit._
- _What made it worse or slower to fix: a missing or noisy alert, an unclear runbook, missing access._

## Action items

| Action | Owner | Due | Ticket |
| --- | --- | --- | --- |
| _What will be done_ | _Who_ | _When_ | _Link_ |

## Runbooks used

- High error rate (app/high-error-rate.md)
`);
  });

  it('says what is missing for an ongoing incident declared by hand, and dates entries on later days', () => {
    const incident: Incident = {
      ...INCIDENT,
      status: 'monitoring',
      resolvedAt: null,
      roles: { commander: '', communications: '', operations: '' },
      origin: 'by hand',
      linkedAlerts: [],
      linkedRunbooks: [],
      linkedSlos: [],
      timeline: [entry('e1', '2026-11-26T23:58:00.000Z', 'declared', 'Declared SEV2 by hand'), entry('e2', '2026-11-27T00:03:00.000Z', 'note', 'Past midnight')],
      declaredAt: '2026-11-26T23:58:00.000Z',
    };
    const markdown = postmortemMarkdown(incident);
    expect(markdown).toContain('- **Resolved:** not yet\n- **Duration:** ongoing\n- **Incident commander:** _not assigned_\n');
    expect(markdown).toContain('- Linked alerts: none\n- Linked SLOs: none\n');
    expect(markdown).toContain('## Impact\n\n_Who was affected (users, customers, other teams), how, and for how long; numbers where there are any._\n\n_No SLO was linked to this incident._\n\n');
    expect(markdown).toContain(
      '### Key moments\n\n_None marked yet._\n\n### Every entry\n\n- 23:58 UTC — Declared SEV2 by hand\n- 2026-11-27 00:03 UTC — Past midnight\n\n',
    );
    expect(markdown.endsWith('## Runbooks used\n\n_No runbook was linked to this incident._\n')).toBe(true);
  });

  it('escapes user text so it cannot break the structure', () => {
    const incident: Incident = {
      ...INCIDENT,
      title: 'DB <script>alert(1)</script> | *down* #',
      roles: { commander: '[Alice](javascript:alert(1))', communications: 'Bob_the_builder', operations: '`rm -rf`' },
      linkedRunbooks: [{ id: 'db/a|b.md', title: 'Table | breaker' }],
      timeline: [
        entry('e1', '2026-11-26T03:12:00.000Z', 'note', '# Not a heading\n\n## Nor this\n- nor a list\n1. nor this\n> nor a quote\n---\n    not code\n&amp; &copy; fine & dandy'),
      ],
    };
    const markdown = postmortemMarkdown(incident);
    expect(markdown.split('\n')[0]).toBe('# Postmortem: DB \\<script\\>alert(1)\\</script\\> \\| \\*down\\* \\#');
    expect(markdown).toContain('- **Incident commander:** \\[Alice\\](javascript:alert(1))\n');
    expect(markdown).toContain('- **Communications lead:** Bob\\_the\\_builder\n');
    expect(markdown).toContain('- **Ops lead:** \\`rm -rf\\`\n');
    expect(markdown).toContain('- Table \\| breaker (db/a\\|b.md)\n');
    expect(markdown).toContain(
      [
        '- 03:12 UTC — \\# Not a heading',
        '  \\#\\# Nor this',
        '  \\- nor a list',
        '  1\\. nor this',
        '  \\> nor a quote',
        '  \\---',
        '  not code',
        '  \\&amp; \\&copy; fine & dandy',
        '',
      ].join('\n'),
    );
    // Only the draft's own headings start lines with '#'.
    expect(markdown.split('\n').filter((line) => line.startsWith('#'))).toEqual([
      '# Postmortem: DB \\<script\\>alert(1)\\</script\\> \\| \\*down\\* \\#',
      '## Summary',
      '## Impact',
      '## Timeline',
      '### Key moments',
      '### Every entry',
      '## Contributing factors',
      '## Action items',
      '## Runbooks used',
    ]);
    expect(escapeMarkdownInline('a\nb | c')).toBe('a b \\| c');
  });

  it('formats times and durations', () => {
    expect(formatUtc('2026-11-26T03:12:59.999Z')).toBe('2026-11-26 03:12 UTC');
    expect(formatUtc('not a time')).toBe('not a time');
    expect([0, 59_999, 60_000, 42 * 60_000, 60 * 60_000, 65 * 60_000, 24 * 3_600_000, 28 * 3_600_000 + 5 * 60_000, -5].map(formatDuration)).toEqual([
      '0 m',
      '0 m',
      '1 m',
      '42 m',
      '1 h',
      '1 h 5 m',
      '1 d',
      '1 d 4 h',
      '0 m',
    ]);
  });
});

describe('status update', () => {
  const ongoing: Incident = { ...INCIDENT, status: 'identified', resolvedAt: null, timeline: INCIDENT.timeline.slice(0, 5) };

  it('writes a short chat-ready update with roles, the latest three entries and the next update time', () => {
    expect(statusUpdateText(ongoing, new Date('2026-11-26T03:54:20.000Z'))).toBe(
      [
        '[SEV2] Checkout errors — identified (for 42 m)',
        'IC: Alice · Comms: Bob',
        'Latest:',
        '- 03:20 UTC — Deploy v42 went out at 03:05',
        '- 03:31 UTC — Step done: Roll back the deploy (High error rate runbook)',
        '- 03:50 UTC — HighErrorRate (checkout) resolved',
        'Next update by 04:25 UTC.',
      ].join('\n'),
    );
  });

  it('suggests the next update by severity, flattens and shortens text, and names missing roles', () => {
    const incident: Incident = {
      ...ongoing,
      severity: 'SEV1',
      title: 'Checkout\ndown',
      roles: { commander: '', communications: '', operations: 'Dan' },
      timeline: [entry('e1', '2026-11-26T03:12:00.000Z', 'note', `Line one\nline two ${'x'.repeat(300)}`)],
    };
    const text = statusUpdateText(incident, new Date('2026-11-26T03:13:00.000Z'));
    expect(text.split('\n')).toEqual([
      '[SEV1] Checkout down — identified (for 1 m)',
      'IC: not assigned · Comms: not assigned · Ops: Dan',
      'Latest:',
      `- 03:12 UTC — Line one line two ${'x'.repeat(181)}…`,
      'Next update by 03:30 UTC.',
    ]);
  });

  it('says when it was resolved and that a postmortem follows', () => {
    expect(statusUpdateText(INCIDENT, new Date('2026-11-26T05:00:00.000Z'))).toBe(
      [
        '[SEV2] Checkout errors — resolved (after 1 h 12 m)',
        'IC: Alice · Comms: Bob',
        'Latest:',
        '- 03:31 UTC — Step done: Roll back the deploy (High error rate runbook)',
        '- 03:50 UTC — HighErrorRate (checkout) resolved',
        '- 04:24 UTC — Status: monitoring → resolved',
        'Resolved; a postmortem will follow.',
      ].join('\n'),
    );
  });
});
