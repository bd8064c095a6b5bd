import { createAppServices } from '../../renderer/src/create-app-services';
import { describe, expect, it, vi } from 'vitest';
import type { Acknowledgement, PendingAction, Silence } from '../../shared/actions';
import { ApiCallError, type OnCallApi } from '../../shared/api';
import { acknowledgeAlert } from '../../renderer/src/actions/acknowledge';
import { cancelAction, createSilence, expireSilence, openSilenceForm } from '../../renderer/src/actions/silences';
import { ackActionFor, ackDeliveryText, acknowledgedText } from '../../renderer/src/lib/acknowledgement-text';
import { actionsForAlert, canCancel, openActionCount, silencesBeingExpired } from '../../renderer/src/lib/action-list-model';
import { endsInText, endsSoonWhileFiring, groupSilences, SILENCE_EXPIRY_WARNING_MS } from '../../renderer/src/lib/silence-list-model';
import { createSilenceStore } from '../../renderer/src/stores/silence-store';
import { makeAlert } from '../helpers/alerts';

const NOW = Date.parse('2026-11-26T10:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const MINUTE = 60_000;

function silence(overrides: Partial<Silence> = {}): Silence {
  return {
    id: 's1',
    sources: ['am-a'],
    matchers: [{ name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true }],
    startsAt: at(-MINUTE),
    endsAt: at(60 * MINUTE),
    createdBy: 'alice',
    comment: 'deploying',
    state: 'active',
    acknowledgement: false,
    matchedAlerts: ['f1'],
    ...overrides,
  };
}

function action(overrides: Partial<PendingAction> = {}): PendingAction {
  return {
    id: 'a1',
    target: 'am-a',
    action: { kind: 'createSilence', matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }], startsAt: at(0), endsAt: at(60 * MINUTE), comment: 'x', createdBy: 'alice' },
    summary: 'Silence service="checkout" on am-a',
    createdAt: at(-MINUTE),
    state: 'queued',
    attempts: 0,
    lastAttemptAt: null,
    lastError: null,
    deliveredAt: null,
    silenceId: null,
    ...overrides,
  };
}

const ackAction = (id: string, fingerprint: string, state: PendingAction['state'] = 'queued') =>
  action({ id, state, target: 'ha-pair', action: { kind: 'acknowledge', fingerprint, alertName: 'A', matchers: [], comment: '', createdBy: 'alice', durationMs: 900_000 } });

/** Every store, and an api with only the commands a test gives it. */
const services = (api: Partial<OnCallApi>) => createAppServices(api as OnCallApi);

describe('groupSilences', () => {
  it('groups per Alertmanager (an HA pair is one group), drops expired ones, active before pending, ending soonest first', () => {
    const groups = groupSilences([
      silence({ id: 'late', endsAt: at(90 * MINUTE) }),
      silence({ id: 'pair', sources: ['am-b2', 'am-b1'] }),
      silence({ id: 'pending', state: 'pending', endsAt: at(5 * MINUTE) }),
      silence({ id: 'soon', endsAt: at(10 * MINUTE) }),
      silence({ id: 'gone', state: 'expired' }),
    ]);
    expect(groups.map((group) => [group.label, group.silences.map((entry) => entry.id)])).toEqual([
      ['am-a', ['soon', 'late', 'pending']],
      ['am-b1, am-b2', ['pair']],
    ]);
  });
});

describe('endsSoonWhileFiring', () => {
  it('warns for my active silence ending within the warning time while it still mutes alerts', () => {
    expect(endsSoonWhileFiring(silence({ endsAt: at(5 * MINUTE) }), 'alice', NOW)).toBe(true);
    expect(endsSoonWhileFiring(silence({ endsAt: at(SILENCE_EXPIRY_WARNING_MS) }), 'alice', NOW)).toBe(true);
  });

  it.each<[string, Partial<Silence>, string]>([
    ['it ends later', { endsAt: at(SILENCE_EXPIRY_WARNING_MS + MINUTE) }, 'alice'],
    ['someone else made it', { endsAt: at(5 * MINUTE) }, 'bob'],
    ['no alert fires under it', { endsAt: at(5 * MINUTE), matchedAlerts: [] }, 'alice'],
    ['it has not started', { endsAt: at(5 * MINUTE), state: 'pending' }, 'alice'],
    ['it has ended', { endsAt: at(-MINUTE) }, 'alice'],
  ])('does not warn when %s', (_case, overrides, author) => {
    expect(endsSoonWhileFiring(silence(overrides), author, NOW)).toBe(false);
  });

  it('says when it ends', () => {
    expect(endsInText(at(45 * MINUTE), NOW)).toMatch(/^ends in 45 min \(.+\)$/);
    expect(endsInText(at(-MINUTE), NOW)).toBe('ended');
  });
});

