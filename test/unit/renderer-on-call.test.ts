import { describe, expect, it, vi } from 'vitest';
import type { EventName, OnCallApi } from '../../shared/api';
import type { OnCallStatus } from '../../shared/model';
import { emptySnapshot } from '../helpers/snapshots';
import { setOnCall } from '../../renderer/src/actions/on-call';
import { createAppServices } from '../../renderer/src/create-app-services';
import { formatDayTime } from '../../renderer/src/lib/format-age';
import { currentOnCallChoice, onCallBasisText, onCallLabel, onCallShortLabel, onCallTitle } from '../../renderer/src/lib/on-call-text';
import { createEngineStore, subscribeEngineStore } from '../../renderer/src/stores/engine-store';

// Local times, so the expectations hold in any time zone; the time and weekday words follow the machine's locale.
const NOW = new Date(2026, 10, 24, 14, 30).getTime(); // Tuesday 24 November 2026, 14:30
const at = (day: number, hour: number) => new Date(2026, 10, day, hour, 0).toISOString();
const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const weekday = (iso: string) => new Date(iso).toLocaleDateString([], { weekday: 'short' });

const SOURCES = [
  { name: 'pd', type: 'pagerduty' as const },
  { name: 'og', type: 'opsgenie' as const },
  { name: 'prod-am', type: 'alertmanager' as const },
];
const status = (change: Partial<OnCallStatus>): OnCallStatus => ({ state: 'unknown', basis: null, until: null, nextShiftAt: null, who: [], ...change });

describe('formatDayTime (shift boundaries)', () => {
  it('shows only the time today', () => {
    expect(formatDayTime(at(24, 18), NOW)).toBe(clock(at(24, 18)));
  });

  it('adds the weekday within the coming six days', () => {
    const tomorrow = at(25, 9);
    const nextMonday = at(30, 9);
    expect(formatDayTime(tomorrow, NOW)).toBe(`${weekday(tomorrow)} ${clock(tomorrow)}`);
    expect(formatDayTime(nextMonday, NOW)).toBe(`${weekday(nextMonday)} ${clock(nextMonday)}`);
    expect(weekday(tomorrow)).not.toBe(weekday(nextMonday));
  });

  it('adds the date a week or more away, where a weekday would be ambiguous', () => {
    const nextTuesday = at(31, 9); // 1 December
    expect(formatDayTime(nextTuesday, NOW)).toBe(`${new Date(nextTuesday).toLocaleDateString()} ${clock(nextTuesday)}`);
  });

  it('passes an unreadable time through unchanged', () => {
    expect(formatDayTime('not a time', NOW)).toBe('not a time');
  });
});

describe('onCallLabel', () => {
  it.each([
    ['on call with an end', status({ state: 'on-call', until: at(25, 9) }), `On call until ${weekday(at(25, 9))} ${clock(at(25, 9))}`],
    ['on call ending today', status({ state: 'on-call', until: at(24, 18) }), `On call until ${clock(at(24, 18))}`],
    ['on call with no known end', status({ state: 'on-call' }), 'On call'],
    ['on call with an end already past', status({ state: 'on-call', until: at(24, 9) }), 'On call'],
    ['off call with a next shift', status({ state: 'off-call', nextShiftAt: at(25, 9) }), `Off call — next shift ${weekday(at(25, 9))} ${clock(at(25, 9))}`],
    ['off call with no next shift', status({ state: 'off-call' }), 'Off call'],
    ['off call with an unreadable next shift', status({ state: 'off-call', nextShiftAt: 'soon' }), 'Off call'],
    ['unknown', status({ state: 'unknown' }), 'On-call unknown'],
  ])('%s', (_case, given, text) => {
    expect(onCallLabel(given, NOW)).toBe(text);
  });
});

describe('onCallBasisText', () => {
  it.each([
    ['manual', 'your toggle'],
    ['pd', 'PagerDuty schedule (pd)'],
    ['og', 'Opsgenie schedule (og)'],
    ['prod-am', 'prod-am'],
    ['removed-source', 'removed-source'],
    [null, null],
  ])('%s reads %s', (basis, text) => {
    expect(onCallBasisText(basis, SOURCES)).toBe(text);
  });
});

