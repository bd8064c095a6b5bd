import { describe, expect, it } from 'vitest';
import type { Silence, SilenceMatcher } from '../../shared/actions';
import { matchersForAlert, mergeSilences, sameMatchers, silenceMatches, upstreamAcknowledgement } from '../../electron/actions/silence-list';
import type { SourceSilence } from '../../electron/sources/alertmanager-silences';
import { makeAlert } from '../helpers/alerts';

const eq = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: false, isEqual: true });
const ne = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: false, isEqual: false });
const re = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: true, isEqual: true });
const nre = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: true, isEqual: false });

const labels = { alertname: 'HighErrorRate', service: 'api-gateway', env: 'prod' };

describe('silenceMatches (Alertmanager semantics)', () => {
  it.each<[string, SilenceMatcher[], boolean]>([
    ['equal', [eq('env', 'prod')], true],
    ['equal, other value', [eq('env', 'dev')], false],
    ['equal to empty matches a missing label', [eq('team', '')], true],
    ['equal to a value does not match a missing label', [eq('team', 'core')], false],
    ['not equal', [ne('env', 'dev')], true],
    ['not equal, same value', [ne('env', 'prod')], false],
    ['not equal to a value matches a missing label', [ne('team', 'core')], true],
    ['regex matching the whole value', [re('service', 'api-.*')], true],
    ['regex is anchored at the start', [re('service', 'gateway')], false],
    ['regex is anchored at the end', [re('service', 'api')], false],
    ['alternation is anchored as a whole', [re('service', 'web|api-gateway')], true],
    ['alternation does not match a part', [re('service', 'web|api')], false],
    ['negative regex', [nre('service', 'web.*')], true],
    ['negative regex that matches', [nre('service', 'api-.*')], false],
    ['regex .* matches a missing label', [re('team', '.*')], true],
    ['every matcher must hold', [eq('env', 'prod'), eq('service', 'web')], false],
    ['all hold', [eq('env', 'prod'), re('service', 'api-.+'), ne('alertname', 'Other')], true],
    ['an invalid regex matches nothing', [re('service', '(')], false],
    ['an invalid negative regex matches nothing either', [nre('service', '(')], false],
    ['no matchers match nothing', [], false],
  ])('%s', (_name, matchers, expected) => {
    expect(silenceMatches(matchers, labels)).toBe(expected);
  });
});

describe('sameMatchers and matchersForAlert', () => {
  it('compares sets of matchers in any order, with every field', () => {
    expect(sameMatchers([eq('a', '1'), re('b', '2')], [re('b', '2'), eq('a', '1')])).toBe(true);
    expect(sameMatchers([eq('a', '1')], [ne('a', '1')])).toBe(false);
    expect(sameMatchers([eq('a', '1')], [re('a', '1')])).toBe(false);
    expect(sameMatchers([eq('a', '1')], [eq('a', '1'), eq('b', '2')])).toBe(false);
    expect(sameMatchers([eq('a', '1'), eq('a', '1')], [eq('a', '1'), eq('a', '2')])).toBe(false);
  });

  it('turns every label of an alert into an equality matcher, sorted by name, that matches the alert', () => {
    const alert = makeAlert({ labels: { service: 'checkout', alertname: 'DiskFull', severity: 'warning' } });
    const matchers = matchersForAlert(alert);
    expect(matchers).toEqual([eq('alertname', 'DiskFull'), eq('service', 'checkout'), eq('severity', 'warning')]);
    expect(silenceMatches(matchers, alert.labels)).toBe(true);
    expect(silenceMatches(matchers, { ...alert.labels, service: 'billing' })).toBe(false);
  });
});

function sourceSilence(overrides: Partial<SourceSilence> = {}): SourceSilence {
  return {
    id: 's1',
    matchers: [eq('service', 'checkout')],
    startsAt: '2026-11-26T10:00:00.000Z',
    endsAt: '2026-11-26T12:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
    createdBy: 'alice',
    comment: 'deploy window',
    state: 'active',
    ...overrides,
  };
}

