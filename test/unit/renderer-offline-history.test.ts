import { describe, expect, it, vi } from 'vitest';
import type { AlertEpisode, AlertHistory } from '../../shared/history';
import type { Connectivity } from '../../shared/model';
import { loadAlertHistory, searchAlertHistory } from '../../renderer/src/actions/alert-history';
import { connectivityBanner } from '../../renderer/src/lib/connectivity-banner';
import { formatDuration } from '../../renderer/src/lib/format-age';
import { selectHistoryList, stepHistorySelection } from '../../renderer/src/lib/history-list-model';
import { episodeDuration, episodeHandling, episodeKey, historySummary } from '../../renderer/src/lib/history-text';
import { shortcutFor, type KeyPress } from '../../renderer/src/lib/shortcuts';
import { circuitText, dataAgeText } from '../../renderer/src/lib/source-health-text';
import { createHistoryStore } from '../../renderer/src/stores/history-store';
import { createUiStore } from '../../renderer/src/stores/ui-store';

const NOW = Date.parse('2026-11-26T10:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MINUTE = 60_000;

describe('connectivityBanner', () => {
  const connectivity = (state: Connectivity['state'], reason: string | null = null): Connectivity => ({ state, network: true, reason, since: ago(MINUTE) });

  it('shows nothing while online or before the first snapshot', () => {
    expect(connectivityBanner(connectivity('online'), [], NOW)).toBeNull();
    expect(connectivityBanner(null, [], NOW)).toBeNull();
  });

  it('offline: the age of the newest data any source delivered, and the reason', () => {
    const banner = connectivityBanner(connectivity('offline', 'no source reachable (am: connection refused)'), [{ lastSuccessAt: ago(12 * MINUTE) }, { lastSuccessAt: ago(3 * MINUTE) }, { lastSuccessAt: null }], NOW);
    expect(banner).toEqual({ level: 'offline', headline: 'Offline — showing the last known state from 3 min ago', reason: 'no source reachable (am: connection refused)' });
  });

  it('offline with nothing ever received says so', () => {
    expect(connectivityBanner(connectivity('offline', 'no network'), [{ lastSuccessAt: null }], NOW)?.headline).toMatch(/^Offline — no source has answered yet/);
  });

  it('degraded is its own, quieter level', () => {
    expect(connectivityBanner(connectivity('degraded', 'am-b: timeout'), [], NOW)).toMatchObject({ level: 'degraded', reason: 'am-b: timeout' });
  });
});

describe('source staleness', () => {
  it('says how old the data is', () => {
    expect(dataAgeText({ lastSuccessAt: ago(3 * MINUTE + 5000) }, NOW)).toBe('data 3 min old');
    expect(dataAgeText({ lastSuccessAt: null }, NOW)).toBe('no data yet');
  });

  it('shows an open circuit with its next probe, a half-open one as probing, nothing while closed', () => {
    const next = new Date(NOW + 25_000).toISOString();
    expect(circuitText({ circuit: 'open', nextAttemptAt: next }, NOW)).toMatch(/^circuit open, next probe .+ \(in 25 s\)$/);
    expect(circuitText({ circuit: 'open', nextAttemptAt: ago(1000) }, NOW)).toBe('circuit open, next probe due now');
    expect(circuitText({ circuit: 'open', nextAttemptAt: null }, NOW)).toBe('circuit open');
    expect(circuitText({ circuit: 'half-open', nextAttemptAt: null }, NOW)).toBe('circuit half-open: probing');
    expect(circuitText({ circuit: 'closed', nextAttemptAt: next }, NOW)).toBeNull();
  });

  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [4 * MINUTE, '4 min'],
    [125 * MINUTE, '2 h 5 min'],
    [26 * 60 * MINUTE, '1 d 2 h'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

function episode(overrides: Partial<AlertEpisode> = {}): AlertEpisode {
  return {
    fingerprint: 'f1',
    name: 'HighErrorRate',
    labels: { alertname: 'HighErrorRate' },
    severity: 'critical',
    sources: ['am'],
    startsAt: ago(30 * MINUTE),
    resolvedAt: ago(26 * MINUTE),
    acknowledgedBy: null,
    acknowledgedAt: null,
    acknowledgeComment: null,
    silencedBy: null,
    silenceComment: null,
    ...overrides,
  };
}

describe('history text', () => {
  it.each<[number, number | null, string]>([
    [7, 4 * MINUTE, 'Fired 7 times in the last 7 days, median duration 4 min'],
    [1, 90_000, 'Fired once in the last 7 days, median duration 1 min'],
    [2, null, 'Fired 2 times in the last 7 days, none resolved yet'],
    [0, null, 'Not fired in the last 7 days'],
  ])('%i firings, median %s ms: %s', (firedLast7Days, medianDurationMs, text) => {
    expect(historySummary({ firedLast7Days, medianDurationMs })).toBe(text);
  });

  it('describes an episode: how long, who handled it', () => {
    expect(episodeDuration(episode())).toBe('4 min');
    expect(episodeDuration(episode({ resolvedAt: null }))).toBe('still firing');
    expect(episodeHandling(episode())).toBeNull();
    expect(episodeHandling(episode({ acknowledgedBy: 'alice', acknowledgeComment: 'on it', silencedBy: 'bob', silenceComment: null }))).toBe('acknowledged by alice: on it; silenced by bob');
  });

  it('steps through the episodes by key, stopping at the ends', () => {
    const episodes = [episode({ startsAt: ago(3 * MINUTE) }), episode({ startsAt: ago(2 * MINUTE) }), episode({ fingerprint: 'f2' })];
    const model = selectHistoryList(episodes);
    const keys = episodes.map(episodeKey);
    expect(new Set(keys).size).toBe(3);
    expect(stepHistorySelection(model, null, -1)).toBe(keys[0]);
    expect(stepHistorySelection(model, keys[0]!, 1)).toBe(keys[1]);
    expect(stepHistorySelection(model, keys[2]!, 1)).toBe(keys[2]);
    expect(stepHistorySelection(model, 'gone', 1)).toBe(keys[0]);
    expect(stepHistorySelection(selectHistoryList([]), null, 1)).toBeNull();
  });
});

/** A promise resolved by hand. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const historyOf = (fingerprint: string, firedLast7Days: number): AlertHistory => ({ fingerprint, episodes: [], firedLast7Days, medianDurationMs: null });

describe('alert history loading', () => {
  it('keeps only the latest request per alert, and the last history while a new one loads', async () => {
    const history = createHistoryStore();
    const answers = [deferred<AlertHistory>(), deferred<AlertHistory>()];
    let call = 0;
    const api = { getAlertHistory: vi.fn(() => answers[call++]!.promise) };
    const first = loadAlertHistory({ api, history }, 'f1');
    const second = loadAlertHistory({ api, history }, 'f1');
    answers[1]!.resolve(historyOf('f1', 3));
    await second;
    answers[0]!.resolve(historyOf('f1', 1));
    await first;
    expect(history.getState().histories.get('f1')).toMatchObject({ state: 'loaded', history: { firedLast7Days: 3 } });

    const third = deferred<AlertHistory>();
    api.getAlertHistory.mockReturnValueOnce(third.promise);
    const loading = loadAlertHistory({ api, history }, 'f1');
    expect(history.getState().histories.get('f1')).toMatchObject({ state: 'loading', history: { firedLast7Days: 3 } });
    third.resolve(historyOf('f1', 4));
    await loading;
    expect(history.getState().histories.get('f1')?.history?.firedLast7Days).toBe(4);
  });

  it('shows an error, and refuses an answer about another alert', async () => {
    const history = createHistoryStore();
    await loadAlertHistory({ api: { getAlertHistory: async () => Promise.reject(new Error('getAlertHistory: not available yet')) }, history }, 'f1');
    expect(history.getState().histories.get('f1')).toMatchObject({ state: 'error', error: 'getAlertHistory: not available yet' });
    await loadAlertHistory({ api: { getAlertHistory: async () => historyOf('f9', 1) }, history }, 'f2');
    expect(history.getState().histories.get('f2')?.error).toBe('the engine answered with the history of "f9"');
  });

  it('searches resolved alerts with the trimmed query; an older answer never replaces a newer one', async () => {
    const history = createHistoryStore();
    const slow = deferred<{ episodes: AlertEpisode[]; total: number }>();
    const searchAlertHistoryApi = vi.fn().mockReturnValueOnce(slow.promise).mockResolvedValueOnce({ episodes: [episode({ fingerprint: 'new' })], total: 1 });
    const api = { searchAlertHistory: searchAlertHistoryApi };
    const older = searchAlertHistory({ api, history }, 'disk');
    await searchAlertHistory({ api, history }, '  checkout ');
    slow.resolve({ episodes: [episode({ fingerprint: 'old' })], total: 1 });
    await older;
    expect(searchAlertHistoryApi.mock.calls[1]).toEqual([{ query: 'checkout', resolvedOnly: true, limit: 500 }]);
    expect(history.getState().search).toMatchObject({ state: 'loaded', query: 'checkout', total: 1 });
    expect(history.getState().search.episodes.map((entry) => entry.fingerprint)).toEqual(['new']);
  });
});

describe('acknowledge and view keys', () => {
  const press = (key: string, target: KeyPress['target'] = 'other'): KeyPress => ({ key, target, ctrlKey: false, metaKey: false, altKey: false });

  it('a acknowledges, except after g (alerts view) or while typing; 5/6 and g m/g h show silences and history', () => {
    expect(shortcutFor(press('a'))).toBe('acknowledge');
    expect(shortcutFor(press('a'), 'g')).toBe('show-alerts');
    expect(shortcutFor(press('a', 'editable'))).toBeNull();
    expect(shortcutFor(press('5'))).toBe('show-silences');
    expect(shortcutFor(press('6'))).toBe('show-history');
    expect(shortcutFor(press('m'), 'g')).toBe('show-silences');
    expect(shortcutFor(press('h'), 'g')).toBe('show-history');
  });

  it('7/8 and g o/g , show my shift and settings, not while typing', () => {
    expect(shortcutFor(press('7'))).toBe('show-shift');
    expect(shortcutFor(press('8'))).toBe('show-settings');
    expect(shortcutFor(press('o'), 'g')).toBe('show-shift');
    expect(shortcutFor(press(','), 'g')).toBe('show-settings');
    expect(shortcutFor(press('7', 'editable'))).toBeNull();
    expect(shortcutFor(press('o'))).toBeNull();
  });

  it('requestAcknowledge opens the selected alert with a new focus request, and does nothing without a selection', () => {
    const ui = createUiStore();
    expect(ui.getState().requestAcknowledge()).toBe(false);
    expect(ui.getState()).toMatchObject({ detailOpen: false, ackFocusRequest: 0 });
    ui.getState().select('f1');
    expect(ui.getState().requestAcknowledge()).toBe(true);
    expect(ui.getState()).toMatchObject({ detailOpen: true, selectedFingerprint: 'f1', ackFocusRequest: 1 });
  });
});
