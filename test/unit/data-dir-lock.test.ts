import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../electron/persistence/data-dir-lock';

describe('data folder lock', () => {
  it('lets one instance in, refuses a second with words, and frees the folder on release', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'occ-lock-'));
    const release = acquireDataDirLock(dir);
    // Another live process holding it: this test process's parent stands in for it.
    writeFileSync(path.join(dir, 'on-call-companion.lock'), `${process.ppid}\n`);
    expect(() => acquireDataDirLock(dir)).toThrow(`another On-Call Companion (process ${process.ppid}) is using the data folder ${dir}`);
    release();
    expect(existsSync(path.join(dir, 'on-call-companion.lock'))).toBe(false);
    acquireDataDirLock(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'occ-lock-'));
    writeFileSync(path.join(dir, 'on-call-companion.lock'), '2147483646\n');
    const release = acquireDataDirLock(dir);
    release();
  });
});
