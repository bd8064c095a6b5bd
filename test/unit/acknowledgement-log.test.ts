import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENTS_FILE_NAME, AcknowledgementLog, type LocalAcknowledgement } from '../../electron/actions/acknowledgement-log';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('occ-acks-');

const ack = (overrides: Partial<LocalAcknowledgement> = {}): LocalAcknowledgement => ({
  fingerprint: 'fp-1',
  startsAt: '2026-11-26T10:00:00.000Z',
  by: 'alice',
  comment: 'on it',
  at: '2026-11-26T10:05:00.000Z',
  actionId: 'act-1',
  ...overrides,
});

describe('AcknowledgementLog', () => {
  it('keeps acknowledgements per firing episode across a reopen, a later one replacing the earlier', async () => {
    const problems: string[] = [];
    const log = await AcknowledgementLog.open(folder.dir, (message) => problems.push(message));
    log.record(ack());
    log.record(ack({ startsAt: '2026-11-26T11:00:00.000Z', comment: 'again', actionId: null }));
    log.record(ack({ by: 'bob', comment: 'taking over', at: '2026-11-26T10:20:00.000Z' }));
    const lines = readFileSync(path.join(folder.dir, ACKNOWLEDGEMENTS_FILE_NAME), 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { v: number }).v)).toEqual([1, 1, 1]);

    const reopened = await AcknowledgementLog.open(folder.dir, (message) => problems.push(message));
    expect(reopened.get('fp-1', '2026-11-26T10:00:00.000Z')).toEqual(ack({ by: 'bob', comment: 'taking over', at: '2026-11-26T10:20:00.000Z' }));
    expect(reopened.get('fp-1', '2026-11-26T11:00:00.000Z')).toMatchObject({ comment: 'again', actionId: null });
    expect(reopened.get('fp-1', '2026-11-26T12:00:00.000Z')).toBeUndefined();
    expect(reopened.get('fp-2', '2026-11-26T10:00:00.000Z')).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('prunes old acknowledgements of episodes that stopped firing, and keeps the rest on disk', async () => {
    const now = new Date('2026-11-27T10:00:00.000Z');
    const log = await AcknowledgementLog.open(folder.dir, () => undefined, { now: () => now });
    log.record(ack({ fingerprint: 'resolved-old', at: '2026-11-26T08:00:00.000Z' }));
    log.record(ack({ fingerprint: 'firing-old', at: '2026-11-26T08:00:00.000Z' }));
    log.record(ack({ fingerprint: 'resolved-recent', at: '2026-11-27T09:30:00.000Z' }));
    const stillFiring = (fingerprint: string) => fingerprint === 'firing-old';
    expect(log.prune(stillFiring, 3_600_000)).toBe(1);
    expect(log.prune(stillFiring, 3_600_000)).toBe(0);

    const reopened = await AcknowledgementLog.open(folder.dir, () => undefined);
    const startsAt = '2026-11-26T10:00:00.000Z';
    expect(['resolved-old', 'firing-old', 'resolved-recent'].map((fingerprint) => reopened.get(fingerprint, startsAt) !== undefined)).toEqual([false, true, true]);
  });
});
