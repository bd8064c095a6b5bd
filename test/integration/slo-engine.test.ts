import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { SloMonitor } from '../../electron/slo/slo-monitor';
import { providerChooser } from '../../electron/slo/slo-service';
import { trayModel } from '../../electron/tray/tray-model';
import { fastSource, recordingNotifier, startTestEngine, testConfig } from '../helpers/engine-harness';
import { startPrometheus, type RunningPrometheus } from '../helpers/servers';
import { makeSloDefinition } from '../helpers/slo-definitions';
import { SELECTORS, generateSloHistory } from '../helpers/slo-history';

/** SLOs through the engine: a page turns the tray critical and notifies once; a dead Prometheus leaves stale values. */
describe('SLO evaluation in the engine against real Prometheus', () => {
  let prom: RunningPrometheus;
  let engine: Engine;
  let monitor: SloMonitor;
  const notifier = recordingNotifier();

  beforeAll(async () => {
    prom = await startPrometheus({ openMetrics: generateSloHistory().openMetrics });
    const config = testConfig([fastSource('prometheus', 'prom', prom.url, { interval: 60_000 })]);
    engine = startTestEngine(config, notifier);
    monitor = new SloMonitor({ providerFor: providerChooser(config.sources), timeoutMs: 3_000 });
    monitor.on('changed', (set) => engine.setSlos(set));
    monitor.setDefinitions([makeSloDefinition({ indicator: { kind: 'ratio', good: SELECTORS.ok, total: SELECTORS.requests } })], []);
  });

  afterAll(async () => {
    engine?.stop();
    await prom?.stop();
  });

  it('a paging SLO turns the tray critical and raises one notification, not one per evaluation', async () => {
    await monitor.evaluateAll();
    await monitor.evaluateAll();
    const [slo] = engine.slos().slos;
    expect(slo).toMatchObject({ status: 'page', stale: false, source: 'prom' });
    const sloNotifications = notifier.shown.filter((text) => text.title.startsWith('SLO burning'));
    expect(sloNotifications).toEqual([expect.objectContaining({ title: 'SLO burning · API availability', urgency: 'critical' })]);
    const tray = trayModel({ alerts: [], sources: engine.sources(), notifications: engine.notificationSettings(), slos: engine.slos().slos, now: new Date() });
    expect(tray.state).toBe('critical');
    expect(tray.tooltip).toContain('1 SLO paging');
  });

  it('keeps the last values, marked stale with the error, while Prometheus is down', async () => {
    const before = engine.slos().slos[0]!;
    await prom.kill();
    await monitor.evaluateAll();
    const after = engine.slos().slos[0]!;
    expect(after).toMatchObject({ stale: true, status: 'page', sli: before.sli, evaluatedAt: before.evaluatedAt });
    expect(after.error).toMatch(/connection refused at 127\.0\.0\.1:\d+/);
    await prom.restart();
    await monitor.evaluateAll();
    expect(engine.slos().slos[0]).toMatchObject({ stale: false, error: null });
  });
});
