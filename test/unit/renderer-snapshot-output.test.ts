import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { checkCommandOutput } from '../../renderer/src/api/api-result';
import { SnapshotSchema, type Snapshot } from '../../shared/model';
import { makeAlert } from '../helpers/alerts';
import { startTestEngine, testConfig } from '../helpers/engine-harness';

describe("the dashboard's check of a snapshot", () => {
  let engine: Engine | undefined;
  afterEach(() => engine?.stop());

  /** A real engine's snapshot, with these alerts. */
  function snapshotWith(alerts: unknown[]): Snapshot {
    engine = startTestEngine(testConfig([]));
    return { ...engine.snapshot(), alerts } as Snapshot;
  }

  it('accepts what the full schema accepts, keeping each alert as it came', () => {
    const alerts = [makeAlert({ fingerprint: 'a' }), makeAlert({ fingerprint: 'b', acknowledgement: { by: 'ana', at: '2026-11-26T03:00:00.000Z', comment: '', delivery: 'local', silenceId: null, expiresAt: null }, generatorURL: 'http://prometheus/graph' })];
    const snapshot = snapshotWith(alerts);
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
    const checked = checkCommandOutput('getSnapshot', snapshot);
    expect(checked.alerts[0]).toBe(alerts[0]);
    expect(checked.alerts[1]).toBe(alerts[1]);
  });

  it.each([
    ['without a fingerprint', { fingerprint: undefined }],
    ['with a label that is not text', { labels: { alertname: 'X', replicas: 3 } }],
    ['with annotations that are a list', { annotations: ['summary'] }],
    ['of an unknown severity', { severity: 'catastrophic' }],
    ['in an unknown state', { state: 'burning' }],
    ['without `stale`', { stale: undefined }],
    ['with sources that are not names', { sources: [{ name: 'am' }] }],
    ['with an acknowledgement that is text', { acknowledgement: 'ana' }],
  ])('refuses an alert %s, naming where it is', (_what, change) => {
    const snapshot = snapshotWith([makeAlert({ fingerprint: 'a' }), { ...makeAlert({ fingerprint: 'b' }), ...change }]);
    expect(() => checkCommandOutput('getSnapshot', snapshot)).toThrow(/^getSnapshot: malformed result: alerts\.1: expected an alert/);
  });

  it('still checks the rest of the snapshot in full', () => {
    const snapshot = snapshotWith([makeAlert()]);
    expect(() => checkCommandOutput('getSnapshot', { ...snapshot, sources: [{ name: 'am' }] })).toThrow(/^getSnapshot: malformed result: sources\.0\./);
    expect(() => checkCommandOutput('getSnapshot', { ...snapshot, revision: 1.5 })).toThrow(/revision/);
  });
});
