import { describe, expect, it } from 'vitest';
import { escapeMarkdown, shiftReportMarkdown } from '../../electron/shift/shift-report';
import { mergeAlerts } from '../../electron/shift/shift-service';
import type { Shift, ShiftAlert } from '../../shared/shift';
import { makeAlert } from '../helpers/alerts';

const alert = (overrides: Partial<ShiftAlert>): ShiftAlert => ({
  fingerprint: 'fp',
  name: 'HighErrorRate',
  severity: 'critical',
  labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' },
  startsAt: '2026-11-26T06:10:00.000Z',
  endsAt: null,
  sources: ['prod-am'],
  acknowledgedBy: null,
  acknowledgedAt: null,
  ...overrides,
});

const SHIFT: Shift = {
  onCall: { state: 'on-call', basis: 'manual', until: '2026-11-27T09:00:00.000Z', nextShiftAt: null, who: ['alice'] },
  from: '2026-11-26T05:00:00.000Z',
  to: '2026-11-26T17:00:00.000Z',
  alerts: [
    alert({ fingerprint: 'a', acknowledgedBy: 'alice', acknowledgedAt: '2026-11-26T06:15:00.000Z' }),
    alert({ fingerprint: 'b', name: 'Disk|Full *now*', severity: 'warning', labels: { instance: 'db-2', note: 'line1\nline2 <b>[x](y)</b>' }, startsAt: '2026-11-26T08:00:00.000Z', endsAt: '2026-11-26T08:30:00.000Z', acknowledgedBy: 'bob_the_sre', acknowledgedAt: '2026-11-26T08:05:00.000Z' }),
    alert({ fingerprint: 'c', name: 'QueueSlow', severity: 'warning', labels: { service: 'jobs' }, startsAt: '2026-11-26T16:00:00.000Z' }),
  ],
  incidents: [
    { id: 'INC-1', title: 'Checkout # down', status: 'investigating', declaredAt: '2026-11-26T06:20:00.000Z', resolvedAt: null },
    { id: 'INC-0', title: 'Old one', status: 'resolved', declaredAt: '2026-11-25T22:00:00.000Z', resolvedAt: '2026-11-26T05:30:00.000Z' },
  ],
  notifications: [],
};

const EXPECTED = `# Shift hand-off: 2026-11-26 06:00 – 2026-11-26 18:00 (Europe/Berlin)

On call until 2026-11-27 10:00 (your toggle).
On call now: alice

## Summary

- 3 alerts fired, 2 still firing, 1 of them unacknowledged
- 2 acknowledgements
- 1 incident declared, 1 resolved, 1 open

## Still open

| Alert | Severity | Labels | Started | Ended | Acknowledged by |
| --- | --- | --- | --- | --- | --- |
| HighErrorRate | critical | service=checkout | 2026-11-26 07:10 | still firing | alice at 2026-11-26 07:15 |
| QueueSlow | warning | service=jobs | 2026-11-26 17:00 | still firing | — |

- Incident INC-1: Checkout \\# down (investigating, declared 2026-11-26 07:20)

## Alerts

| Alert | Severity | Labels | Started | Ended | Acknowledged by |
| --- | --- | --- | --- | --- | --- |
| HighErrorRate | critical | service=checkout | 2026-11-26 07:10 | still firing | alice at 2026-11-26 07:15 |
| Disk\\|Full \\*now\\* | warning | instance=db-2, note=line1 line2 \\<b\\>\\[x\\]\\(y\\)\\</b\\> | 2026-11-26 09:00 | 2026-11-26 09:30 | bob\\_the\\_sre at 2026-11-26 09:05 |
| QueueSlow | warning | service=jobs | 2026-11-26 17:00 | still firing | — |

## Incidents

| Incident | Title | Status | Declared | Resolved |
| --- | --- | --- | --- | --- |
| INC-1 | Checkout \\# down | investigating | 2026-11-26 07:20 | — |
| INC-0 | Old one | resolved | 2026-11-25 23:00 | 2026-11-26 06:30 |

## Acknowledgements

- 2026-11-26 07:15 alice acknowledged HighErrorRate (service=checkout)
- 2026-11-26 09:05 bob\\_the\\_sre acknowledged Disk\\|Full \\*now\\* (instance=db-2, note=line1 line2 \\<b\\>\\[x\\]\\(y\\)\\</b\\>)
`;

describe('the shift hand-off report', () => {
  it('renders the exact Markdown: title, summary, still open first, then alerts, incidents, acknowledgements', () => {
    expect(shiftReportMarkdown(SHIFT, { timeZone: 'Europe/Berlin' })).toBe(EXPECTED);
  });

  it('says so when nothing happened', () => {
    const quiet: Shift = { ...SHIFT, onCall: { state: 'off-call', basis: 'pd', until: null, nextShiftAt: '2026-11-28T09:00:00.000Z', who: [] }, alerts: [], incidents: [] };
    expect(shiftReportMarkdown(quiet, { timeZone: 'UTC' })).toBe(`# Shift hand-off: 2026-11-26 05:00 – 2026-11-26 17:00 (UTC)

Off call, next shift 2026-11-28 09:00 (pd).

## Summary

- 0 alerts fired, 0 still firing, 0 of them unacknowledged
- 0 acknowledgements
- 0 incidents declared, 0 resolved, 0 open

## Still open

Nothing open to hand over.

## Alerts

No alert fired.

## Incidents

No incident.

## Acknowledgements

No acknowledgement.
`);
  });

  it('escapes everything that could break a table cell or start markup', () => {
    expect(escapeMarkdown('a|b *c* _d_ `e` [f](g) <h> # ! ~ & \\')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\]\\(g\\) \\<h\\> \\# \\! \\~ \\& \\\\');
  });
});

describe('merging the history with the live alerts', () => {
  const from = new Date('2026-11-26T05:00:00Z');
  const episode = {
    fingerprint: 'x',
    name: 'Old',
    labels: {},
    severity: 'warning' as const,
    sources: ['am'],
    startsAt: '2026-11-26T04:00:00.000Z',
    resolvedAt: '2026-11-26T06:00:00.000Z',
    acknowledgedBy: null,
    acknowledgedAt: null,
    acknowledgeComment: null,
    silencedBy: null,
    silenceComment: null,
  };

  it('live alerts override their history episode (still firing, newest acknowledgement); pending ones never fired', () => {
    const live = makeAlert({ fingerprint: 'y', name: 'Now', startsAt: '2026-11-26T07:00:00.000Z' });
    const historyOfLive = { ...episode, fingerprint: 'y', name: 'Now', startsAt: live.startsAt, resolvedAt: null, acknowledgedBy: 'carol', acknowledgedAt: '2026-11-26T07:05:00.000Z' };
    const rows = mergeAlerts([episode, historyOfLive], [live, makeAlert({ fingerprint: 'p', state: 'pending' })], from, () => undefined);
    expect(rows.map((row) => [row.fingerprint, row.endsAt, row.acknowledgedBy])).toEqual([
      ['x', '2026-11-26T06:00:00.000Z', null],
      ['y', null, 'carol'],
    ]);
  });

  it('takes the acknowledgement log when the history has none yet', () => {
    const rows = mergeAlerts([episode], [], from, (fingerprint) => (fingerprint === 'x' ? { by: 'dave', at: '2026-11-26T05:30:00.000Z' } : undefined));
    expect(rows[0]).toMatchObject({ acknowledgedBy: 'dave', acknowledgedAt: '2026-11-26T05:30:00.000Z' });
  });
});
