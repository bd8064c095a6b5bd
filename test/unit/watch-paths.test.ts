import { chmod, mkdir, rm, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfiguredFiles, watchConfiguredFiles, type FileSelection } from '../../electron/files/watch-paths';
import { useTempFolder } from '../helpers/temp-folder';
import { useWatcherProbe } from '../helpers/watcher';

const TEXT_FILES: FileSelection = { include: (name) => name.endsWith('.txt'), recursive: true };
const TOP_LEVEL_TEXT_FILES: FileSelection = { ...TEXT_FILES, recursive: false };

const folder = useTempFolder('watch-paths-');
const write = (relative: string, text = 'text'): Promise<void> => folder.write(relative, text);

describe('resolveConfiguredFiles', () => {
  it('lists folders (sorted, skipping dot-folders and node_modules) and files, relative to the base folder', async () => {
    await write('notes/b.txt');
    await write('notes/a/deep/c.txt');
    await write('notes/a.txt');
    await write('notes/other.md');
    await write('notes/.git/hidden.txt');
    await write('notes/node_modules/dependency.txt');
    await write('single/one.txt');
    const { files, errors } = await resolveConfiguredFiles(['notes', 'single/one.txt'], folder.dir, TEXT_FILES);
    expect(errors).toEqual([]);
    expect(files).toEqual([
      { relative: path.join('a', 'deep', 'c.txt'), file: path.join('notes', 'a', 'deep', 'c.txt'), absolute: path.join(folder.dir, 'notes/a/deep/c.txt') },
      { relative: 'a.txt', file: path.join('notes', 'a.txt'), absolute: path.join(folder.dir, 'notes/a.txt') },
      { relative: 'b.txt', file: path.join('notes', 'b.txt'), absolute: path.join(folder.dir, 'notes/b.txt') },
      { relative: 'one.txt', file: 'single/one.txt', absolute: path.join(folder.dir, 'single/one.txt') },
    ]);
  });

  it('reads only the top level when not recursive', async () => {
    await write('notes/a.txt');
    await write('notes/sub/b.txt');
    const { files } = await resolveConfiguredFiles(['notes'], folder.dir, TOP_LEVEL_TEXT_FILES);
    expect(files.map((file) => file.relative)).toEqual(['a.txt']);
  });

  it('accepts absolute paths and lists a file named twice once, where first named', async () => {
    await write('notes/a.txt');
    const { files, errors } = await resolveConfiguredFiles([path.join(folder.dir, 'notes'), path.join(folder.dir, 'notes', 'a.txt')], '/somewhere/else', TEXT_FILES);
    expect(errors).toEqual([]);
    expect(files).toEqual([{ relative: 'a.txt', file: path.join(folder.dir, 'notes', 'a.txt'), absolute: path.join(folder.dir, 'notes', 'a.txt') }]);
  });

  it('names each missing path as written and still lists the others', async () => {
    await write('notes/a.txt');
    const { files, errors } = await resolveConfiguredFiles(['missing/', 'notes', './gone.txt'], folder.dir, TEXT_FILES);
    expect(files.map((file) => file.file)).toEqual([path.join('notes', 'a.txt')]);
    expect(errors).toEqual([`missing/: not found (looked for ${path.join(folder.dir, 'missing')})`, `./gone.txt: not found (looked for ${path.join(folder.dir, 'gone.txt')})`]);
  });

  it('follows symbolic links within the folder without looping, and skips dangling ones', async () => {
    await write('notes/real/linked.txt');
    await symlink(path.join(folder.dir, 'notes', 'real'), path.join(folder.dir, 'notes', 'shared'));
    await symlink(path.join(folder.dir, 'notes'), path.join(folder.dir, 'notes', 'loop'));
    await symlink(path.join(folder.dir, 'nowhere.txt'), path.join(folder.dir, 'notes', 'dangling.txt'));
    const { files, errors } = await resolveConfiguredFiles(['notes'], folder.dir, TEXT_FILES);
    expect(errors).toEqual([]);
    // One folder reached two ways is read once.
    expect(files).toHaveLength(1);
    expect(files[0]!.relative.endsWith('linked.txt')).toBe(true);
  });

  it('never follows a link out of the folder (an untrusted repo linking to ~/.aws/credentials)', async () => {
    await write('secrets/credentials.txt');
    await write('notes/a.txt');
    await symlink(path.join(folder.dir, 'secrets', 'credentials.txt'), path.join(folder.dir, 'notes', 'creds.txt'));
    await symlink(path.join(folder.dir, 'secrets'), path.join(folder.dir, 'notes', 'more'));
    const { files, errors } = await resolveConfiguredFiles(['notes'], folder.dir, TEXT_FILES);
    expect(files.map((file) => file.relative)).toEqual(['a.txt']);
    expect(errors).toHaveLength(2);
    expect(errors.join('\n')).toContain(`links to ${path.join(folder.dir, 'secrets', 'credentials.txt')}, outside`);
  });

  // Root reads any folder, whatever its mode.
  it.skipIf(process.getuid?.() === 0)('names an unreadable sub-folder and still lists the rest', async () => {
    await write('notes/a.txt');
    await write('notes/locked/b.txt');
    await chmod(path.join(folder.dir, 'notes/locked'), 0o000);
    try {
      const { files, errors } = await resolveConfiguredFiles(['notes'], folder.dir, TEXT_FILES);
      expect(files.map((file) => file.relative)).toEqual(['a.txt']);
      expect(errors).toEqual([`${path.join('notes', 'locked')}: permission denied (${path.join(folder.dir, 'notes', 'locked')})`]);
    } finally {
      await chmod(path.join(folder.dir, 'notes/locked'), 0o755);
    }
  });
});

