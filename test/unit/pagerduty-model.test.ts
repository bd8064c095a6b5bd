import { describe, expect, it } from 'vitest';
import { IncidentPage, OnCallPage, pagerDutyErrorMessage, UserAnswer } from '../../electron/oncall/pagerduty-model';

/** A list-incidents answer in the shape of the API reference's example (ids and names shortened). */
const documentedPage = {
  incidents: [
    {
      id: 'PT4KHLK',
      type: 'incident',
      summary: '[#1234] The server is on fire.',
      self: 'https://api.pagerduty.com/incidents/PT4KHLK',
      html_url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
      incident_number: 1234,
      title: 'The server is on fire.',
      created_at: '2015-10-06T21:30:42Z',
      updated_at: '2015-10-06T21:40:23Z',
      status: 'acknowledged',
      incident_key: 'baf7cf21b1da41b4b0221008339ff357',
      service: { id: 'PIJ90N7', type: 'service_reference', summary: 'My Mail Service', self: 'x', html_url: 'y' },
      assignments: [
        { at: '2015-11-10T00:31:52Z', assignee: { id: 'PXPGF42', type: 'user_reference', summary: 'Earline Greenholt', self: 'x', html_url: 'y' } },
      ],
      assigned_via: 'escalation_policy',
      last_status_change_at: '2015-10-06T21:38:23Z',
      first_trigger_log_entry: { id: 'Q02JTSNZWHSEKV', type: 'trigger_log_entry_reference' },
      escalation_policy: { id: 'PT20YPA', type: 'escalation_policy_reference', summary: 'Another Escalation Policy', self: 'x', html_url: 'y' },
      teams: [{ id: 'PQ9K7I8', type: 'team_reference', summary: 'Engineering', self: 'x', html_url: 'y' }],
      urgency: 'high',
    },
  ],
  limit: 1,
  offset: 0,
  total: null,
  more: true,
};

describe('PagerDuty answers', () => {
  it('maps a documented incident to the small model', () => {
    const page = IncidentPage.parse(documentedPage);
    expect(page.more).toBe(true);
    expect(page.incidents).toEqual([
      {
        id: 'PT4KHLK',
        incidentNumber: 1234,
        title: 'The server is on fire.',
        incidentKey: 'baf7cf21b1da41b4b0221008339ff357',
        status: 'acknowledged',
        urgency: 'high',
        service: { id: 'PIJ90N7', name: 'My Mail Service' },
        htmlUrl: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
        createdAt: '2015-10-06T21:30:42.000Z',
        assignments: [{ at: '2015-11-10T00:31:52.000Z', assignee: { id: 'PXPGF42', name: 'Earline Greenholt' } }],
        escalationPolicy: { id: 'PT20YPA', name: 'Another Escalation Policy' },
        teams: [{ id: 'PQ9K7I8', name: 'Engineering' }],
      },
    ]);
  });

  it('names the field that breaks the shape', () => {
    const broken = { ...documentedPage, incidents: [{ ...documentedPage.incidents[0], status: 'on fire' }] };
    const result = IncidentPage.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['incidents.0.status']);
  });

  it('reads on-calls with and without a schedule, start or end', () => {
    const user = { id: 'PU1', type: 'user_reference', summary: 'Ada' };
    const policy = { id: 'PEP1', type: 'escalation_policy_reference', summary: 'Checkout' };
    const page = OnCallPage.parse({
      oncalls: [
        { user, escalation_policy: policy, escalation_level: 1, schedule: { id: 'PS1', type: 'schedule_reference', summary: 'Primary' }, start: '2026-11-26T08:00:00+01:00', end: '2026-11-27T08:00:00+01:00' },
        { user, escalation_policy: policy, escalation_level: 2, schedule: null, start: null, end: null },
      ],
      limit: 25,
      offset: 0,
      more: false,
      total: null,
    });
    expect(page.oncalls).toEqual([
      { user: { id: 'PU1', name: 'Ada' }, escalationPolicy: { id: 'PEP1', name: 'Checkout' }, escalationLevel: 1, schedule: { id: 'PS1', name: 'Primary' }, start: '2026-11-26T07:00:00.000Z', end: '2026-11-27T07:00:00.000Z' },
      { user: { id: 'PU1', name: 'Ada' }, escalationPolicy: { id: 'PEP1', name: 'Checkout' }, escalationLevel: 2, schedule: null, start: null, end: null },
    ]);
  });

  it('reads the current user', () => {
    const answer = UserAnswer.parse({ user: { id: 'PU1', type: 'user', name: 'Ada', email: 'ada@example.com', time_zone: 'Europe/Berlin', html_url: 'https://acme.pagerduty.com/users/PU1', role: 'user' } });
    expect(answer.user).toEqual({ id: 'PU1', name: 'Ada', email: 'ada@example.com', timeZone: 'Europe/Berlin', htmlUrl: 'https://acme.pagerduty.com/users/PU1' });
  });

  it.each([
    ['message and code', { error: { message: 'Rate Limit Exceeded', code: 2020 } }, 'Rate Limit Exceeded (code 2020)'],
    ['with details', { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Offset must be less than 10000', 'x'] } }, 'Invalid Input Provided (code 2001): Offset must be less than 10000; x'],
    ['message only', { error: { message: 'Not Found' } }, 'Not Found'],
    ['not an error body', { message: 'nope' }, undefined],
  ])('error body: %s', (_case, body, expected) => {
    expect(pagerDutyErrorMessage(body)).toBe(expected);
  });
});