describe('the outbox model', () => {
  it('counts what waits or failed, and cancels only what has not gone out', () => {
    const actions = [action({ state: 'queued' }), action({ state: 'sending' }), action({ state: 'failed' }), action({ state: 'delivered' }), action({ state: 'cancelled' })];
    expect(openActionCount(actions)).toEqual({ count: 3, failed: 1 });
    expect(actions.filter(canCancel).map((entry) => entry.state)).toEqual(['queued', 'failed']);
  });

  it('finds the actions about one alert: its acknowledgement and silences that match its labels', () => {
    const alert = makeAlert({ fingerprint: 'f1', labels: { alertname: 'HighErrorRate', service: 'checkout' } });
    const actions = [
      action({ id: 'matches' }),
      action({ id: 'other-service', action: { ...(action().action as Extract<PendingAction['action'], { kind: 'createSilence' }>), matchers: [{ name: 'service', value: 'search', isRegex: false, isEqual: true }] } }),
      ackAction('ack-mine', 'f1'),
      ackAction('ack-other', 'f2'),
      ackAction('ack-cancelled', 'f1', 'cancelled'),
      action({ id: 'expire', action: { kind: 'expireSilence', silenceId: 's1' } }),
    ];
    expect(actionsForAlert(actions, alert).map((entry) => entry.id)).toEqual(['matches', 'ack-mine']);
    expect(ackActionFor(actions, 'f1')?.id).toBe('ack-mine');
  });

  it('knows which silences an open expire action is ending', () => {
    const expire = (silenceId: string, state: PendingAction['state']) => action({ state, action: { kind: 'expireSilence', silenceId } });
    expect([...silencesBeingExpired([expire('s1', 'queued'), expire('s2', 'delivered'), expire('s3', 'failed')])]).toEqual(['s1', 's3']);
  });
});

describe('acknowledgement text', () => {
  const ack: Acknowledgement = { by: 'alice', at: at(-3 * MINUTE), comment: 'looking at the DB', delivery: 'queued', silenceId: null, expiresAt: null };

  it('says who, how long ago and why', () => {
    expect(acknowledgedText(ack, NOW)).toBe('Acknowledged by alice, 3 min ago: looking at the DB');
    expect(acknowledgedText({ ...ack, comment: ' ' }, NOW)).toBe('Acknowledged by alice, 3 min ago');
  });

  it('says whether the source heard of it', () => {
    expect(ackDeliveryText(ack, 'am-prod', NOW)).toBe('queued — will be sent when am-prod is reachable');
    expect(ackDeliveryText({ ...ack, delivery: 'local' }, null, NOW)).toBe('recorded in this app only');
    expect(ackDeliveryText({ ...ack, delivery: 'sent', expiresAt: null }, null, NOW)).toBe('sent upstream');
    expect(ackDeliveryText({ ...ack, delivery: 'sent', expiresAt: at(15 * MINUTE) }, null, NOW)).toMatch(/^sent upstream; its silence ends .+/);
  });
});

describe('the silence store', () => {
  it('applies a command answer only when no actionsChanged arrived since it was sent', () => {
    const store = createSilenceStore();
    store.getState().applySnapshot({ silences: [], actions: [action({ id: 'a1' })] });
    const sentAt = store.getState().actionSync.eventCount;
    store.getState().applyActionAnswer(action({ id: 'a2' }), sentAt);
    store.getState().applyActionAnswer(action({ id: 'a1', state: 'cancelled' }), sentAt);
    expect(store.getState().actions.map((entry) => [entry.id, entry.state])).toEqual([
      ['a1', 'cancelled'],
      ['a2', 'queued'],
    ]);
    store.getState().applyActions([action({ id: 'a1', state: 'delivered' })]);
    store.getState().applyActionAnswer(action({ id: 'a3' }), sentAt);
    expect(store.getState().actions.map((entry) => entry.id)).toEqual(['a1']);
  });
});

