import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRunbookCatalog, watchRunbookCatalog } from '../../electron/runbooks/runbook-catalog';
import { MAX_RUNBOOK_BYTES } from '../../electron/runbooks/runbook-parser';

const runbook = (title: string, steps = ['Check', 'Fix', 'Verify']) =>
  `---\ntitle: ${title}\ntags: [test]\n---\nIntro.\n\n${steps.map((step) => `## ${step}\n\n- [ ] ${step} it\n`).join('\n')}`;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'runbook-catalog-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(relative: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
  await writeFile(path.join(dir, relative), text);
}

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
    const { documents, errors } = await loadRunbookCatalog(['runbooks'], dir);
    expect(errors).toEqual([]);
    expect(documents.map((document) => [document.id, document.file, document.title])).toEqual([
      ['a.md', path.join('runbooks', 'a.md'), 'A'],
      ['database/deep/er/replication-lag.MD', path.join('runbooks', 'database/deep/er/replication-lag.MD'), 'Replication lag'],
      ['database/disk-filling-up.md', path.join('runbooks', 'database/disk-filling-up.md'), 'Disk filling up'],
      ['web/high-error-rate.md', path.join('runbooks', 'web/high-error-rate.md'), 'High error rate'],
    ]);
    expect(documents[0]!.steps.map((step) => step.id)).toEqual(['check', 'fix', 'verify']);
  });

  it('reads single files (id = file name) and absolute paths, and a file named twice once', async () => {
    await write('runbooks/one.md', runbook('One'));
    await write('elsewhere/two.md', runbook('Two'));
    const { documents, errors } = await loadRunbookCatalog(['runbooks/', path.join(dir, 'runbooks/one.md'), 'elsewhere/two.md'], dir);
    expect(errors).toEqual([]);
    expect(documents.map((document) => [document.id, document.file])).toEqual([
      ['one.md', path.join('runbooks/', 'one.md')],
      ['two.md', 'elsewhere/two.md'],
    ]);
  });

  it('keeps ids unique when two folders hold the same relative path', async () => {
    await write('team-a/db.md', runbook('A db'));
    await write('team-b/db.md', runbook('B db'));
    const { documents } = await loadRunbookCatalog(['team-a', 'team-b'], dir);
    expect(documents.map((document) => document.id)).toEqual(['db.md', 'team-b/db.md']);
  });

  it('names a missing path and still loads the others', async () => {
    await write('runbooks/a.md', runbook('A'));
    const { documents, errors } = await loadRunbookCatalog(['missing/', 'runbooks', 'gone.md'], dir);
    expect(documents.map((document) => document.id)).toEqual(['a.md']);
    expect(errors).toEqual([`missing/: not found (looked for ${path.join(dir, 'missing')})`, `gone.md: not found (looked for ${path.join(dir, 'gone.md')})`]);
  });

  it('lists a runbook with bad front matter with its error, beside the good ones', async () => {
    await write('runbooks/bad.md', '---\ntitle: Bad\nalerts: service=~"("\n---\n## Step\n');
    await write('runbooks/good.md', runbook('Good'));
    const { documents, errors } = await loadRunbookCatalog(['runbooks'], dir);
    expect(errors).toEqual([]);
    expect(documents.map((document) => [document.id, document.error])).toEqual([
      ['bad.md', expect.stringMatching(/^runbooks\/bad\.md: line 3: alerts: invalid regular expression/)],
      ['good.md', null],
    ]);
    expect(documents[0]!.steps.map((step) => step.id)).toEqual(['step']);
  });

  it('reads no more than the size limit of a huge file and lists it with an error', async () => {
    await write('runbooks/huge.md', `---\ntitle: Huge\n---\n## Step\n${'x'.repeat(MAX_RUNBOOK_BYTES * 2)}\n`);
    const { documents } = await loadRunbookCatalog(['runbooks'], dir);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ id: 'huge.md', title: 'Huge', steps: [], error: expect.stringMatching(/larger than 1 MB/) });
  });

  it('follows symbolic links without looping', async () => {
    await write('real/linked.md', runbook('Linked'));
    await mkdir(path.join(dir, 'runbooks'));
    await symlink(path.join(dir, 'real'), path.join(dir, 'runbooks', 'shared'));
    await symlink(path.join(dir, 'runbooks'), path.join(dir, 'runbooks', 'loop'));
    await symlink(path.join(dir, 'nowhere.md'), path.join(dir, 'runbooks', 'dangling.md'));
    const { documents, errors } = await loadRunbookCatalog(['runbooks'], dir);
    expect(errors).toEqual([]);
    expect(documents.map((document) => document.id)).toEqual(['shared/linked.md']);
  });
});

