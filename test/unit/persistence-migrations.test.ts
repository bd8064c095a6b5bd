import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserSettings } from '../../electron/engine/settings';
import { IncidentStore } from '../../electron/incidents/incident-store';
import { defaultAuthorName } from '../../electron/persistence/settings-document';
import { createConfSettingsStore } from '../../electron/persistence/settings-store';
import { RunbookSessionStore } from '../../electron/runbooks/runbook-sessions';
import { useTempFolder } from '../helpers/temp-folder';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/persisted');

interface OlderFormat {
  /** `<store>/v<N>` under test/fixtures/persisted. */
  fixture: string;
  /** Opens the store on a copy of the fixture and checks what it loaded and what it writes now. */
  check(dir: string, problems: string[]): Promise<void>;
}

const expectedOf = (fixture: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, fixture, 'expected.json'), 'utf8'));
const linesOf = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean);

const OLDER_FORMATS: OlderFormat[] = [
  {
    fixture: 'settings/v1',
    check: async (dir, problems) => {
      const settings = new UserSettings(createConfSettingsStore(dir, (message) => problems.push(message)));
      expect(settings.preferences).toEqual({ theme: 'light', groupBy: 'service', author: defaultAuthorName() });
      expect(settings.pausedUntil).toBe('2026-11-26T04:00:00.000Z');
      expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({
        schemaVersion: 2,
        preferences: { theme: 'light', groupBy: 'service', author: defaultAuthorName() },
        notificationsPausedUntil: '2026-11-26T04:00:00.000Z',
      });
    },
  },
  {
    fixture: 'runbook-sessions/v1',
    check: async (dir, problems) => {
      const onProblem = (message: string) => problems.push(message);
      const store = await RunbookSessionStore.open(dir, onProblem);
      expect(store.list()).toEqual(expectedOf('runbook-sessions/v1'));
      // New records carry the version; the old ones read the same next to them.
      const runbook = { id: 'app/high-error-rate.md', title: 'High error rate', steps: [{ id: 'verify', title: 'Verify', markdown: '', checks: [], commands: [], choices: [] }] };
      store.apply('s2', { type: 'note', stepId: 'verify', text: 'later' }, runbook as never, new Date('2026-11-27T00:00:00.000Z'));
      const file = path.join(dir, 'runbook-sessions.jsonl');
      expect(linesOf(file).at(-1)).toMatch(/^\{"v":1,"id":"s2",/);
      const reopened = await RunbookSessionStore.open(dir, onProblem);
      expect(reopened.get('s1')).toEqual((expectedOf('runbook-sessions/v1') as Array<{ id: string }>).find((session) => session.id === 's1'));
      expect(reopened.get('s2')?.notes).toEqual({ verify: 'later' });
    },
  },
  {
    fixture: 'incidents/v1',
    check: async (dir, problems) => {
      const onProblem = (message: string) => problems.push(message);
      const store = await IncidentStore.open(dir, onProblem);
      expect(store.list()).toEqual(expectedOf('incidents/v1'));
      store.addNote('inc-2', 'Still nothing.', false, new Date('2026-11-27T00:00:00.000Z'));
      expect(linesOf(path.join(dir, 'incidents.jsonl')).at(-1)).toMatch(/^\{"v":1,"incident":\{"id":"inc-2",/);
      const reopened = await IncidentStore.open(dir, onProblem);
      expect(reopened.get('inc-1')).toEqual((expectedOf('incidents/v1') as Array<{ id: string }>).find((incident) => incident.id === 'inc-1'));
      expect(reopened.get('inc-2')?.timeline.at(-1)?.text).toBe('Still nothing.');
    },
  },
];

describe('persisted files of older versions load into the current version', () => {
  const folder = useTempFolder('occ-older-');

  it.each(OLDER_FORMATS)('$fixture', async ({ fixture, check }) => {
    for (const name of readdirSync(path.join(FIXTURES, fixture))) {
      if (name !== 'expected.json') cpSync(path.join(FIXTURES, fixture, name), path.join(folder.dir, name));
    }
    const problems: string[] = [];
    await check(folder.dir, problems);
    expect(problems).toEqual([]);
    // Nothing was moved aside or rejected.
    expect(readdirSync(folder.dir).filter((name) => /\.(corrupt-.*|rejected)$/.test(name))).toEqual([]);
  });

  it('has a test for every fixture folder', () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((store) => readdirSync(path.join(FIXTURES, store.name)).map((version) => `${store.name}/${version}`));
    expect(folders.sort()).toEqual(OLDER_FORMATS.map((format) => format.fixture).sort());
  });
});
