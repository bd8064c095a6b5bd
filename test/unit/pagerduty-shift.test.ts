import { describe, expect, it } from 'vitest';
import type { PagerDutyOnCall } from '../../electron/oncall/pagerduty-model';
import { myShift, onCallNow } from '../../electron/oncall/pagerduty-shift';

const ME = { id: 'PME', name: 'Ada' };
const BOB = { id: 'PBOB', name: 'Bob' };
const CHECKOUT = { id: 'PEP1', name: 'Checkout' };
const PAYMENTS = { id: 'PEP2', name: 'Payments' };
const NOW = new Date('2026-11-26T12:00:00.000Z');

function oncall(user: { id: string; name: string }, start: string | null, end: string | null, policy = CHECKOUT, level = 1): PagerDutyOnCall {
  return { user, escalationPolicy: policy, escalationLevel: level, schedule: { id: 'PSCHED', name: 'Primary' }, start, end };
}

describe('myShift', () => {
  it.each<[string, PagerDutyOnCall[], ReturnType<typeof myShift>]>([
    ['no on-calls at all', [], { current: null, nextStartsAt: null }],
    ['only someone else on call', [oncall(BOB, '2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z')], { current: null, nextStartsAt: null }],
    [
      'on call now, next shift next week',
      [oncall(ME, '2026-11-26T08:00:00Z', '2026-11-26T20:00:00Z'), oncall(ME, '2026-12-03T08:00:00Z', '2026-12-03T20:00:00Z')],
      {
        current: { since: '2026-11-26T08:00:00.000Z', until: '2026-11-26T20:00:00.000Z', policies: [{ escalationPolicy: CHECKOUT, escalationLevel: 1 }] },
        nextStartsAt: '2026-12-03T08:00:00.000Z',
      },
    ],
    [
      'off call, the next shift is the earliest start after now',
      [oncall(ME, '2026-12-03T08:00:00Z', '2026-12-03T20:00:00Z'), oncall(ME, '2026-11-27T08:00:00Z', '2026-11-27T20:00:00Z')],
      { current: null, nextStartsAt: '2026-11-27T08:00:00.000Z' },
    ],
    [
      'a shift that ended just now is over (the end is exclusive)',
      [oncall(ME, '2026-11-26T00:00:00Z', '2026-11-26T12:00:00Z')],
      { current: null, nextStartsAt: null },
    ],
    [
      'a shift starting right now has begun',
      [oncall(ME, '2026-11-26T12:00:00Z', '2026-11-26T13:00:00Z')],
      { current: { since: '2026-11-26T12:00:00.000Z', until: '2026-11-26T13:00:00.000Z', policies: [{ escalationPolicy: CHECKOUT, escalationLevel: 1 }] }, nextStartsAt: null },
    ],
    [
      'back-to-back shifts on two policies are one stretch, and the next one after a gap follows',
      [
        oncall(ME, '2026-11-26T08:00:00Z', '2026-11-26T14:00:00Z'),
        oncall(ME, '2026-11-26T14:00:00Z', '2026-11-26T22:00:00Z', PAYMENTS, 2),
        oncall(ME, '2026-11-27T08:00:00Z', '2026-11-27T09:00:00Z'),
      ],
      {
        current: { since: '2026-11-26T08:00:00.000Z', until: '2026-11-26T22:00:00.000Z', policies: [{ escalationPolicy: CHECKOUT, escalationLevel: 1 }] },
        nextStartsAt: '2026-11-27T08:00:00.000Z',
      },
    ],
    [
      'permanently on an escalation rule: no start, no end',
      [oncall(ME, null, null, PAYMENTS, 3)],
      { current: { since: null, until: null, policies: [{ escalationPolicy: PAYMENTS, escalationLevel: 3 }] }, nextStartsAt: null },
    ],
    [
      'the same policy and level twice (two schedules) is listed once',
      [oncall(ME, '2026-11-26T00:00:00Z', '2026-11-26T18:00:00Z'), oncall(ME, '2026-11-26T06:00:00Z', '2026-11-26T19:00:00Z')],
      { current: { since: '2026-11-26T00:00:00.000Z', until: '2026-11-26T19:00:00.000Z', policies: [{ escalationPolicy: CHECKOUT, escalationLevel: 1 }] }, nextStartsAt: null },
    ],
  ])('%s', (_case, oncalls, expected) => {
    expect(myShift(oncalls, ME.id, NOW)).toEqual(expected);
  });
});

describe('onCallNow', () => {
  it('lists who covers now, by policy name, then level, then user', () => {
    const oncalls = [
      oncall(BOB, '2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z', PAYMENTS, 1),
      oncall(ME, '2026-11-26T00:00:00Z', null, CHECKOUT, 2),
      oncall(BOB, '2026-11-25T00:00:00Z', '2026-11-26T12:00:00Z', CHECKOUT, 1),
      oncall(ME, '2026-11-26T11:00:00Z', '2026-11-26T13:00:00Z', CHECKOUT, 1),
      oncall(BOB, '2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z', CHECKOUT, 1),
    ];
    expect(onCallNow(oncalls, NOW).map((entry) => `${entry.escalationPolicy.name}/${entry.escalationLevel}/${entry.user.name}/${entry.until}`)).toEqual([
      'Checkout/1/Ada/2026-11-26T13:00:00Z',
      'Checkout/2/Ada/null',
      'Payments/1/Bob/2026-11-27T00:00:00Z',
    ]);
  });
});
