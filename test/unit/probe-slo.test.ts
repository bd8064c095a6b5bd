import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceConfigSchema } from '../../electron/config/config-schema';
import { createProbeSliProvider } from '../../electron/slo/probe-sli-provider';
import { probeSloDefinitions, rollingWindow } from '../../electron/slo/probe-slo-definitions';
import { SloMonitor } from '../../electron/slo/slo-monitor';
import { mergeDefinitions, providerChooser } from '../../electron/slo/slo-service';
import { ProbeArchive } from '../../electron/sources/http-check/probe-archive';
import type { ProbeResult } from '../../electron/sources/http-check/probe-history';
import { CheckProbeLog } from '../../electron/sources/http-check/probe-log';
import { DEFAULT_BURN_RULES } from '../../shared/slo';
import { checkConfig } from '../helpers/http-check/check-config';
import { makeSloDefinition } from '../helpers/slo-definitions';
import { useTempFolder } from '../helpers/temp-folder';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const sources = [
  SourceConfigSchema.parse({
    type: 'http',
    name: 'checkout',
    url: 'https://user:pw@shop.test/health?token=s3cret',
    labels: { service: 'shop', team: 'web' },
    slo: { availability: 99.9, latency: { thresholdMs: 500, target: 99 }, window: '7d' },
  }),
  SourceConfigSchema.parse({ type: 'http', name: 'plain', url: 'http://127.0.0.1:1/' }),
  SourceConfigSchema.parse({ type: 'http', name: 'search', url: 'http://127.0.0.1:2/', method: 'POST', slo: { latency: { thresholdMs: 250, target: 95 } } }),
];

describe('SLOs of http checks', () => {
  it('are built from the config: ids, names, targets, windows, rules and labels', () => {
    const slos = probeSloDefinitions(sources);
    expect(slos.map(({ id, name, displayName, service, target, metricSourceRef }) => ({ id, name, displayName, service, target, metricSourceRef }))).toEqual([
      { id: 'checkout-availability', name: 'checkout-availability', displayName: 'checkout availability', service: 'shop', target: 0.999, metricSourceRef: 'checkout' },
      { id: 'checkout-latency', name: 'checkout-latency', displayName: 'checkout latency under 500 ms', service: 'shop', target: 0.99, metricSourceRef: 'checkout' },
      { id: 'search-latency', name: 'search-latency', displayName: 'search latency under 250 ms', service: null, target: 0.95, metricSourceRef: 'search' },
    ]);
    const [availability, latency, search] = slos;
    expect(availability!.window).toEqual({ kind: 'rolling', seconds: 7 * 86_400, label: '7d rolling' });
    expect(search!.window).toEqual({ kind: 'rolling', seconds: 28 * 86_400, label: '28d rolling' });
    expect(availability!.rules).toEqual(DEFAULT_BURN_RULES);
    expect(availability!.labels).toEqual({ service: 'shop', team: 'web', check: 'checkout' });
    expect(search!.labels).toEqual({ check: 'search' });
    expect(availability!.probe).toEqual({ check: 'checkout', displayEndpoint: 'GET https://shop.test/health?token=***' });
    expect(latency!.probe).toMatchObject({ latencyThresholdMs: 500 });
    // No secret of the URL anywhere in what reaches the renderer.
    expect(JSON.stringify(slos)).not.toMatch(/s3cret|user:pw/);
    expect(rollingWindow(36 * 3_600_000).label).toBe('36h rolling');
  });

  it('take precedence over an SLO file with the same id, which is said so', () => {
    const fromFiles = [makeSloDefinition({ id: 'checkout-availability' }), makeSloDefinition({ id: 'other' })];
    const merged = mergeDefinitions(probeSloDefinitions(sources), fromFiles);
    expect(merged.definitions.map((slo) => slo.id)).toEqual(['checkout-availability', 'checkout-latency', 'search-latency', 'other']);
    expect(merged.errors).toEqual(['slos/api.yaml: SLO "checkout-availability" has the name of an SLO of the http check "checkout" in the config; left out (rename it)']);
  });
});

