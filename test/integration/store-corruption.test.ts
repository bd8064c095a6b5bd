import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserSettings } from '../../electron/engine/settings';
import { IncidentStore } from '../../electron/incidents/incident-store';
import { createConfSettingsStore, createMemorySettingsStore } from '../../electron/persistence/settings-store';
import { AcknowledgementLog, ACKNOWLEDGEMENTS_FILE_NAME } from '../../electron/actions/acknowledgement-log';
import { DeliveryNotSentError, Outbox, OUTBOX_FILE_NAME, type Deliver } from '../../electron/actions/outbox';
import { OUTBOX_RECORD_VERSION, OutboxEventSchema } from '../../electron/actions/outbox-records';
import { JsonlJournal } from '../../electron/persistence/jsonl-journal';
import { StateCache, STATE_CACHE_FILE_NAME, type CachedState } from '../../electron/cache/state-cache';
import { initialHealth } from '../../electron/engine/source-health';
import type { OutboxAction } from '../../shared/actions';
import { RunbookSessionStore } from '../../electron/runbooks/runbook-sessions';
import type { RunbookDocument } from '../../shared/runbook';
import { makeAlert } from '../helpers/alerts';

/**
 * Every persisted store, opened on a damaged file: truncated, empty, binary, the wrong schema.
 *
 * - `whole-file` stores (one document) start with their defaults, and the file is kept aside byte
 *   for byte as `<file>.corrupt-<time>`.
 * - `journal` stores keep every valid record: a file cut short loses only its torn last line, which
 *   is kept in `<file>.rejected` (journal + rejected line = the original bytes); a file without one
 *   valid record (binary, wrong schema everywhere) is kept aside whole like a document; an empty
 *   file is an empty journal, not damage.
 *
 * A new store is one entry in STORES.
 */
interface PersistedStore {
  name: string;
  /** The store's file inside its data folder. */
  file: string;
  kind: 'whole-file' | 'journal';
  /** Writes a valid file (with at least two records for a journal) through the store itself. */
  populate(dir: string): Promise<void>;
  /** Opens the store on `dir` and returns what it holds, for `toEqual`. */
  load(dir: string, onProblem: (message: string) => void): Promise<unknown>;
  /** What `load` returns for a store that starts afresh. */
  fresh: unknown;
  /** Valid JSON (lines, for a journal) of the wrong shape for this store. */
  wrongSchema: string;
}

const T0 = new Date('2026-11-26T03:12:00.000Z');
const RUNBOOK = {
  id: 'app/high-error-rate.md',
  title: 'High error rate',
  steps: ['look', 'fix', 'verify'].map((id) => ({ id, title: id, markdown: '', checks: [], commands: [], choices: [] })),
} as unknown as RunbookDocument;