describe('watchConfiguredFiles', () => {
  const watcher = useWatcherProbe();
  const watch = (paths: string[], selection = TEXT_FILES) => (onChange: () => void, intervalMs: number) =>
    watchConfiguredFiles(paths, folder.dir, { ...selection, intervalMs }, onChange);

  it('fires when a file in a watched folder or any sub-folder is edited, added or removed', async () => {
    await write('notes/a.txt');
    await watcher.start(watch(['notes']));
    expect(watcher.calls).toBe(0);
    await watcher.expectChange(() => write('notes/a.txt', 'edited'));
    await watcher.expectChange(() => write('notes/deep/er/b.txt'));
    await watcher.settle();
    // The added file is watched too.
    await watcher.expectChange(() => write('notes/deep/er/b.txt', 'edited'));
    await watcher.expectChange(() => unlink(path.join(folder.dir, 'notes/a.txt')));
    await watcher.expectChange(() => rm(path.join(folder.dir, 'notes/deep'), { recursive: true }));
  });

  it('fires when a named file is edited, and when a missing path appears and then fills', async () => {
    await write('one.txt');
    await watcher.start(watch(['one.txt', 'later/']));
    await watcher.expectChange(() => write('one.txt', 'edited'));
    await watcher.expectChange(() => mkdir(path.join(folder.dir, 'later')));
    await watcher.settle();
    await watcher.expectChange(() => write('later/x.txt'));
    expect(watcher.calls).toBe(3);
  });

  it('ignores files the selection leaves out, dot-folders and node_modules', async () => {
    await write('notes/a.txt');
    await watcher.start(watch(['notes']));
    await watcher.expectNoChange(() => Promise.all([write('notes/other.md'), write('notes/.git/hidden.txt'), write('notes/node_modules/dependency.txt')]));
  });

  it('ignores sub-folders when not recursive', async () => {
    await write('notes/a.txt');
    await watcher.start(watch(['notes'], TOP_LEVEL_TEXT_FILES));
    await watcher.expectNoChange(() => write('notes/sub/b.txt'));
  });

  it('reports changes that come together once', async () => {
    await write('notes/a.txt');
    await write('notes/b.txt');
    await watcher.start(watch(['notes']), 60);
    await watcher.expectChange(async () => {
      await write('notes/a.txt', 'edited');
      await write('notes/b.txt', 'edited');
      await write('notes/c/c.txt');
    });
    await watcher.settle();
    expect(watcher.calls).toBe(1);
  });

  it('stops: nothing fires after the stop function, which may be called twice', async () => {
    await write('notes/a.txt');
    await watcher.start(watch(['notes']));
    watcher.stop();
    watcher.stop();
    await watcher.expectNoChange(() => Promise.all([write('notes/a.txt', 'edited'), write('notes/b.txt')]));
  });
});