describe('the probe SLI provider', () => {
  const folder = useTempFolder('occ-probe-sli-');
  // One probe a minute for the last 3 hours; the ones 10..39 minutes ago fail, every 5th is slow.
  const probes: ProbeResult[] = Array.from({ length: 180 }, (_, n) => {
    const minutesAgo = 179 - n;
    return { at: NOW - minutesAgo * 60_000, ok: minutesAgo < 10 || minutesAgo >= 40, latencyMs: minutesAgo % 5 === 0 ? 900 : 120, status: 200 };
  });
  const logWith = async (results: ProbeResult[]) => {
    const log = new CheckProbeLog({ file: path.join(folder.dir, 'x.probes'), check: 'checkout', endpoint: 'e', retention: { maxAgeMs: 28 * 86_400_000, maxCount: 1000 }, onProblem: () => undefined, now: () => NOW });
    for (const result of results) log.record(result);
    await log.ready;
    return log;
  };
  const [availability, latency] = probeSloDefinitions(sources);
  const signal = new AbortController().signal;

  it('counts the probes of each range ending at `at`', async () => {
    const provider = createProbeSliProvider(await logWith(probes));
    const ranges = { '5m': 300, '30m': 1_800, '1h': 3_600, '2h': 7_200, '6h': 21_600, '1d': 86_400, '3d': 259_200, window: 604_800 };
    const counts = await provider.counts(availability!, ranges, new Date(NOW), signal);
    // (now − 5 min, now]: 0..4 minutes ago.
    expect(counts['5m']).toEqual({ good: 5, total: 5 });
    // 0..29 minutes ago: 20 of them (10..29) fail.
    expect(counts['30m']).toEqual({ good: 10, total: 30 });
    expect(counts['1h']).toEqual({ good: 30, total: 60 });
    expect(counts.window).toEqual({ good: 150, total: 180 });
    const slow = await provider.counts(latency!, ranges, new Date(NOW), signal);
    // Minute 0 is slow; over 3 h, 30 passing probes are slow (36 slow, 6 of them failed anyway).
    expect(slow['5m']).toEqual({ good: 4, total: 5 });
    expect(slow.window).toEqual({ good: 150 - 30, total: 180 });
  });

  it('gives good and total per step, and the 1 h burn rate, for the charts', async () => {
    const provider = createProbeSliProvider(await logWith(probes));
    const history = await provider.history(availability!, new Date(NOW - 3_600_000), new Date(NOW), 1_800, signal);
    expect(history.t).toEqual([(NOW - 3_600_000) / 1000, (NOW - 1_800_000) / 1000, NOW / 1000]);
    // Steps (t − 30 min, t]: 60..89, 30..59 and 0..29 minutes ago.
    expect(history.total).toEqual([30, 30, 30]);
    expect(history.good).toEqual([30, 20, 10]);
    // 1 h ending 1 h ago: all good; ending now: 30 of 60 bad → (0.5) ÷ 0.001.
    expect(history.burnRate1h[0]).toBe(0);
    expect(history.burnRate1h[2]).toBeCloseTo(500, 6);
  });

  it('says "no data yet" for a check that has not probed, and describes its queries in words', async () => {
    const provider = createProbeSliProvider(await logWith([]));
    expect(provider.describeNoData!(availability!)).toBe('no data yet: check "checkout" has not probed yet');
    const queries = provider.queries(latency!);
    expect(queries.good).toBe('probes of GET https://shop.test/health?token=*** passing within 500 ms');
    expect(queries.total).toBe('every probe of GET https://shop.test/health?token=***');
    expect(queries.burnRate['1h']).toBe('(1 − probes passing within 500 ms ÷ all probes, over the last 1h) ÷ (1 − 0.99)');

    const monitor = new SloMonitor({ providerFor: providerChooser(sources, new ProbeArchive(folder.dir, () => undefined, () => NOW)), now: () => NOW });
    monitor.setDefinitions(probeSloDefinitions(sources), []);
    await monitor.evaluateAll();
    const evaluated = monitor.set.slos.find((slo) => slo.id === 'checkout-availability')!;
    expect(evaluated).toMatchObject({ status: 'no-data', sli: null, statusReason: 'no data yet: check "checkout" has not probed yet', source: 'checkout', file: 'config: http check "checkout", slo' });
    expect(evaluated.budget.remaining).toBeNull();
  });

  it('says so when the kept probes cannot cover the window (one a second over 28 days)', async () => {
    const fast = [checkConfig({ name: 'fast', url: 'http://127.0.0.1:3/', interval: '1s', slo: { availability: 99 } })];
    const archive = new ProbeArchive(folder.dir, () => undefined, () => NOW);
    const log = archive.forCheck(fast[0]!);
    for (let n = 0; n < 60; n++) log.record({ at: NOW - n * 1000, ok: true, latencyMs: 10, status: 200 });
    const monitor = new SloMonitor({ providerFor: providerChooser(fast, archive), now: () => NOW });
    monitor.setDefinitions(probeSloDefinitions(fast), []);
    await monitor.evaluateAll();
    const evaluated = monitor.set.slos.find((slo) => slo.id === 'fast-availability')!;
    expect(evaluated.status).toBe('ok');
    expect(evaluated.statusReason).toMatch(/; only the last 2,000,000 probes \(about 23\.1 days at one every 1 s\) are kept, less than the window$/);
    await archive.close();
    // A slower check fits: nothing is added.
    const [checkout] = probeSloDefinitions(sources);
    expect(checkout!.probe).not.toHaveProperty('historyShortfall');
  });
});