describe('onCallTitle', () => {
  it('names the basis and who is on call', () => {
    const title = onCallTitle(status({ state: 'on-call', basis: 'pd', who: ['Ada Lovelace', 'Alan Turing'] }), SOURCES, NOW);
    expect(title).toBe('On call (PagerDuty schedule (pd))\nOn call now: Ada Lovelace, Alan Turing');
  });

  it('says when the user set it', () => {
    expect(onCallTitle(status({ state: 'off-call', basis: 'manual' }), SOURCES, NOW)).toBe('Off call (your toggle)\nOn call now: nobody listed');
  });

  it('explains an unknown state nobody has decided', () => {
    expect(onCallTitle(status({}), SOURCES, NOW)).toBe(
      'On-call unknown\nNo on-call service says, and you have not set it: notifications follow their settings.\nOn call now: nobody listed',
    );
  });
});

describe('onCallShortLabel (the header pill)', () => {
  it.each([
    ['on call ending today', status({ state: 'on-call', until: at(24, 18) }), `On call until ${clock(at(24, 18))}`],
    ['on call with no known end', status({ state: 'on-call', basis: 'manual' }), 'On call'],
    ['off call, the next shift left to the menu', status({ state: 'off-call', nextShiftAt: at(25, 9) }), 'Off call'],
    ['unknown', status({}), 'On call?'],
  ])('%s', (_case, given, text) => {
    expect(onCallShortLabel(given, NOW)).toBe(text);
  });
});

describe('currentOnCallChoice', () => {
  it.each([
    [status({ state: 'on-call', basis: 'manual' }), true],
    [status({ state: 'off-call', basis: 'manual' }), false],
    [status({ state: 'on-call', basis: 'pd' }), null],
    [status({ state: 'off-call', basis: 'og' }), null],
    [status({ state: 'unknown' }), null],
  ])('%o is choice %s', (given, choice) => {
    expect(currentOnCallChoice(given)).toBe(choice);
  });
});

describe('engine store: onCall', () => {
  const onCallNow = status({ state: 'on-call', basis: 'pd', until: at(25, 9), who: ['Ada Lovelace'] });

  it('is null before the first snapshot, then takes the snapshot’s', () => {
    const store = createEngineStore();
    expect(store.getState().onCall).toBeNull();
    store.getState().applySnapshot({ ...emptySnapshot(), onCall: onCallNow });
    expect(store.getState().onCall).toEqual(onCallNow);
  });

  it('follows onCallChanged, and stops after unsubscribing', () => {
    const listeners = new Map<EventName, (payload: unknown) => void>();
    const api = { on: (event: EventName, listener: (payload: unknown) => void) => (listeners.set(event, listener), () => listeners.delete(event)) };
    const store = createEngineStore();
    const unsubscribe = subscribeEngineStore(store, api as unknown as Pick<OnCallApi, 'on'>);
    listeners.get('onCallChanged')?.(onCallNow);
    expect(store.getState().onCall).toEqual(onCallNow);
    unsubscribe();
    expect(listeners.has('onCallChanged')).toBe(false);
  });
});

describe('setOnCall action', () => {
  it.each([true, false, null])('sends %s and keeps the engine’s answer', async (onCall) => {
    const answer = status({ state: onCall === false ? 'off-call' : 'on-call', basis: onCall === null ? 'pd' : 'manual' });
    const api = { setOnCall: vi.fn(() => Promise.resolve(answer)) };
    const app = createAppServices(api as unknown as OnCallApi);
    await setOnCall(app, onCall);
    expect(api.setOnCall).toHaveBeenCalledWith({ onCall });
    expect(app.engine.getState().onCall).toEqual(answer);
    expect(app.ui.getState().commandError).toBeNull();
  });

  it('shows a refusal in the command error banner and keeps the old status', async () => {
    const api = { setOnCall: vi.fn(() => Promise.reject(new Error('setOnCall: not available yet'))) };
    const app = createAppServices(api as unknown as OnCallApi);
    const before = status({ state: 'off-call', basis: 'og' });
    app.engine.getState().setOnCall(before);
    await setOnCall(app, true);
    expect(app.ui.getState().commandError).toBe('Could not set you on call: setOnCall: not available yet');
    expect(app.engine.getState().onCall).toEqual(before);
  });
});
