import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunbookCatalog, watchRunbookCatalog } from '../../electron/runbooks/runbook-catalog';
import { MAX_RUNBOOK_BYTES } from '../../electron/runbooks/runbook-parser';
import { useTempFolder } from '../helpers/temp-folder';
import { useWatcherProbe } from '../helpers/watcher';

const runbook = (title: string, steps = ['Check', 'Fix', 'Verify']) =>
  `---\ntitle: ${title}\ntags: [test]\n---\nIntro.\n\n${steps.map((step) => `## ${step}\n\n- [ ] ${step} it\n`).join('\n')}`;

const folder = useTempFolder('runbook-catalog-');
const { write } = folder;

describe('loadRunbookCatalog', () => {
  it('reads folders recursively, sorted, skipping dot-folders, node_modules and other files', async () => {
    await write('runbooks/web/high-error-rate.md', runbook('High error rate'));
    await write('runbooks/database/disk-filling-up.md', runbook('Disk filling up'));
    await write('runbooks/database/deep/er/replication-lag.MD', runbook('Replication lag'));
    await write('runbooks/a.md', runbook('A'));
    await write('runbooks/notes.txt', 'not a runbook');
    await write('runbooks/.git/HEAD.md', runbook('hidden'));
    await write('runbooks/.drafts/draft.md', runbook('draft'));
    await write('runbooks/node_modules/pkg/README.md', runbook('dependency'));
    const { entries, errors } = await loadRunbookCatalog(['runbooks'], folder.dir);
    expect(errors).toEqual([]);
    expect(entries.map(({ summary }) => [summary.id, summary.file, summary.title])).toEqual([
      ['a.md', path.join('runbooks', 'a.md'), 'A'],
      ['database/deep/er/replication-lag.MD', path.join('runbooks', 'database/deep/er/replication-lag.MD'), 'Replication lag'],
      ['database/disk-filling-up.md', path.join('runbooks', 'database/disk-filling-up.md'), 'Disk filling up'],
      ['web/high-error-rate.md', path.join('runbooks', 'web/high-error-rate.md'), 'High error rate'],
    ]);
    expect(entries[0]!.details().steps.map((step) => step.id)).toEqual(['check', 'fix', 'verify']);
  });

  it('keeps the sorted order while reading many files at once, each listed cheaply and opened in full', async () => {
    const names = Array.from({ length: 40 }, (_, n) => `rb-${String(n).padStart(2, '0')}.md`);
    for (const [n, name] of names.entries()) await write(`runbooks/${name}`, runbook(`Runbook ${n}`, [`Step ${n}`]));
    const { entries, errors } = await loadRunbookCatalog(['runbooks'], folder.dir);
    expect(errors).toEqual([]);
    expect(entries.map(({ summary }) => summary.id)).toEqual(names);
    expect(entries.map(({ summary }) => summary.title)).toEqual(names.map((_, n) => `Runbook ${n}`));
    expect(entries[7]!.searchText).toContain('## Step 7');
    expect(entries[7]!.details().steps.map((step) => step.title)).toEqual(['Step 7']);
  });

  it('reads single files (id = file name) and absolute paths, and a file named twice once', async () => {
    await write('runbooks/one.md', runbook('One'));
    await write('elsewhere/two.md', runbook('Two'));
    const { entries, errors } = await loadRunbookCatalog(['runbooks/', path.join(folder.dir, 'runbooks/one.md'), 'elsewhere/two.md'], folder.dir);
    expect(errors).toEqual([]);
    expect(entries.map(({ summary }) => [summary.id, summary.file])).toEqual([
      ['one.md', path.join('runbooks/', 'one.md')],
      ['two.md', 'elsewhere/two.md'],
    ]);
  });

  it('keeps ids unique when two folders hold the same relative path', async () => {
    await write('team-a/db.md', runbook('A db'));
    await write('team-b/db.md', runbook('B db'));
    const { entries } = await loadRunbookCatalog(['team-a', 'team-b'], folder.dir);
    expect(entries.map(({ summary }) => summary.id)).toEqual(['db.md', 'team-b/db.md']);
  });

  it('names a missing path and still loads the others', async () => {
    await write('runbooks/a.md', runbook('A'));
    const { entries, errors } = await loadRunbookCatalog(['missing/', 'runbooks', 'gone.md'], folder.dir);
    expect(entries.map(({ summary }) => summary.id)).toEqual(['a.md']);
    expect(errors).toEqual([`missing/: not found (looked for ${path.join(folder.dir, 'missing')})`, `gone.md: not found (looked for ${path.join(folder.dir, 'gone.md')})`]);
  });

  it('lists a runbook with bad front matter with its error, beside the good ones', async () => {
    await write('runbooks/bad.md', '---\ntitle: Bad\nalerts: service=~"("\n---\n## Step\n');
    await write('runbooks/good.md', runbook('Good'));
    const { entries, errors } = await loadRunbookCatalog(['runbooks'], folder.dir);
    expect(errors).toEqual([]);
    expect(entries.map(({ summary }) => [summary.id, summary.error])).toEqual([
      ['bad.md', expect.stringMatching(/^runbooks\/bad\.md: line 3: alerts: invalid regular expression/)],
      ['good.md', null],
    ]);
    expect(entries[0]!.details().steps.map((step) => step.id)).toEqual(['step']);
  });

  it('reads no more than the size limit of a huge file and lists it with an error', async () => {
    await write('runbooks/huge.md', `---\ntitle: Huge\n---\n## Step\n${'x'.repeat(MAX_RUNBOOK_BYTES * 2)}\n`);
    const { entries } = await loadRunbookCatalog(['runbooks'], folder.dir);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details()).toMatchObject({ id: 'huge.md', title: 'Huge', steps: [], error: expect.stringMatching(/larger than 1 MB/) });
  });

  it('follows symbolic links inside the folder without looping, and refuses links out of it', async () => {
    await write('runbooks/team/linked.md', runbook('Linked'));
    await write('secrets/token.md', runbook('Secret'));
    await symlink(path.join(folder.dir, 'runbooks', 'team'), path.join(folder.dir, 'runbooks', 'shared'));
    await symlink(path.join(folder.dir, 'runbooks'), path.join(folder.dir, 'runbooks', 'loop'));
    await symlink(path.join(folder.dir, 'nowhere.md'), path.join(folder.dir, 'runbooks', 'dangling.md'));
    await symlink(path.join(folder.dir, 'secrets', 'token.md'), path.join(folder.dir, 'runbooks', 'token.md'));
    const { entries, errors } = await loadRunbookCatalog(['runbooks'], folder.dir);
    expect(entries.map(({ summary }) => summary.title)).toEqual(['Linked']);
    expect(errors).toEqual([expect.stringMatching(/^runbooks\/token\.md: .*outside .*; not read/)]);
  });
});

describe('watchRunbookCatalog', () => {
  const watcher = useWatcherProbe();

  // Editing, adding, removing, debouncing and stopping are the shared watcher's (watch-paths.test.ts).
  it('watches the *.md files in any sub-folder of the named folders, not hidden ones, relative to the base folder', async () => {
    await write('runbooks/web/a.md', runbook('A'));
    await watcher.start((onChange, intervalMs) => watchRunbookCatalog(['runbooks'], folder.dir, onChange, intervalMs));
    const ignored = ['runbooks/notes.txt', 'runbooks/.draft.md', 'runbooks/.git/x.md', 'runbooks/node_modules/y.md'];
    await watcher.expectNoChange(() => Promise.all(ignored.map((file) => write(file, runbook('ignored')))));
    await watcher.expectChange(() => write('runbooks/web/a.md', runbook('A edited')));
    await watcher.expectChange(() => write('runbooks/db/deep/b.md', runbook('B')));
  });
});
