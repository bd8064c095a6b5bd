import { describe, expect, it } from 'vitest';
import { CreateSilenceInputSchema } from '../../shared/actions';
import type { SourceHealth } from '../../shared/model';
import {
  addMatcher,
  changeMatcher,
  createSilenceInput,
  draftEndsAt,
  emptySilenceDraft,
  removeMatcher,
  silenceDraftFromAlert,
  silenceDraftProblem,
  silenceTargets,
  toDateTimeLocal,
  type SilenceDraft,
} from '../../renderer/src/lib/silence-draft';
import { flagsOf, matchesAll, matcherText, operatorOf } from '../../renderer/src/lib/silence-matchers';
import { makeAlert } from '../helpers/alerts';

const NOW = Date.parse('2026-11-26T10:00:00.000Z');
const HOUR = 3_600_000;
const alert = makeAlert({ fingerprint: 'f1', name: 'HighErrorRate', labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' }, sources: ['am-a', 'am-b', 'prom'] });
const source = (name: string, type: SourceHealth['type']) => ({ name, type });

function readyDraft(): SilenceDraft {
  return { ...silenceDraftFromAlert(alert, 'alice', ['am-a'], NOW), comment: 'deploying the fix' };
}

describe('silenceDraftFromAlert', () => {
  it('prefills one equality matcher per label, alertname first, an hour long, by the author, to the first target', () => {
    const draft = silenceDraftFromAlert(alert, 'alice', ['am-a', 'am-b'], NOW);
    expect(draft.matchers.map(({ name, operator, value }) => `${name}${operator}${value}`)).toEqual(['alertname=HighErrorRate', 'service=checkout', 'severity=critical']);
    expect(new Set(draft.matchers.map((matcher) => matcher.id)).size).toBe(3);
    expect(draft).toMatchObject({ duration: '1h', author: 'alice', source: 'am-a', targets: ['am-a', 'am-b'], comment: '', origin: 'HighErrorRate (checkout)' });
    expect(draftEndsAt(draft, NOW)).toBe(NOW + HOUR);
  });

  it('adds the alert name as a matcher when the labels lack it', () => {
    const draft = silenceDraftFromAlert({ name: 'Up', labels: { job: 'node' } }, 'bob', [], NOW);
    expect(draft.matchers.map((matcher) => matcher.name)).toEqual(['alertname', 'job']);
    expect(draft.matchers[0]?.value).toBe('Up');
  });
});

describe('silenceTargets', () => {
  const sources = [source('am-a', 'alertmanager'), source('am-b', 'alertmanager'), source('prom', 'prometheus'), source('am-c', 'alertmanager')];

  it('offers the Alertmanagers that report the alert', () => {
    expect(silenceTargets(alert, sources)).toEqual(['am-a', 'am-b']);
  });

  it('offers every Alertmanager for an alert only Prometheus reports, and without an alert', () => {
    expect(silenceTargets(makeAlert({ sources: ['prom'] }), sources)).toEqual(['am-a', 'am-b', 'am-c']);
    expect(silenceTargets(null, sources)).toEqual(['am-a', 'am-b', 'am-c']);
    expect(silenceTargets(null, [source('prom', 'prometheus')])).toEqual([]);
  });
});

describe('editing matchers', () => {
  it('adds a blank matcher with a fresh id, changes one by id, removes one by id', () => {
    let draft = addMatcher(readyDraft());
    const added = draft.matchers.at(-1)!;
    expect(added).toMatchObject({ name: '', operator: '=', value: '' });
    expect(draft.matchers.filter((matcher) => matcher.id === added.id)).toHaveLength(1);
    draft = changeMatcher(draft, added.id, { name: 'instance', operator: '=~', value: 'db-.*' });
    expect(draft.matchers.at(-1)).toEqual({ id: added.id, name: 'instance', operator: '=~', value: 'db-.*' });
    draft = removeMatcher(draft, draft.matchers[2]!.id);
    expect(draft.matchers.map((matcher) => matcher.name)).toEqual(['alertname', 'service', 'instance']);
  });
});

describe('silenceDraftProblem', () => {
  it('accepts a filled-in draft', () => {
    expect(silenceDraftProblem(readyDraft(), NOW)).toBeNull();
  });

  it.each<[string, (draft: SilenceDraft) => SilenceDraft, string, RegExp]>([
    ['no target', (draft) => ({ ...draft, source: '' }), 'source', /Alertmanager/],
    ['no matchers', (draft) => ({ ...draft, matchers: [] }), 'matchers', /at least one matcher/],
    ['a matcher without a name', (draft) => changeMatcher(draft, 2, { name: '  ' }), 'matcher-2', /Matcher 2 needs a label name/],
    ['a broken regex', (draft) => changeMatcher(draft, 1, { operator: '=~', value: 'High(' }), 'matcher-1', /Matcher 1 \(alertname\) has an invalid regular expression/],
    [
      'only matchers that hold for any alert',
      (draft) => ({ ...draft, matchers: [{ id: 1, name: 'env', operator: '=~', value: '.*' }, { id: 2, name: 'team', operator: '!=', value: 'x' }] }),
      'matchers',
      /non-empty value/,
    ],
    ['an end in the past', (draft) => ({ ...draft, duration: 'custom', customEnd: toDateTimeLocal(NOW - HOUR) }), 'end', /future/],
    ['an unreadable end', (draft) => ({ ...draft, duration: 'custom', customEnd: '' }), 'end', /Enter when/],
    ['no comment', (draft) => ({ ...draft, comment: '   ' }), 'comment', /comment is required/],
    ['no author', (draft) => ({ ...draft, author: '' }), 'author', /author/],
  ])('names the control for %s', (_case, change, field, message) => {
    const problem = silenceDraftProblem(change(readyDraft()), NOW);
    expect(problem?.field).toBe(field);
    expect(problem?.message).toMatch(message);
  });

  it('accepts a negative matcher beside one that needs a value', () => {
    const draft = { ...readyDraft(), matchers: [{ id: 1, name: 'alertname', operator: '=' as const, value: 'A' }, { id: 2, name: 'env', operator: '!=' as const, value: 'dev' }] };
    expect(silenceDraftProblem(draft, NOW)).toBeNull();
  });
});

describe('createSilenceInput', () => {
  it('builds input the contract accepts: trimmed, Alertmanager flags, the end from the preset', () => {
    const draft = changeMatcher({ ...readyDraft(), duration: '4h', author: ' alice ', comment: ' deploying ' }, 2, { operator: '!~', value: 'search|cart' });
    const input = createSilenceInput(draft, NOW);
    expect(CreateSilenceInputSchema.parse(input)).toEqual(input);
    expect(input).toEqual({
      source: 'am-a',
      matchers: [
        { name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true },
        { name: 'service', value: 'search|cart', isRegex: true, isEqual: false },
        { name: 'severity', value: 'critical', isRegex: false, isEqual: true },
      ],
      endsAt: new Date(NOW + 4 * HOUR).toISOString(),
      comment: 'deploying',
      createdBy: 'alice',
    });
  });

  it('takes a custom end in local time', () => {
    const end = NOW + 90 * 60_000;
    const input = createSilenceInput({ ...readyDraft(), duration: 'custom', customEnd: toDateTimeLocal(end) }, NOW);
    expect(input.endsAt).toBe(new Date(end).toISOString());
  });

  it('starts a blank draft with one empty matcher, which is a problem until filled', () => {
    const draft = emptySilenceDraft('alice', ['am-a'], NOW);
    expect(draft.matchers).toEqual([{ id: 1, name: '', operator: '=', value: '' }]);
    expect(draft.origin).toBeNull();
    expect(silenceDraftProblem({ ...draft, comment: 'x' }, NOW)?.field).toBe('matcher-1');
  });
});

describe('silence matchers', () => {
  it.each([
    ['=', false, true],
    ['!=', false, false],
    ['=~', true, true],
    ['!~', true, false],
  ] as const)('%s is isRegex=%s isEqual=%s, both ways', (operator, isRegex, isEqual) => {
    expect(flagsOf(operator)).toEqual({ isRegex, isEqual });
    expect(operatorOf({ isRegex, isEqual })).toBe(operator);
  });

  it('writes matchers as Alertmanager does', () => {
    expect(matcherText({ name: 'service', value: 'a"b', isRegex: true, isEqual: false })).toBe('service!~"a\\"b"');
  });

  it('matches labels against all matchers, anchored; a broken regex matches nothing', () => {
    const labels = { alertname: 'HighErrorRate', service: 'checkout' };
    expect(matchesAll(labels, [{ name: 'service', value: 'check.*', isRegex: true, isEqual: true }])).toBe(true);
    expect(matchesAll(labels, [{ name: 'service', value: 'check', isRegex: true, isEqual: true }])).toBe(false);
    expect(matchesAll(labels, [{ name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true }, { name: 'env', value: 'prod', isRegex: false, isEqual: false }])).toBe(true);
    expect(matchesAll(labels, [{ name: 'service', value: '(', isRegex: true, isEqual: true }])).toBe(false);
  });
});
