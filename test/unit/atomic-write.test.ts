import { chmod, chown, lstat, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../electron/persistence/atomic-write';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('atomic-write-');
const permissions = async (file: string): Promise<number> => (await stat(file)).mode & 0o7777;
const defaultMode = (): number => 0o666 & ~process.umask();

const writers = {
  async: writeFileAtomic,
  sync: (file: string, data: string, options?: { mode?: number }) => Promise.resolve(writeFileAtomicSync(file, data, options)),
};

describe.each(Object.entries(writers))('writeFileAtomic (%s)', (_name, write) => {
  it('keeps the mode of the file it replaces', async () => {
    const file = path.join(folder.dir, 'config.yaml');
    await writeFile(file, 'old: 1\n');
    await chmod(file, 0o600);
    await write(file, 'new: 2\n');
    expect(await readFile(file, 'utf8')).toBe('new: 2\n');
    expect(await permissions(file)).toBe(0o600);
  });

  it('keeps modes the umask would strip (group-writable)', async () => {
    const file = path.join(folder.dir, 'shared.yaml');
    await writeFile(file, 'old\n');
    await chmod(file, 0o664);
    await write(file, 'new\n');
    expect(await permissions(file)).toBe(0o664);
  });

  it('gives a new file the default mode, or the explicit one', async () => {
    const plain = path.join(folder.dir, 'plain.json');
    await write(plain, '{}');
    expect(await permissions(plain)).toBe(defaultMode());
    const secret = path.join(folder.dir, 'secret.json');
    await write(secret, '{}', { mode: 0o600 });
    expect(await permissions(secret)).toBe(0o600);
  });

  it('applies an explicit mode over the existing one', async () => {
    const file = path.join(folder.dir, 'secrets.json');
    await writeFile(file, '{}');
    await chmod(file, 0o644);
    await write(file, '{"a":1}', { mode: 0o600 });
    expect(await permissions(file)).toBe(0o600);
  });

  it('writes through a symlink: the link stays, its target gets the new text', async () => {
    const real = path.join(folder.dir, 'dotfiles', 'config.yaml');
    await folder.write('dotfiles/config.yaml', 'old: 1\n');
    await chmod(real, 0o600);
    const link = path.join(folder.dir, 'home', 'config.yaml');
    await folder.write('home/.keep', '');
    await symlink('../dotfiles/config.yaml', link);
    await write(link, 'new: 2\n');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('../dotfiles/config.yaml');
    expect(await readFile(real, 'utf8')).toBe('new: 2\n');
    expect(await permissions(real)).toBe(0o600);
  });

  it('creates the target of a dangling symlink and keeps the link', async () => {
    const link = path.join(folder.dir, 'config.yaml');
    await symlink('real.yaml', link);
    await write(link, 'fresh\n');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(folder.dir, 'real.yaml'), 'utf8')).toBe('fresh\n');
  });

  it.runIf(process.getuid?.() === 0)('keeps the owner when running as root', async () => {
    const file = path.join(folder.dir, 'owned.yaml');
    await writeFile(file, 'old\n');
    await chown(file, 1234, 2345);
    await write(file, 'new\n');
    const after = await stat(file);
    expect([after.uid, after.gid]).toEqual([1234, 2345]);
  });
});