describe('watchRunbookCatalog', () => {
  const INTERVAL = 25;
  let stop: (() => void) | undefined;
  let calls = 0;
  let waiters: Array<() => void> = [];

  afterEach(() => {
    stop?.();
    stop = undefined;
  });

  function start(paths: string[], interval = INTERVAL): void {
    calls = 0;
    waiters = [];
    stop = watchRunbookCatalog(
      paths,
      dir,
      () => {
        calls++;
        for (const resolve of waiters.splice(0)) resolve();
      },
      interval,
    );
  }

  /** Resolves on the next onChange; fails the test if none comes within `ms`. */
  function nextChange(ms = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change reported')), ms);
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The first poll takes the baseline asynchronously: let it settle before changing anything. */
  const settle = (interval = INTERVAL) => new Promise((resolve) => setTimeout(resolve, interval * 4));

  it('fires when a runbook in any sub-folder is edited, added or removed', async () => {
    await write('runbooks/web/a.md', runbook('A'));
    start(['runbooks']);
    await settle();
    expect(calls).toBe(0);

    let change = nextChange();
    await write('runbooks/web/a.md', runbook('A edited'));
    await change;

    change = nextChange();
    await write('runbooks/db/deep/b.md', runbook('B'));
    await change;
    await settle();

    change = nextChange();
    await write('runbooks/db/deep/b.md', runbook('B edited'));
    await change;

    change = nextChange();
    await unlink(path.join(dir, 'runbooks/web/a.md'));
    await change;

    change = nextChange();
    await rm(path.join(dir, 'runbooks/db'), { recursive: true });
    await change;
  });

  it('fires for a named file and when a missing path appears; ignores other files and hidden folders', async () => {
    await write('one.md', runbook('One'));
    start(['one.md', 'later/']);
    await settle();

    let change = nextChange();
    await write('one.md', runbook('One edited'));
    await change;
    await settle();
    const before = calls;

    await mkdir(path.join(dir, 'later'));
    change = nextChange();
    await change;
    expect(calls).toBe(before + 1);
    await settle();

    await write('later/notes.txt', 'ignored');
    await write('later/.git/x.md', runbook('hidden'));
    await write('later/node_modules/y.md', runbook('dependency'));
    await settle();
    await settle();
    expect(calls).toBe(before + 1);

    change = nextChange();
    await write('later/x.md', runbook('X'));
    await change;
  });

  it('reports changes that come together once', async () => {
    await write('runbooks/a.md', runbook('A'));
    await write('runbooks/b.md', runbook('B'));
    start(['runbooks'], 60);
    await settle(60);
    const change = nextChange();
    await write('runbooks/a.md', runbook('A edited'));
    await write('runbooks/b.md', runbook('B edited'));
    await write('runbooks/c/c.md', runbook('C'));
    await change;
    await settle(60);
    expect(calls).toBe(1);
  });

  it('stops: nothing fires after the stop function', async () => {
    await write('runbooks/a.md', runbook('A'));
    start(['runbooks']);
    await settle();
    stop?.();
    stop?.(); // twice is harmless
    await write('runbooks/a.md', runbook('A edited'));
    await write('runbooks/b.md', runbook('B'));
    await settle();
    await settle();
    expect(calls).toBe(0);
  });
});