describe('outbox commands', () => {
  it('acknowledge sends the trimmed comment (none when blank) and shows the queued action at once', async () => {
    const acknowledge = vi.fn(async () => ({ acknowledgement: { by: 'alice', at: at(0), comment: '', delivery: 'queued' as const, silenceId: null, expiresAt: null }, action: ackAction('ack', 'f1') }));
    const app = services({ acknowledgeAlert: acknowledge });
    app.silences.getState().applySnapshot({ silences: [], actions: [] });
    expect(await acknowledgeAlert(app, 'f1', '  on it  ')).toBe(true);
    expect(await acknowledgeAlert(app, 'f1', '   ')).toBe(true);
    expect(acknowledge.mock.calls).toEqual([[{ fingerprint: 'f1', comment: 'on it' }], [{ fingerprint: 'f1' }]]);
    expect(app.silences.getState().actions.map((entry) => entry.id)).toEqual(['ack']);
  });

  it('a refused acknowledgement shows why', async () => {
    const app = services({ acknowledgeAlert: async () => Promise.reject(new ApiCallError('failed', 'acknowledgeAlert: not available yet')) });
    expect(await acknowledgeAlert(app, 'f1', '')).toBe(false);
    expect(app.ui.getState().commandError).toBe('Could not acknowledge the alert: acknowledgeAlert: not available yet');
  });

  it('opening the form from an alert prefills it with the preferences author and the Alertmanagers reporting it', () => {
    const app = services({});
    app.engine.getState().setPreferences({ theme: 'dark', groupBy: 'alertname', author: 'carol' });
    app.engine.getState().setSources([{ name: 'am-a', type: 'alertmanager' } as never, { name: 'am-b', type: 'alertmanager' } as never]);
    openSilenceForm(app, makeAlert({ fingerprint: 'f1', sources: ['am-b'] }), NOW);
    expect(app.silences.getState().form).toMatchObject({ fingerprint: 'f1', draft: { author: 'carol', source: 'am-b', targets: ['am-b'] } });
    const firstKey = app.silences.getState().form!.key;
    openSilenceForm(app, null, NOW);
    expect(app.silences.getState().form).toMatchObject({ fingerprint: null, draft: { targets: ['am-a', 'am-b'], origin: null } });
    expect(app.silences.getState().form!.key).not.toBe(firstKey);
  });

  it('creating a silence queues it, closes the form and keeps a changed author as the default', async () => {
    const queued = action({ id: 'new' });
    const setPreferences = vi.fn(async (change: { author?: string }) => ({ theme: 'dark' as const, groupBy: 'alertname', author: change.author ?? 'me' }));
    const app = services({ createSilence: vi.fn(async () => queued), setPreferences });
    openSilenceForm(app, makeAlert(), NOW);
    const input = { source: 'am-a', matchers: [{ name: 'alertname', value: 'A', isRegex: false, isEqual: true }], endsAt: at(60 * MINUTE), comment: 'why', createdBy: 'dave' };
    expect(await createSilence(app, input)).toBe(true);
    expect(app.api.createSilence).toHaveBeenCalledWith(input);
    expect(app.silences.getState().form).toBeNull();
    expect(app.silences.getState().actions).toEqual([queued]);
    expect(setPreferences).toHaveBeenCalledWith({ author: 'dave' });
    expect(app.engine.getState().preferences.author).toBe('dave');
  });

  it('a refused silence keeps the form open with its draft', async () => {
    const app = services({ createSilence: async () => Promise.reject(new ApiCallError('invalid-input', 'createSilence: comment: expected a comment saying why')) });
    openSilenceForm(app, makeAlert(), NOW);
    const input = { source: 'am-a', matchers: [{ name: 'alertname', value: 'A', isRegex: false, isEqual: true }], endsAt: at(MINUTE), comment: 'x', createdBy: 'me' };
    expect(await createSilence(app, input)).toBe(false);
    expect(app.silences.getState().form).not.toBeNull();
    expect(app.ui.getState().commandError).toContain('expected a comment saying why');
  });

  it('expire and cancel send their ids and show the answer', async () => {
    const expire = vi.fn(async () => action({ id: 'exp', action: { kind: 'expireSilence', silenceId: 's1' } }));
    const cancel = vi.fn(async () => action({ id: 'exp', state: 'cancelled', action: { kind: 'expireSilence', silenceId: 's1' } }));
    const app = services({ expireSilence: expire, cancelAction: cancel });
    expect(await expireSilence(app, 'am-a', 's1')).toBe(true);
    expect(expire).toHaveBeenCalledWith({ source: 'am-a', silenceId: 's1' });
    expect(app.silences.getState().actions.map((entry) => entry.state)).toEqual(['queued']);
    expect(await cancelAction(app, 'exp')).toBe(true);
    expect(cancel).toHaveBeenCalledWith({ id: 'exp' });
    expect(app.silences.getState().actions.map((entry) => entry.state)).toEqual(['cancelled']);
  });
});
