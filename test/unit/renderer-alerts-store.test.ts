import { describe, expect, it } from 'vitest';
import type { AlertDelta } from '../../shared/model';
import { createAlertsStore } from '../../renderer/src/stores/alerts-store';
import { makeAlert } from '../helpers/alerts';

const a = makeAlert({ fingerprint: 'a', name: 'A' });
const b = makeAlert({ fingerprint: 'b', name: 'B' });
const c = makeAlert({ fingerprint: 'c', name: 'C' });

const delta = (revision: number, upserted = [c], removed: string[] = []): AlertDelta => ({ revision, upserted, removed });
const fingerprints = (store: ReturnType<typeof createAlertsStore>) => [...store.getState().alerts.keys()].sort();

describe('alerts store', () => {
  it('holds nothing and no revision until the first snapshot', () => {
    const store = createAlertsStore();
    expect(store.getState().revision).toBeNull();
    expect(store.getState().alerts.size).toBe(0);
  });

  it('replaces everything with a snapshot', () => {
    const store = createAlertsStore();
    store.getState().applySnapshot({ revision: 3, alerts: [a, b] });
    expect(fingerprints(store)).toEqual(['a', 'b']);
    expect(store.getState().revision).toBe(3);
  });

  it('applies newer deltas: upserts and removals', () => {
    const store = createAlertsStore();
    store.getState().applySnapshot({ revision: 3, alerts: [a, b] });
    store.getState().applyDelta(delta(4, [c], ['a']));
    expect(fingerprints(store)).toEqual(['b', 'c']);
    expect(store.getState().revision).toBe(4);
  });

  it('ignores deltas at or below the current revision', () => {
    const store = createAlertsStore();
    store.getState().applySnapshot({ revision: 5, alerts: [a] });
    store.getState().applyDelta(delta(5));
    store.getState().applyDelta(delta(2, [], ['a']));
    expect(fingerprints(store)).toEqual(['a']);
    expect(store.getState().revision).toBe(5);
  });

  it('notices a missed revision and waits for a fresh snapshot instead of guessing', () => {
    const store = createAlertsStore();
    store.getState().applySnapshot({ revision: 5, alerts: [a] });
    expect(store.getState().applyDelta(delta(7, [b]))).toBe('gap');
    expect(fingerprints(store)).toEqual(['a']);
    expect(store.getState().applyDelta(delta(8, [c]))).toBe('held');
    store.getState().applySnapshot({ revision: 7, alerts: [a, b] });
    expect(fingerprints(store)).toEqual(['a', 'b', 'c']);
    expect(store.getState().revision).toBe(8);
  });

  it('buffers deltas that arrive before the first snapshot and replays only the newer ones', () => {
    const store = createAlertsStore();
    store.getState().applyDelta(delta(7, [b]));
    store.getState().applyDelta(delta(6, [], ['a']));
    store.getState().applyDelta(delta(8, [c]));
    expect(store.getState().alerts.size).toBe(0);
    store.getState().applySnapshot({ revision: 6, alerts: [a] });
    expect(fingerprints(store)).toEqual(['a', 'b', 'c']);
    expect(store.getState().revision).toBe(8);
    expect(store.getState().pendingDeltas).toEqual([]);
  });

  it('after a reconnect, holds deltas until the fresh snapshot instead of applying them to stale data', () => {
    const store = createAlertsStore();
    store.getState().applySnapshot({ revision: 10, alerts: [a] });
    store.getState().beginResync();
    store.getState().applyDelta(delta(15, [c]));
    expect(fingerprints(store)).toEqual(['a']);
    store.getState().applySnapshot({ revision: 14, alerts: [b] });
    expect(fingerprints(store)).toEqual(['b', 'c']);
    expect(store.getState().revision).toBe(15);
  });

  it('accepts a snapshot with a lower revision, as after an engine restart', () => {
    const store = createAlertsStore();
    store.getState().applySnapshot({ revision: 900, alerts: [a] });
    store.getState().beginResync();
    store.getState().applySnapshot({ revision: 1, alerts: [b] });
    expect(fingerprints(store)).toEqual(['b']);
    expect(store.getState().revision).toBe(1);
  });

  it('keeps the identity of alerts a delta does not touch, so their rows do not re-render', () => {
    const store = createAlertsStore();
    store.getState().applySnapshot({ revision: 1, alerts: [a, b] });
    const before = store.getState().alerts;
    store.getState().applyDelta(delta(2, [makeAlert({ fingerprint: 'b', name: 'B' })]));
    const after = store.getState().alerts;
    expect(after).not.toBe(before);
    expect(after.get('a')).toBe(before.get('a'));
    expect(after.get('b')).not.toBe(before.get('b'));
  });

  it('marks alerts stale and live again by fingerprint, keeping the others as they are', () => {
    const store = createAlertsStore();
    store.getState().applySnapshot({ revision: 1, alerts: [a, b] });
    const before = store.getState().alerts;
    store.getState().applyDelta({ revision: 2, upserted: [], removed: [], becameStale: ['a', 'gone'] });
    expect(store.getState().alerts.get('a')).toEqual({ ...a, stale: true });
    expect(store.getState().alerts.get('b')).toBe(before.get('b'));
    expect(store.getState().alerts.has('gone')).toBe(false);
    store.getState().applyDelta({ revision: 3, upserted: [c], removed: [], becameLive: ['a'] });
    expect(store.getState().alerts.get('a')).toEqual(a);
    expect(fingerprints(store)).toEqual(['a', 'b', 'c']);
  });
});