const CACHED_STATE: CachedState = {
  sources: [
    {
      name: 'am',
      endpoint: '{"type":"alertmanager","name":"am","url":"http://127.0.0.1:9093"}',
      health: { ...initialHealth('am', 'alertmanager'), status: 'ok', lastSuccessAt: T0.toISOString(), alertCount: 1 },
      alerts: [(({ sources: _sources, stale: _stale, ...alert }) => alert)(makeAlert())],
      silences: [],
      answerDigest: 'alertmanager-v2/1 n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    },
  ],
  slos: [],
};
const neverDelivered: Deliver = () => Promise.reject(new DeliveryNotSentError('the test has no Alertmanager'));
// Opened only to read: what was queued on disk is not sent (`deliverOnOpen: false`), so the file stays as it was.
const outboxIn = (dir: string, log: (message: string) => void = () => undefined) =>
  Outbox.open({ dir, deliver: neverDelivered, log, retry: { initialMs: 60_000, maxMs: 60_000 }, deliverOnOpen: false });
const silenceAction = (comment: string): OutboxAction => ({ kind: 'createSilence', matchers: [{ name: 'service', value: 'checkout', isRegex: false, isEqual: true }], startsAt: T0.toISOString(), endsAt: '2030-01-01T00:00:00.000Z', comment, createdBy: 'alice' });
const ACKS = [
  { fingerprint: 'fp-1', startsAt: T0.toISOString(), by: 'alice', comment: 'on it', at: T0.toISOString(), actionId: 'a1' },
  { fingerprint: 'fp-2', startsAt: T0.toISOString(), by: 'bob', comment: '', at: T0.toISOString(), actionId: null },
];

const STORES: PersistedStore[] = [
  {
    name: 'settings (conf; electron-store in the app)',
    file: 'settings.json',
    kind: 'whole-file',
    populate: async (dir) => {
      const settings = new UserSettings(createConfSettingsStore(dir));
      settings.updatePreferences({ theme: 'light', author: 'alice' });
      settings.pausedUntil = '2030-01-01T00:00:00.000Z';
    },
    load: async (dir, onProblem) => {
      const settings = new UserSettings(createConfSettingsStore(dir, onProblem));
      return { preferences: settings.preferences, pausedUntil: settings.pausedUntil };
    },
    fresh: { preferences: new UserSettings(createMemorySettingsStore()).preferences, pausedUntil: null },
    wrongSchema: '{"schemaVersion":2,"preferences":{"theme":"purple","groupBy":["service"]}}',
  },
  {
    name: 'state cache (last known alerts, silences, health, SLO values)',
    file: STATE_CACHE_FILE_NAME,
    kind: 'whole-file',
    populate: async (dir) => {
      const { cache } = await StateCache.open({ dir, collect: () => CACHED_STATE, log: () => undefined });
      await cache.stop();
    },
    load: async (dir, onProblem) => (await StateCache.open({ dir, collect: () => CACHED_STATE, log: onProblem })).restored,
    fresh: { sources: [], slos: [] },
    wrongSchema: '{"version":1,"savedAt":"2026-11-26T03:12:00.000Z","data":{"sources":{"am":"down"}}}',
  },
  {
    name: 'outbox journal (queued acknowledgements and silences)',
    file: OUTBOX_FILE_NAME,
    kind: 'journal',
    // Two actions queued while offline, as `enqueue` journals them, before any try (a try appends more lines).
    populate: async (dir) => {
      const journal = await JsonlJournal.open(path.join(dir, OUTBOX_FILE_NAME), OutboxEventSchema, () => undefined, { version: OUTBOX_RECORD_VERSION });
      for (const [id, comment] of [['a1', 'deploy window'], ['a2', 'disk swap']] as const) {
        journal.append({ type: 'enqueued', id, at: T0.toISOString(), target: 'am', action: silenceAction(comment), summary: 'Silence service="checkout" on am' });
      }
    },
    load: async (dir, onProblem) => {
      const outbox = await outboxIn(dir, onProblem);
      const held = outbox.list().map((action) => [action.action.kind === 'createSilence' ? action.action.comment : action.action.kind, action.target]);
      await outbox.stop();
      return held;
    },
    fresh: [],
    wrongSchema: '{"v":1,"type":"enqueued","id":7}\n{"type":"shipped"}\n',
  },
  {
    name: 'acknowledgements journal',
    file: ACKNOWLEDGEMENTS_FILE_NAME,
    kind: 'journal',
    populate: async (dir) => {
      const log = await AcknowledgementLog.open(dir, () => undefined);
      for (const ack of ACKS) log.record(ack);
    },
    load: async (dir, onProblem) => {
      const log = await AcknowledgementLog.open(dir, onProblem);
      return ACKS.flatMap((ack) => log.get(ack.fingerprint, ack.startsAt) ?? []);
    },
    fresh: [],
    wrongSchema: '{"v":1,"fingerprint":"fp-1","by":42}\n',
  },
  {
    name: 'runbook sessions journal',
    file: 'runbook-sessions.jsonl',
    kind: 'journal',
    populate: async (dir) => {
      let ids = 0;
      const store = await RunbookSessionStore.open(dir, () => undefined, { newId: () => `s${++ids}` });
      const { id } = store.start({ runbook: RUNBOOK, alert: makeAlert() }, T0);
      store.apply(id, { type: 'advance', stepId: 'fix' }, RUNBOOK, T0);
      store.apply(id, { type: 'note', stepId: 'fix', text: 'Rolled back.' }, RUNBOOK, T0);
    },
    load: async (dir, onProblem) => (await RunbookSessionStore.open(dir, onProblem)).list(),
    fresh: [],
    wrongSchema: '{"v":1,"id":"s1","runbookId":7}\n{"id":"s2","history":"none"}\n',
  },
  {
    name: 'incidents journal',
    file: 'incidents.jsonl',
    kind: 'journal',
    populate: async (dir) => {
      const store = await IncidentStore.open(dir, () => undefined, { newId: () => 'inc-1' });
      store.declare({ title: 'Checkout errors', severity: 'SEV2' }, { runbooks: [], checklistSessionId: null }, T0);
      store.addNote('inc-1', 'Rolled back.', true, T0);
    },
    load: async (dir, onProblem) => (await IncidentStore.open(dir, onProblem)).list(),
    fresh: [],
    wrongSchema: '{"v":1,"incident":{"id":"inc-1"},"added":"nothing","keys":[]}\n',
  },
];

type Damage = 'truncated' | 'empty' | 'binary' | 'wrong schema';

/** Not UTF-8, with NULs and line breaks: what a disk error or a stray binary leaves. */
const BINARY = Buffer.from(Array.from({ length: 300 }, (_, n) => (n * 73 + 11) % 256));

function damage(how: Damage, valid: Buffer, store: PersistedStore): Buffer {
  switch (how) {
    case 'truncated': {
      // Cut in the middle of the last line: the last record of a journal, the closing brace of a pretty-printed document.
      const body = valid.subarray(0, valid.length - 1);
      const lastLineStart = body.lastIndexOf(0x0a) + 1;
      return valid.subarray(0, lastLineStart + Math.floor((body.length - lastLineStart) / 2));
    }
    case 'empty':
      return Buffer.alloc(0);
    case 'binary':
      return BINARY;
    case 'wrong schema':
      return Buffer.from(store.wrongSchema);
  }
}

const CASES = STORES.flatMap((store) => (['truncated', 'empty', 'binary', 'wrong schema'] as const).map((how) => ({ store, how, name: store.name })));
const outcomes: string[] = [];

describe('store corruption', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'occ-corrupt-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`\nstore corruption outcomes:\n${outcomes.map((line) => `  ${line}`).join('\n')}\n`);
  });

  it.each(CASES)('$name, $how', async ({ store, how }) => {
    const dir = newDir();
    await store.populate(dir);
    const file = path.join(dir, store.file);
    const valid = readFileSync(file);
    const damaged = damage(how, valid, store);
    writeFileSync(file, damaged);

    const problems: string[] = [];
    const loaded = await store.load(dir, (message) => problems.push(message));
    const aside = readdirSync(dir).filter((name) => name.startsWith(`${store.file}.corrupt-`));

    if (store.kind === 'journal' && how === 'empty') {
      expect(loaded).toEqual(store.fresh);
      expect(problems).toEqual([]);
      expect(aside).toEqual([]);
      outcomes.push(`${store.name}, ${how}: an empty journal, nothing to keep`);
      return;
    }

    if (store.kind === 'journal' && how === 'truncated') {
      // Every complete record is kept: the same as the file without its last line.
      const withoutLastLine = newDir();
      writeFileSync(path.join(withoutLastLine, store.file), valid.subarray(0, valid.subarray(0, -1).lastIndexOf(0x0a) + 1));
      expect(loaded).toEqual(await store.load(withoutLastLine, () => undefined));
      expect(loaded).not.toEqual(store.fresh);
      expect(aside).toEqual([]);
      const torn = damaged.subarray(damaged.lastIndexOf(0x0a) + 1);
      expect(readFileSync(`${file}.rejected`, 'utf8')).toContain(`\n${torn.toString('utf8')}\n`);
      expect(Buffer.concat([readFileSync(file), torn]).equals(damaged)).toBe(true);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`${file} line `);
      expect(problems[0]).toContain(`kept it in ${file}.rejected`);
      outcomes.push(`${store.name}, ${how}: kept every complete record; torn line (${torn.length} bytes) in ${store.file}.rejected`);
      return;
    }

    expect(loaded).toEqual(store.fresh);
    expect(aside).toHaveLength(1);
    const asidePath = path.join(dir, aside[0]!);
    expect(readFileSync(asidePath).equals(damaged)).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(file);
    expect(problems[0]).toContain(`kept it as ${asidePath}`);
    const started = store.kind === 'journal' ? 'an empty journal' : 'defaults';
    outcomes.push(`${store.name}, ${how}: ${started}; ${damaged.length} bytes kept as ${aside[0]} — "${problems[0]!.replaceAll(dir, '<dir>')}"`);

    // Starting afresh is not a loop: the next open is quiet and keeps what is written now.
    await store.populate(dir);
    const again: string[] = [];
    expect(await store.load(dir, (message) => again.push(message))).not.toEqual(store.fresh);
    expect(again).toEqual([]);
    expect(readdirSync(dir).filter((name) => name.startsWith(`${store.file}.corrupt-`))).toEqual(aside);
  });
});
