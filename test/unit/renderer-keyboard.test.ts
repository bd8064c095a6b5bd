import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../shared/label-matchers';
import { buildAlertListModel } from '../../renderer/src/lib/alert-list-model';
import { stepSelection } from '../../renderer/src/lib/list-navigation';
import { shortcutFor, type KeyPress } from '../../renderer/src/lib/shortcuts';
import { makeAlert } from '../helpers/alerts';

const model = buildAlertListModel(
  [
    makeAlert({ fingerprint: 'a1', name: 'A', severity: 'critical', labels: { alertname: 'A' } }),
    makeAlert({ fingerprint: 'a2', name: 'A', severity: 'critical', labels: { alertname: 'A' }, startsAt: '2026-11-26T11:00:00Z' }),
    makeAlert({ fingerprint: 'b1', name: 'B', severity: 'warning', labels: { alertname: 'B' } }),
  ],
  parseFilter(''),
  'alertname',
);

describe('stepSelection', () => {
  it('starts at the first alert when nothing is selected, whichever the direction', () => {
    expect(stepSelection(model, null, 1)).toBe('a1');
    expect(stepSelection(model, null, -1)).toBe('a1');
  });

  it('skips group headers in both directions', () => {
    expect(stepSelection(model, 'a2', 1)).toBe('b1');
    expect(stepSelection(model, 'b1', -1)).toBe('a2');
  });

  it('stays on the first and last alert at the ends', () => {
    expect(stepSelection(model, 'a1', -1)).toBe('a1');
    expect(stepSelection(model, 'b1', 1)).toBe('b1');
  });

  it('restarts at the top when the selected alert is filtered out', () => {
    expect(stepSelection(model, 'gone', 1)).toBe('a1');
  });

  it('has nothing to select in an empty list', () => {
    const empty = buildAlertListModel([], parseFilter(''), 'alertname');
    expect(stepSelection(empty, null, 1)).toBeNull();
  });
});

describe('shortcutFor', () => {
  const press = (key: string, target: KeyPress['target'] = 'other', modifiers: Partial<KeyPress> = {}): KeyPress => ({
    key,
    target,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...modifiers,
  });

  it.each([
    ['/', 'focus-filter'],
    ['j', 'next'],
    ['ArrowDown', 'next'],
    ['k', 'previous'],
    ['ArrowUp', 'previous'],
    ['Enter', 'open-detail'],
    ['Escape', 'close-detail'],
    ['x', null],
  ])('%s outside inputs means %s', (key, action) => {
    expect(shortcutFor(press(key))).toBe(action);
  });

  it('leaves keys to an input being typed in, except Escape which leaves it', () => {
    for (const key of ['/', 'j', 'k', 'ArrowDown', 'Enter']) expect(shortcutFor(press(key, 'editable'))).toBeNull();
    expect(shortcutFor(press('Escape', 'editable'))).toBe('leave-input');
  });

  it('leaves Enter to buttons and links but still moves with j/k there', () => {
    expect(shortcutFor(press('Enter', 'activatable'))).toBeNull();
    expect(shortcutFor(press('j', 'activatable'))).toBe('next');
  });

  it('ignores chords, so browser and OS shortcuts keep working', () => {
    expect(shortcutFor(press('k', 'other', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('/', 'other', { metaKey: true }))).toBeNull();
  });
});
