import { describe, expect, it } from 'vitest';
import type { OutboxAction } from '../../shared/actions';
import { DEFAULT_ACK_COMMENT, postableFor } from '../../electron/actions/alertmanager-delivery';
import { DeliveryRefusedError } from '../../electron/actions/outbox';

const now = new Date('2026-11-26T10:00:00.000Z');
const matchers = [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }];

const silence = (startsAt: string, endsAt: string): Extract<OutboxAction, { kind: 'createSilence' }> => ({
  kind: 'createSilence',
  matchers,
  startsAt,
  endsAt,
  comment: 'deploy',
  createdBy: 'alice',
});

describe('the silence an action posts', () => {
  it('an acknowledgement: an "ACK!" comment (a default when none was given), lasting its duration from delivery', () => {
    const ack: OutboxAction = { kind: 'acknowledge', fingerprint: 'fp', alertName: 'X', matchers, comment: '  rolling back ', createdBy: 'bob', durationMs: 900_000 };
    expect(postableFor(ack, now)).toEqual({ matchers, startsAt: '2026-11-26T10:00:00.000Z', endsAt: '2026-11-26T10:15:00.000Z', createdBy: 'bob', comment: 'ACK! rolling back' });
    expect(postableFor({ ...ack, comment: '' }, now).comment).toBe(`ACK! ${DEFAULT_ACK_COMMENT}`);
  });

  it.each([
    ['a start in the past becomes now', '2026-11-26T09:00:00.000Z', '2026-11-26T11:00:00.000Z', '2026-11-26T10:00:00.000Z'],
    ['a start in the future stays', '2026-11-26T10:30:00.000Z', '2026-11-26T11:00:00.000Z', '2026-11-26T10:30:00.000Z'],
  ])('a silence: %s', (_name, startsAt, endsAt, posted) => {
    expect(postableFor(silence(startsAt, endsAt), now)).toEqual({ matchers, startsAt: posted, endsAt, createdBy: 'alice', comment: 'deploy' });
  });

  it('a silence whose end has passed is refused for good, in words', () => {
    const ended = () => postableFor(silence('2026-11-26T08:00:00.000Z', '2026-11-26T10:00:00.000Z'), now);
    expect(ended).toThrow(DeliveryRefusedError);
    expect(ended).toThrow('the silence would already have ended at 2026-11-26T10:00:00.000Z');
  });
});
