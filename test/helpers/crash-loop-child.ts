/**
 * A child engine for the crash-loop test: the whole engine as the app wires it, on a data folder
 * given by the parent, polling a real Alertmanager while it queues actions as fast as a person
 * never could. It prints a line after each action is durably queued, so the parent knows what
 * must survive a SIGKILL. `drain` mode queues nothing and exits once the outbox is empty.
 *
 *   node --import tsx test/helpers/crash-loop-child.ts <dataDir> <run> <queue|drain>
 */
import { startTestHost } from './engine-host';

const [dir, run, mode] = process.argv.slice(2) as [string, string, 'queue' | 'drain'];

// The state cache is saved within 50 ms of a change, so kills land in its writes too.
const host = await startTestHost({
  dir,
  config: process.env.CRASH_LOOP_CONFIG!,
  log: (message) => process.stderr.write(`${message}\n`),
  stateCacheDelays: { alertsMs: 50, healthMs: 100 },
});
// What the stores gave back at start: queued actions, and alerts restored from the state cache.
process.stdout.write(`READY ${host.engine.snapshot().actions.length} ${host.engine.alerts().length}\n`);

if (mode === 'drain') {
  const timer = setInterval(() => {
    const open = host.engine.snapshot().actions.filter((action) => action.state === 'queued' || action.state === 'sending');
    if (open.length > 0) return;
    clearInterval(timer);
    void host.stop().then(() => {
      process.stdout.write('DRAINED\n');
      process.exit(0);
    });
  }, 100);
} else {
  let count = 0;
  setInterval(() => {
    count++;
    const comment = `crash loop run ${run} action ${count}`;
    const alert = host.engine.alerts()[0];
    if (count % 2 === 0 && alert) {
      host.actions.acknowledge(alert.fingerprint, comment);
    } else {
      host.actions.createSilence({
        source: 'am',
        matchers: [{ name: 'crash', value: `run-${run}`, isRegex: false, isEqual: true }],
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        comment,
        createdBy: 'crash-loop',
      });
    }
    process.stdout.write(`QUEUED ${comment}\n`);
  }, 40);
}