describe('mergeSilences', () => {
  const checkout = makeAlert({ name: 'HighErrorRate', fingerprint: 'fp-checkout', labels: { alertname: 'HighErrorRate', service: 'checkout' } });
  const billing = makeAlert({ name: 'HighErrorRate', fingerprint: 'fp-billing', labels: { alertname: 'HighErrorRate', service: 'billing' } });

  it('merges the copies an HA pair holds into one entry naming both sources, the latest update winning', () => {
    const older = sourceSilence({ comment: 'deploy window' });
    const newer = sourceSilence({ comment: 'deploy window, extended', endsAt: '2026-11-26T13:00:00.000Z', updatedAt: '2026-11-26T10:30:00.000Z' });
    const merged = mergeSilences(new Map([['am-b', [newer]], ['am-a', [older]]]), [checkout, billing]);
    expect(merged).toEqual([
      {
        id: 's1',
        sources: ['am-a', 'am-b'],
        matchers: [eq('service', 'checkout')],
        startsAt: '2026-11-26T10:00:00.000Z',
        endsAt: '2026-11-26T13:00:00.000Z',
        createdBy: 'alice',
        comment: 'deploy window, extended',
        state: 'active',
        acknowledgement: false,
        matchedAlerts: ['fp-checkout'],
      },
    ]);
  });

  it('flags acknowledgement silences by their "ACK!" comment, lists the alerts each matches, leaves expired ones out, soonest end first', () => {
    const merged = mergeSilences(
      new Map([
        [
          'am',
          [
            sourceSilence({ id: 'late', matchers: [re('service', '.+')], endsAt: '2026-11-26T18:00:00.000Z' }),
            sourceSilence({ id: 'ack', comment: 'ACK! looking at it', endsAt: '2026-11-26T10:15:00.000Z' }),
            sourceSilence({ id: 'pending', state: 'pending', matchers: [eq('service', 'none')], endsAt: '2026-11-26T14:00:00.000Z' }),
            sourceSilence({ id: 'old', state: 'expired' }),
          ],
        ],
      ]),
      [checkout, billing],
    );
    expect(merged.map(({ id, acknowledgement, matchedAlerts, state }) => ({ id, acknowledgement, matchedAlerts, state }))).toEqual([
      { id: 'ack', acknowledgement: true, matchedAlerts: ['fp-checkout'], state: 'active' },
      { id: 'pending', acknowledgement: false, matchedAlerts: [], state: 'pending' },
      { id: 'late', acknowledgement: false, matchedAlerts: ['fp-checkout', 'fp-billing'], state: 'active' },
    ]);
  });
});

describe('upstreamAcknowledgement', () => {
  const alert = makeAlert({ fingerprint: 'fp', labels: { alertname: 'HighErrorRate', service: 'checkout' } });
  const silence = (overrides: Partial<Silence>): Silence => ({
    id: 'ack-1',
    sources: ['am'],
    matchers: matchersForAlert(alert),
    startsAt: '2026-11-26T10:05:00.000Z',
    endsAt: '2026-11-26T10:20:00.000Z',
    createdBy: 'bob',
    comment: 'ACK! rolling back',
    state: 'active',
    acknowledgement: true,
    matchedAlerts: ['fp'],
    ...overrides,
  });

  it('reads who, when and why from an active "ACK!" silence that mutes the alert, without the prefix', () => {
    expect(upstreamAcknowledgement(alert, [silence({})])).toEqual({
      by: 'bob',
      at: '2026-11-26T10:05:00.000Z',
      comment: 'rolling back',
      delivery: 'sent',
      silenceId: 'ack-1',
      expiresAt: '2026-11-26T10:20:00.000Z',
    });
  });

  it('takes the latest of several, and ignores plain, pending and non-matching silences', () => {
    const latest = silence({ id: 'ack-2', startsAt: '2026-11-26T10:10:00.000Z', createdBy: 'carol', comment: 'ACK!' });
    expect(upstreamAcknowledgement(alert, [silence({}), latest])).toMatchObject({ by: 'carol', comment: '', silenceId: 'ack-2' });
    expect(upstreamAcknowledgement(alert, [silence({ acknowledgement: false, comment: 'maintenance' })])).toBeUndefined();
    expect(upstreamAcknowledgement(alert, [silence({ state: 'pending' })])).toBeUndefined();
    expect(upstreamAcknowledgement(alert, [silence({ matchers: [eq('service', 'billing')] })])).toBeUndefined();
    const mutedById = { ...alert, silencedBy: ['ack-1'] };
    expect(upstreamAcknowledgement(mutedById, [silence({ matchers: [eq('service', 'billing')] })])).toMatchObject({ silenceId: 'ack-1' });
  });

  it('looks at each alert against the same list, and at a new list afresh', () => {
    const other = makeAlert({ fingerprint: 'fp-2', labels: { alertname: 'DiskFull', service: 'billing' } });
    const latestOverall = silence({ id: 'ack-billing', startsAt: '2026-11-26T10:30:00.000Z', matchers: [eq('service', 'billing')] });
    const list = [silence({}), latestOverall];
    expect(upstreamAcknowledgement(alert, list)).toMatchObject({ silenceId: 'ack-1' });
    expect(upstreamAcknowledgement(other, list)).toMatchObject({ silenceId: 'ack-billing' });
    expect(upstreamAcknowledgement(alert, [silence({ state: 'expired' })])).toBeUndefined();
  });
});
