/**
 * Writes alert episodes to a history in a loop until it is killed; after each committed batch it
 * prints `committed <fingerprint> …`. Run by alert-history-crash.test.ts:
 *
 *   node --import tsx test/integration/alert-history-crash-child.ts <file> <prefix>
 */
import { openAlertHistory } from '../../electron/history/alert-history';
import type { Alert } from '../../shared/model';
import { makeAlert } from '../helpers/alerts';

const [file, prefix] = process.argv.slice(2);
if (!file || !prefix) throw new Error('usage: alert-history-crash-child.ts <history file> <fingerprint prefix>');

const BATCH = 200;
const store = await openAlertHistory({ file, retention: { maxAgeMs: 365 * 86_400_000, maxEpisodes: 1_000_000 }, log: (message) => process.stderr.write(`${message}\n`) });
let previous: Alert[] = [];
for (let batch = 0; ; batch++) {
  const at = new Date();
  const alerts = Array.from({ length: BATCH }, (_, i) =>
    makeAlert({ fingerprint: `${prefix}-${batch}-${i}`, name: 'CrashLoop', labels: { alertname: 'CrashLoop', batch: String(batch) }, startsAt: at.toISOString() }),
  );
  store.record(alerts.map((after) => ({ before: undefined, after })), at);
  // Half of the previous batch ends, so that commits also update rows and the full-text index.
  store.record(previous.slice(0, BATCH / 2).map((before) => ({ before, after: undefined })), at);
  previous = alerts;
  // A read answers only after every earlier write is committed.
  await store.search({ query: '', resolvedOnly: false, limit: 1 });
  process.stdout.write(`committed ${alerts.map((a) => a.fingerprint).join(' ')}\n`);
}
