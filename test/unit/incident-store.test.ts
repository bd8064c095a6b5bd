import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAlert, IncidentStore, type IncidentStoreOptions } from '../../electron/incidents/incident-store';
import type { Slo } from '../../shared/slo';
import { makeAlert } from '../helpers/alerts';

const T0 = new Date('2026-11-26T03:12:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();

const ALERT = makeAlert({ fingerprint: 'fp-checkout', labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' } });
const OTHER_ALERT = makeAlert({ fingerprint: 'fp-db', name: 'DiskFillingUp', labels: { alertname: 'DiskFillingUp', instance: 'db-1' } });
const SLO = { id: 'api.yaml#availability', name: 'api-availability', displayName: 'API availability' } as Slo;

describe('incident store', () => {
  let dir: string;
  let problems: string[];
  let ids: number;
  const open = (options: IncidentStoreOptions = {}) => IncidentStore.open(dir, (message) => problems.push(message), { newId: () => `inc-${++ids}`, ...options });
  const journalFile = () => path.join(dir, 'incidents.jsonl');
  const journalLines = () => readFileSync(journalFile(), 'utf8').split('\n').filter(Boolean);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'occ-incidents-'));
    problems = [];
    ids = 0;
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('declares from an alert: origin in words, the alert linked, the timeline started', async () => {
    const store = await open();
    const incident = store.declare(
      { title: 'Checkout errors', severity: 'SEV2', roles: { commander: ' Alice ' }, fromAlert: 'fp-checkout', runbookIds: ['app/high-error-rate.md'] },
      { alert: ALERT, runbooks: [{ id: 'app/high-error-rate.md', title: 'High error rate' }], checklistSessionId: 's-1' },
      T0,
    );

    expect(incident).toEqual({
      id: 'inc-1',
      title: 'Checkout errors',
      severity: 'SEV2',
      status: 'investigating',
      roles: { commander: 'Alice', communications: '', operations: '' },
      declaredAt: '2026-11-26T03:12:00.000Z',
      resolvedAt: null,
      origin: 'alert HighErrorRate (checkout)',
      linkedAlerts: [{ fingerprint: 'fp-checkout', name: 'HighErrorRate (checkout)' }],
      linkedRunbooks: [{ id: 'app/high-error-rate.md', title: 'High error rate' }],
      linkedSlos: [],
      checklistSessionId: 's-1',
      timeline: [
        { id: 'e1', at: '2026-11-26T03:12:00.000Z', kind: 'declared', text: 'Declared SEV2 from alert HighErrorRate (checkout)', key: false },
        { id: 'e2', at: '2026-11-26T03:12:00.000Z', kind: 'role', text: 'Incident commander: Alice', key: false },
      ],
    });
    expect(store.list()).toEqual([incident]);
  });

  it('declares from an SLO or by hand, lists newest first, and refuses an alert or SLO it was not given', async () => {
    const store = await open();
    const fromSlo = store.declare({ title: 'API budget burning', severity: 'SEV3', fromSlo: SLO.id }, { slo: SLO, runbooks: [], checklistSessionId: null }, T0);
    expect(fromSlo).toMatchObject({ origin: 'SLO API availability', linkedSlos: [{ id: SLO.id, name: 'API availability' }], linkedAlerts: [] });
    expect(fromSlo.timeline.map((entry) => entry.text)).toEqual(['Declared SEV3 from SLO API availability']);

    const byHand = store.declare({ title: 'Customer reports', severity: 'SEV4' }, { runbooks: [], checklistSessionId: null }, at(5));
    expect(byHand.origin).toBe('by hand');
    expect(byHand.timeline.map((entry) => entry.text)).toEqual(['Declared SEV4 by hand']);
    expect(store.list().map((incident) => incident.id)).toEqual(['inc-2', 'inc-1']);

    expect(() => store.declare({ title: 'x', severity: 'SEV1', fromAlert: 'fp-gone' }, { runbooks: [], checklistSessionId: null }, T0)).toThrow(
      'cannot declare from alert fp-gone: no such alert is known (it may have resolved)',
    );
    expect(() => store.declare({ title: 'x', severity: 'SEV1', fromSlo: 'nope' }, { slo: SLO, runbooks: [], checklistSessionId: null }, T0)).toThrow(
      'cannot declare from SLO nope: no such SLO is known',
    );
    expect(store.list()).toHaveLength(2);
  });

  it('writes status, severity, role, title and link changes onto the timeline in words', async () => {
    const store = await open();
    const { id } = store.declare({ title: 'Checkout errors', severity: 'SEV2', fromAlert: 'fp-checkout' }, { alert: ALERT, runbooks: [], checklistSessionId: null }, T0);

    store.update({ id, status: 'identified', roles: { commander: 'Alice', communications: 'Bob' } }, {}, at(5));
    store.update({ id, severity: 'SEV1', title: 'Checkout down', roles: { commander: 'Carol' } }, {}, at(10));
    store.update({ id, linkAlert: 'fp-db', linkRunbook: 'app/high-error-rate.md' }, { alert: OTHER_ALERT, runbook: { id: 'app/high-error-rate.md', title: 'High error rate' } }, at(12));
    store.update({ id, roles: { communications: '' } }, {}, at(15));
    const resolved = store.update({ id, status: 'resolved' }, {}, at(42));

    expect(resolved).toMatchObject({
      title: 'Checkout down',
      severity: 'SEV1',
      status: 'resolved',
      resolvedAt: iso(42),
      roles: { commander: 'Carol', communications: '', operations: '' },
      linkedAlerts: [
        { fingerprint: 'fp-checkout', name: 'HighErrorRate (checkout)' },
        { fingerprint: 'fp-db', name: 'DiskFillingUp (db-1)' },
      ],
      linkedRunbooks: [{ id: 'app/high-error-rate.md', title: 'High error rate' }],
    });
    expect(resolved.timeline.map(({ at: when, kind, text }) => [when, kind, text])).toEqual([
      [iso(0), 'declared', 'Declared SEV2 from alert HighErrorRate (checkout)'],
      [iso(5), 'role', 'Incident commander: Alice'],
      [iso(5), 'role', 'Communications lead: Bob'],
      [iso(5), 'status', 'Status: investigating → identified'],
      [iso(10), 'note', 'Title: Checkout errors → Checkout down'],
      [iso(10), 'severity', 'Severity: SEV2 → SEV1'],
      [iso(10), 'role', 'Incident commander: Carol (was Alice)'],
      [iso(12), 'linked', 'Linked alert DiskFillingUp (db-1)'],
      [iso(12), 'linked', 'Linked runbook High error rate'],
      [iso(15), 'role', 'Communications lead: nobody (was Bob)'],
      [iso(42), 'status', 'Status: identified → resolved'],
    ]);

    // A resolved incident takes no new alerts; reopening it clears resolvedAt.
    expect(() => store.update({ id, linkAlert: 'fp-checkout' }, { alert: ALERT }, at(50))).toThrow('incident "Checkout down" is resolved: reopen it before linking alerts');
    const reopened = store.update({ id, status: 'monitoring', linkAlert: 'fp-other' }, { alert: { ...OTHER_ALERT, fingerprint: 'fp-other' } }, at(60));
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.timeline.slice(-2).map((entry) => entry.text)).toEqual(['Linked alert DiskFillingUp (db-1)', 'Status: resolved → monitoring (reopened)']);
    expect(() => store.update({ id, status: 'resolved', linkAlert: 'fp-checkout' }, { alert: ALERT }, at(61))).toThrow('is resolved: reopen it');
  });

  it('writes nothing for an update that changes nothing, and refuses unknown ids and unknown links', async () => {
    const store = await open();
    const { id } = store.declare({ title: 'Checkout errors', severity: 'SEV2', fromAlert: 'fp-checkout' }, { alert: ALERT, runbooks: [], checklistSessionId: null }, T0);
    const lines = journalLines().length;
    const same = store.update({ id, title: 'Checkout errors', severity: 'SEV2', status: 'investigating', linkAlert: 'fp-checkout' }, { alert: ALERT }, at(1));
    expect(same.timeline).toHaveLength(1);
    expect(journalLines()).toHaveLength(lines);

    expect(() => store.update({ id: 'nope', status: 'resolved' }, {}, at(1))).toThrow('no incident with id nope');
    expect(() => store.update({ id, linkAlert: 'fp-db' }, {}, at(1))).toThrow('cannot link alert fp-db: no such alert is known');
    expect(() => store.update({ id, linkRunbook: 'x.md' }, { runbook: { id: 'y.md', title: 'Y' } }, at(1))).toThrow('cannot link runbook x.md: no such runbook is known');
    expect(() => store.addNote('nope', 'text', false, at(1))).toThrow('no incident with id nope');
    expect(() => store.record('nope', { kind: 'step-done', text: 'x' }, at(1))).toThrow('no incident with id nope');
    expect(store.get(id)?.timeline).toHaveLength(1);
  });

  it('adds notes, marks and unmarks key moments, and records session events', async () => {
    const store = await open();
    const { id } = store.declare({ title: 'Checkout errors', severity: 'SEV2' }, { runbooks: [], checklistSessionId: null }, T0);

    const noted = store.addNote(id, '  Deploy v42 went out at 03:05.  ', true, at(3));
    expect(noted.timeline.at(-1)).toEqual({ id: 'e2', at: iso(3), kind: 'note', text: 'Deploy v42 went out at 03:05.', key: true });
    store.addNote(id, 'Rollback started', false, at(4));
    store.record(id, { kind: 'step-done', text: 'Step done: Roll back the deploy (High error rate runbook)' }, at(6));

    expect(store.markKey(id, 'e3', true).timeline.filter((entry) => entry.key).map((entry) => entry.id)).toEqual(['e2', 'e3']);
    expect(store.markKey(id, 'e2', false).timeline.filter((entry) => entry.key).map((entry) => entry.id)).toEqual(['e3']);
    expect(store.get(id)?.timeline.at(-1)).toEqual({ id: 'e4', at: iso(6), kind: 'step-done', text: 'Step done: Roll back the deploy (High error rate runbook)', key: false });

    expect(() => store.markKey(id, 'e99', true)).toThrow('incident "Checkout errors" has no timeline entry e99');
    expect(() => store.addNote(id, '   ', false, at(7))).toThrow('a note needs some text');
  });

  it('records linked alerts firing again and resolving on open incidents only', async () => {
    const store = await open();
    const open1 = store.declare({ title: 'Checkout errors', severity: 'SEV2', fromAlert: 'fp-checkout' }, { alert: ALERT, runbooks: [], checklistSessionId: null }, T0);
    const closed = store.declare({ title: 'Earlier', severity: 'SEV3', fromAlert: 'fp-checkout' }, { alert: ALERT, runbooks: [], checklistSessionId: null }, T0);
    store.update({ id: closed.id, status: 'resolved' }, {}, at(1));
    const unrelated = store.declare({ title: 'Disk', severity: 'SEV3', fromAlert: 'fp-db' }, { alert: OTHER_ALERT, runbooks: [], checklistSessionId: null }, T0);

    const changed = store.recordAlertChanges(
      [
        { before: ALERT }, // leaves
        { before: { ...OTHER_ALERT, state: 'firing' }, after: { ...OTHER_ALERT, stale: true } }, // still firing: nothing
      ],
      at(10),
    );
    expect(changed.map((incident) => incident.id)).toEqual([open1.id]);
    expect(changed[0]?.timeline.at(-1)).toEqual({ id: 'e2', at: iso(10), kind: 'alert-resolved', text: 'HighErrorRate (checkout) resolved', key: false });

    store.recordAlertChanges([{ after: ALERT }], at(20));
    store.recordAlertChanges([{ before: { ...ALERT, state: 'firing' }, after: { ...ALERT, state: 'suppressed' } }], at(25));
    store.recordAlertChanges([{ before: { ...ALERT, state: 'suppressed' }, after: ALERT }], at(30));
    expect(store.get(open1.id)?.timeline.slice(1).map(({ kind, text }) => `${kind}: ${text}`)).toEqual([
      'alert-resolved: HighErrorRate (checkout) resolved',
      'alert-firing: HighErrorRate (checkout) firing',
      'alert-firing: HighErrorRate (checkout) firing',
    ]);
    expect(store.get(closed.id)?.timeline).toHaveLength(2);
    expect(store.get(unrelated.id)?.timeline).toHaveLength(1);
    expect(store.recordAlertChanges([], at(40))).toEqual([]);
  });

  it('finds every incident and timeline again after a restart', async () => {
    const store = await open();
    const a = store.declare({ title: 'Checkout errors', severity: 'SEV2', fromAlert: 'fp-checkout' }, { alert: ALERT, runbooks: [], checklistSessionId: 's-1' }, T0);
    store.addNote(a.id, 'First note', false, at(1));
    store.update({ id: a.id, status: 'identified', roles: { commander: 'Alice' } }, {}, at(2));
    store.markKey(a.id, 'e2', true);
    const b = store.declare({ title: 'Disk', severity: 'SEV3' }, { runbooks: [], checklistSessionId: null }, at(3));
    store.update({ id: b.id, status: 'resolved' }, {}, at(9));
    const expected = store.list();

    const reopened = await open();
    expect(reopened.list()).toEqual(expected);
    expect(problems).toEqual([]);
    // New entries continue the numbering.
    expect(reopened.addNote(a.id, 'After restart', false, at(20)).timeline.at(-1)?.id).toBe('e5');
  });

  it('loses only the change a crash tore, and only the entries of a line that cannot be read', async () => {
    const store = await open();
    const { id } = store.declare({ title: 'Checkout errors', severity: 'SEV2' }, { runbooks: [], checklistSessionId: null }, T0);
    store.addNote(id, 'one', false, at(1));
    store.addNote(id, 'two', false, at(2));
    store.update({ id, status: 'identified' }, {}, at(3));
    store.addNote(id, 'four', false, at(4));

    // Line 3 (note "two") damaged in the middle, and a torn change at the end.
    const lines = journalLines();
    lines[2] = lines[2]!.replace('"text":"two"', '"text":42');
    writeFileSync(journalFile(), `${lines.join('\n')}\n{"incident":{"id":"${id}","title":"Chec`);

    const reopened = await open();
    const incident = reopened.get(id);
    expect(incident?.status).toBe('identified');
    expect(incident?.timeline.map((entry) => entry.text)).toEqual(['Declared SEV2 by hand', 'one', 'Status: investigating → identified', 'four']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/incidents\.jsonl line 3: not a valid record \(added\.0\.text: .+\); skipped it/);
    expect(problems[1]).toMatch(/incidents\.jsonl line 6: the last line is incomplete/);

    // Entry ids never repeat, even with a lost entry in the middle.
    expect(reopened.addNote(id, 'five', false, at(5)).timeline.at(-1)?.id).toBe('e6');
  });

  it('compacts a grown journal to one line per incident without losing anything', async () => {
    const store = await open({ compactAboveBytes: 4_000 });
    const a = store.declare({ title: 'Checkout errors', severity: 'SEV2', fromAlert: 'fp-checkout' }, { alert: ALERT, runbooks: [], checklistSessionId: null }, T0);
    const b = store.declare({ title: 'Disk', severity: 'SEV3' }, { runbooks: [], checklistSessionId: null }, T0);
    for (let n = 0; n < 60; n++) store.addNote(n % 2 === 0 ? a.id : b.id, `note ${n}`, n % 10 === 0, at(n));
    store.markKey(a.id, 'e2', false);

    expect(journalLines().length).toBeLessThan(62);
    const expected = store.list();
    expect((await open()).list()).toEqual(expected);
    expect(expected.find((incident) => incident.id === a.id)?.timeline).toHaveLength(31);
    expect(problems).toEqual([]);
  });

  it('describes an alert by its name and where it fires', () => {
    expect(describeAlert({ name: 'HighErrorRate', labels: { service: 'checkout', job: 'api' } })).toBe('HighErrorRate (checkout)');
    expect(describeAlert({ name: 'TargetDown', labels: { job: 'node' } })).toBe('TargetDown (node)');
    expect(describeAlert({ name: 'Watchdog', labels: {} })).toBe('Watchdog');
  });
});
