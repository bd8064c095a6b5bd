import { describe, expect, it } from 'vitest';
import { AlertPage, OnCallAnswer, opsgenieErrorMessage } from '../../electron/oncall/opsgenie-model';

/** A list-alerts answer in the shape of the Alert API documentation's sample. */
const documentedPage = {
  totalCount: 1,
  data: [
    {
      id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
      tinyId: '1791',
      alias: 'event_573',
      message: 'Our servers are in danger',
      status: 'closed',
      acknowledged: false,
      isSeen: true,
      tags: ['OverwriteQuietHours', 'Critical'],
      snoozed: true,
      snoozedUntil: '2017-04-03T20:32:35.143Z',
      count: 79,
      lastOccurredAt: '2017-04-03T20:05:50.894Z',
      createdAt: '2017-03-21T20:32:52.353Z',
      updatedAt: '2017-04-03T20:32:57.301Z',
      source: 'Isengard',
      owner: 'morpheus@opsgenie.com',
      priority: 'P5',
      responders: [{ type: 'team', id: '8418d193-2dab-4490-b331-8c02cdd196b7' }],
      integration: { id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', name: 'Nebuchadnezzar', type: 'API' },
      report: { ackTime: 15702, closeTime: 60503, acknowledgedBy: 'agent_smith@opsgenie.com', closedBy: 'neo@opsgenie.com' },
    },
  ],
  paging: {
    next: 'https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=20&limit=10&sort=createdAt&order=desc',
    first: 'https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=0&limit=10&sort=createdAt&order=desc',
    last: 'https://api.opsgenie.com/v2/alerts?query=status%3Aopen&offset=100&limit=10&sort=createdAt&order=desc',
  },
  took: 0.605,
  requestId: '9ae63dd7-ed00-4c81-86f0-c4ffd33142c9',
};

describe('Opsgenie answers', () => {
  it('maps a documented alert to the small model', () => {
    const page = AlertPage.parse(documentedPage);
    expect(page.paging?.next).toContain('offset=20');
    expect(page.data).toEqual([
      {
        id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
        tinyId: '1791',
        alias: 'event_573',
        message: 'Our servers are in danger',
        status: 'closed',
        acknowledged: false,
        snoozed: true,
        priority: 'P5',
        tags: ['OverwriteQuietHours', 'Critical'],
        owner: 'morpheus@opsgenie.com',
        source: 'Isengard',
        count: 79,
        createdAt: '2017-03-21T20:32:52.353Z',
        updatedAt: '2017-04-03T20:32:57.301Z',
      },
    ]);
  });

  it('names the field that breaks the shape', () => {
    const result = AlertPage.safeParse({ ...documentedPage, data: [{ ...documentedPage.data[0], priority: 'P9' }] });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['data.0.priority']);
  });

  it('flattens who is on call, through escalations and teams, each user once', () => {
    const answer = OnCallAnswer.parse({
      data: {
        _parent: { id: 'd875alp4-9b4e-4219-alp3-0c26936d18de', name: 'ScheduleName', enabled: true },
        onCallParticipants: [
          { id: 'u1', name: 'user4@opsgenie.com', type: 'user' },
          {
            id: 'e1',
            name: 'Escalation',
            type: 'escalation',
            onCallParticipants: [
              { id: 'u2', name: 'user@opsgenie.com', type: 'user' },
              { id: 't1', name: 'Team', type: 'team', onCallParticipants: [{ id: 'u1', name: 'user4@opsgenie.com', type: 'user' }] },
            ],
          },
        ],
      },
      took: 0.104,
      requestId: 'dff0e5d4-aa9b-4d3b-a3d9-a2e9cfd0a8e8',
    });
    expect(answer.schedule).toEqual({ id: 'd875alp4-9b4e-4219-alp3-0c26936d18de', name: 'ScheduleName', enabled: true });
    expect(answer.userNames).toEqual(['user4@opsgenie.com', 'user@opsgenie.com']);
    expect(answer.participants[1]?.participants.map((participant) => participant.type)).toEqual(['user', 'team']);
  });

  it.each([
    ['message only', { message: 'Could not authenticate', took: 0, requestId: 'r' }, 'Could not authenticate'],
    ['with field errors', { message: 'Request body is not processable. Please check the errors.', errors: { message: 'Message can not be empty.' }, took: 0.1, requestId: 'r' }, 'Request body is not processable. Please check the errors. (message: Message can not be empty.)'],
    ['not an error body', { error: { message: 'x' } }, undefined],
  ])('error body: %s', (_case, body, expected) => {
    expect(opsgenieErrorMessage(body)).toBe(expected);
  });
});
