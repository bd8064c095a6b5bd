import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OnCallStatus } from '../../shared/model';
import { ShiftStart } from '../../electron/shift/shift-start';
import { useTempFolder } from '../helpers/temp-folder';

const status = (state: OnCallStatus['state'], basis: string | null = 'manual', until: string | null = null): OnCallStatus => ({ state, basis, until, nextShiftAt: null, who: [] });

describe('the shift start, kept across restarts', () => {
  const folder = useTempFolder('occ-shift-start-');
  let clock = Date.parse('2026-11-26T22:00:00Z');
  const now = () => new Date(clock);
  const file = () => path.join(folder.dir, 'shift.json');

  it('starts when the user goes on call, survives a restart, and ends off call', async () => {
    const first = new ShiftStart(file(), now);
    first.changed(status('unknown', null));
    first.changed(status('on-call'));
    expect(first.since?.toISOString()).toBe('2026-11-26T22:00:00.000Z');

    clock += 3_600_000;
    const second = new ShiftStart(file(), now);
    second.changed(status('unknown', null)); // the engine still finding out
    second.changed(status('on-call'));
    expect(second.since?.toISOString()).toBe('2026-11-26T22:00:00.000Z');

    second.changed(status('off-call'));
    expect(second.since).toBeNull();
    expect(JSON.parse(await readFile(file(), 'utf8'))).toBeNull();
    expect(new ShiftStart(file(), now).since).toBeNull();
  });

  it('does not guess a start from a schedule’s first answer after the start; a later turn on call counts', () => {
    const start = new ShiftStart(file(), now);
    start.changed(status('unknown', null));
    start.changed(status('on-call', 'pd', '2026-11-27T09:00:00Z'));
    expect(start.since).toBeNull();
    start.changed(status('off-call', 'pd'));
    clock += 60_000;
    start.changed(status('on-call', 'pd', '2026-11-28T09:00:00Z'));
    expect(start.since?.getTime()).toBe(clock);
  });

  it('forgets a start whose scheduled end has passed, and one that is not a shift record (said in the log)', async () => {
    await writeFile(file(), JSON.stringify({ v: 1, since: '2026-11-20T09:00:00Z', until: '2026-11-21T09:00:00Z' }));
    expect(new ShiftStart(file(), now).since).toBeNull();
    await writeFile(file(), '{"since": 3}');
    const logs: string[] = [];
    expect(new ShiftStart(file(), now, (message) => logs.push(message)).since).toBeNull();
    expect(logs).toEqual([expect.stringContaining(`${file()} is not a shift record`)]);
  });

  it('a known state turning unknown (following a schedule nobody has) ends the shift', () => {
    const start = new ShiftStart(undefined, now);
    start.changed(status('on-call'));
    expect(start.since).not.toBeNull();
    start.changed(status('unknown', null));
    expect(start.since).toBeNull();
  });
});
