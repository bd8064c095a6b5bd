import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/app/start-engine';
import { startTestHost } from '../helpers/engine-host';
import { useTempFolder } from '../helpers/temp-folder';

/** Damaged saved data is kept aside, and the user is told — not only the log. */
describe('storage problems reach the user', () => {
  const folder = useTempFolder('occ-storage-problems-');
  let host: EngineHost | undefined;

  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  it('names each damaged file and where it was kept, in the snapshot and as an event', async () => {
    const binary = Buffer.from(Array.from({ length: 64 }, (_, n) => (n * 37 + 5) % 256));
    await writeFile(path.join(folder.dir, 'settings.json'), binary);
    await mkdir(path.join(folder.dir, 'cache'), { recursive: true });
    await writeFile(path.join(folder.dir, 'cache', 'last-known-state.json'), '{"version":1,"data":{"sources":');
    await writeFile(path.join(folder.dir, 'outbox.jsonl'), binary);

    host = await startTestHost({ dir: folder.dir, config: 'sources: []\n' });
    const problems = host.engine.snapshot().storageProblems;
    console.log(`storage problems shown:\n  ${problems.map((problem) => problem.replaceAll(folder.dir, '<dir>')).join('\n  ')}`);
    for (const file of ['settings.json', path.join('cache', 'last-known-state.json'), 'outbox.jsonl']) {
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`${path.join(folder.dir, file).replaceAll('.', '\\.')}.*kept it as .*\\.corrupt-`)));
    }
    expect(problems).toHaveLength(3);

    const pushed: string[][] = [];
    host.engine.on('storageProblemsChanged', (list) => pushed.push(list));
    host.engine.reportStorageProblem('journal x line 3: not JSON; skipped it and kept it in x.rejected');
    expect(pushed.at(-1)).toHaveLength(4);
  });
});
