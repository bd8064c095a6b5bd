import { describe, expect, it } from 'vitest';
import type { Silence } from '../../shared/actions';
import type { Alert } from '../../shared/model';
import { expiryWarningKey, silenceExpiryNotification, silencesEndingSoon } from '../../electron/actions/silence-expiry-warnings';
import { makeAlert } from '../helpers/alerts';

const now = new Date('2026-11-26T10:00:00.000Z');
const inMinutes = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

const checkout = makeAlert({ fingerprint: 'fp-checkout', name: 'HighErrorRate', labels: { alertname: 'HighErrorRate', service: 'checkout' } });

function silence(overrides: Partial<Silence> = {}): Silence {
  return {
    id: 's1',
    sources: ['am'],
    matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }],
    startsAt: '2026-11-26T08:00:00.000Z',
    endsAt: inMinutes(5),
    createdBy: 'alice',
    comment: 'deploy window',
    state: 'active',
    acknowledgement: false,
    matchedAlerts: ['fp-checkout'],
    ...overrides,
  };
}

const ids = (silences: Silence[], alerts: Alert[], warned: string[] = []) =>
  silencesEndingSoon({ silences, alerts, author: 'alice', now, warnBeforeMs: 10 * 60_000, warned: new Set(warned) }).map((warning) => [
    warning.silence.id,
    warning.alerts.map((alert) => alert.fingerprint),
  ]);

describe('silencesEndingSoon', () => {
  it.each<[string, Partial<Silence>, Alert[], string[], Array<[string, string[]]>]>([
    ['mine, ending in 5 min, its alert still firing', {}, [checkout], [], [['s1', ['fp-checkout']]]],
    ['its alert muted by it', {}, [{ ...checkout, state: 'suppressed', silencedBy: ['s1'] }], [], [['s1', ['fp-checkout']]]],
    ['its alert muted by something else only', {}, [{ ...checkout, state: 'suppressed', inhibitedBy: ['x'] }], [], []],
    ['its alert only pending', {}, [{ ...checkout, state: 'pending' }], [], []],
    ['no alert of it left', {}, [], [], []],
    ['created by someone else', { createdBy: 'bob' }, [checkout], [], []],
    ['ends in 11 min, past the warning window', { endsAt: inMinutes(11) }, [checkout], [], []],
    ['ends exactly at the window edge', { endsAt: inMinutes(10) }, [checkout], [], [['s1', ['fp-checkout']]]],
    ['already ended', { endsAt: inMinutes(0) }, [checkout], [], []],
    ['not started yet', { state: 'pending' }, [checkout], [], []],
    ['an acknowledgement silence', { acknowledgement: true, comment: 'ACK! on it' }, [checkout], [], []],
    ['warned already', {}, [checkout], [`s1@${inMinutes(5)}`], []],
    ['warned for an earlier end, since extended', {}, [checkout], [`s1@${inMinutes(-60)}`], [['s1', ['fp-checkout']]]],
  ])('%s', (_name, overrides, alerts, warned, expected) => {
    expect(ids([silence(overrides)], alerts, warned)).toEqual(expected);
  });

  it('keys a warning by silence and end time', () => {
    expect(expiryWarningKey(silence())).toBe(`s1@${inMinutes(5)}`);
  });
});

describe('silenceExpiryNotification', () => {
  it('says how long is left, which alerts still fire and why the silence was set', () => {
    const text = silenceExpiryNotification({ silence: silence({ endsAt: inMinutes(4.5) }), alerts: [checkout] }, now);
    expect(text).toEqual({ title: 'Your silence ends in 5 min', body: 'Still firing: HighErrorRate · deploy window', fingerprint: 'fp-checkout', urgency: 'normal' });
  });

  it('counts repeated names, lists at most three, and sanitises the comment', () => {
    const alerts = ['A', 'A', 'B', 'C', 'D'].map((name, index) => makeAlert({ name, fingerprint: `fp-${index}`, labels: { alertname: name } }));
    const text = silenceExpiryNotification({ silence: silence({ endsAt: inMinutes(90), comment: 'line one\nline\u202Etwo' }), alerts }, now);
    expect(text).toMatchObject({ title: 'Your silence ends in 1 h 30 min', body: 'Still firing: A ×2, B, C, +1 more · line one linetwo', fingerprint: null });
  });
});
