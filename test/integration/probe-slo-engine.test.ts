import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/app/start-engine';
import type { HttpCheckSource } from '../../electron/sources/http-check/http-check-source';
import { endpointKey, probeFileName } from '../../electron/sources/http-check/probe-archive';
import type { Slo } from '../../shared/slo';
import { startTestHost } from '../helpers/engine-host';
import { useCheckServers } from '../helpers/http-check/check-server';
import { waitFor } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

type Step = 'ok' | 'fail' | 'pause';

/**
 * The whole engine with an http check that has `slo:`, against a local server that answers as a
 * script says. "pause" suspends the engine's polling (that request is cancelled and never counts),
 * so the number of probes is known exactly when the SLOs are evaluated.
 */
describe('SLOs from an http check\'s own probes', () => {
  const folder = useTempFolder('occ-probe-slo-');
  const startServer = useCheckServers();
  let host: EngineHost | undefined;
  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  const config = (url: string, hangingUrl: string) => `sources:
  - type: http
    name: shop-health
    url: ${url}
    interval: 1s
    timeout: 30s
    labels: { service: shop }
    slo:
      availability: 90
      latency: { thresholdMs: 10000, target: 80 }
      window: 7d
  - type: http
    name: quiet
    url: ${hangingUrl}
    interval: 1s
    timeout: 30s
    slo: { availability: 99.9, window: 7d }
sloInterval: 1h
`;

  it('are good while the server is up, count 500s exactly, and survive a restart with their probe history', async () => {
    const script: Step[] = ['ok', 'ok', 'ok', 'pause', 'fail', 'fail', 'fail', 'pause'];
    const server = await startServer((_request, response) => {
      const step = script.shift() ?? 'pause';
      if (step === 'pause') host?.engine.suspend();
      else if (step === 'ok') response.end('ok');
      else response.writeHead(500).end('database down');
    });
    // Never answers within these tests: its check has no probe yet.
    const hanging = await startServer(() => undefined);
    host = await startTestHost({ dir: folder.dir, config: config(`${server.url}/health`, hanging.url) });
    const check = () => host!.engine.source('shop-health') as HttpCheckSource;

    // The pause comes with the fourth request, after the third probe is recorded.
    await waitFor(async () => check().results().length === 3 && script.length === 4, { description: 'three good probes, then a pause' });
    await host.slos.evaluateAll();
    expect(counted(slo(host, 'shop-health-availability'))).toEqual({ sli: 1, status: 'ok', budgetRemaining: 1 });
    const quiet = slo(host, 'quiet-availability');
    expect(quiet).toMatchObject({ status: 'no-data', sli: null, statusReason: 'no data yet: check "quiet" has not probed yet' });

    host.engine.resume();
    await waitFor(async () => check().results().length === 6 && script.length === 0, { description: 'three failing probes after the good ones, then a pause' });
    await host.slos.evaluateAll();
    const availability = slo(host, 'shop-health-availability');
    // 3 of 6 probes passed against a 90 % target: (1 − 0.5) ÷ 0.1 = 5 budgets spent.
    expect(availability).toMatchObject({ displayName: 'shop-health availability', service: 'shop', source: 'shop-health', target: 0.9, sli: 0.5, stale: false });
    expect(availability.labels).toEqual({ service: 'shop', check: 'shop-health' });
    expect(availability.budget.consumed).toBeCloseTo(5, 9);
    expect(availability.budget.remaining).toBeCloseTo(-4, 9);
    expect(availability.burnRates['5m']).toBeCloseTo(5, 9);
    expect(availability.queries.good).toBe(`probes of GET ${server.url}/health passing (status, body and JSON as expected)`);
    const latency = slo(host, 'shop-health-latency');
    expect(latency).toMatchObject({ displayName: 'shop-health latency under 10000 ms', target: 0.8, sli: 0.5 });
    expect(latency.budget.remaining).toBeCloseTo(1 - 0.5 / 0.2, 9);
    // Burn 5× over every window is above the 3× ticket rule over 1 d and 2 h, below the page rules.
    expect(availability.status).toBe('ticket');
    const before = { availability: counted(availability), latency: counted(latency) };

    const probesDir = path.join(folder.dir, 'probes');
    const files = (await readdir(probesDir)).filter((name) => name.startsWith('shop-health-'));
    expect(files).toHaveLength(1);
    const lines = (await readFile(path.join(probesDir, files[0]!), 'utf8')).trimEnd().split('\n');
    expect(lines.slice(1).map((line) => line.split(' ').filter((_, index) => index !== 2).join(' ').replace(/^\d+/, 't'))).toEqual(
      ['t 1 200', 't 1 200', 't 1 200', 't 0 500', 't 0 500', 't 0 500'],
    );

    await host.stop();
    host = undefined;
    script.push('pause');
    host = await startTestHost({ dir: folder.dir, config: config(`${server.url}/health`, hanging.url) });
    await host.slos.evaluateAll();
    const restarted = slo(host, 'shop-health-availability');
    expect(restarted.stale).toBe(false);
    expect({ availability: counted(restarted), latency: counted(slo(host, 'shop-health-latency')) }).toEqual(before);
    expect(host.engine.snapshot().storageProblems).toEqual([]);
    console.log(`probe SLOs after a restart: ${restarted.displayName} ${restarted.sli} (${restarted.statusReason}); ${slo(host, 'quiet-availability').statusReason}`);
  });

  it('follow the config: a check pointed elsewhere starts from no data, one without slo has no SLOs; a damaged history is set aside and shown', async () => {
    const server = await startServer((_request, response) => response.end('ok'));
    const hanging = await startServer(() => undefined);
    const damaged = path.join(folder.dir, 'probes', probeFileName('shop-health', endpointKey({ method: 'GET', url: `${server.url}/health` })));
    await folder.write(path.relative(folder.dir, damaged), 'PK\u0003\u0004 not a probe history');
    host = await startTestHost({ dir: folder.dir, config: config(`${server.url}/health`, hanging.url) });
    const shown = await waitFor(async () => host!.engine.snapshot().storageProblems.find((problem) => problem.includes(damaged)), { description: 'the damaged probe history to be reported' });
    expect(shown).toMatch(/cannot be used \(its first line is not a probe history header\); kept it as .*\.corrupt-.* and started a new history for check "shop-health"$/);
    await waitFor(async () => (host!.engine.source('shop-health') as HttpCheckSource).results().length >= 2, { description: 'two probes' });
    await host.slos.evaluateAll();
    expect(slo(host, 'shop-health-availability').sli).toBe(1);

    const moved = await startServer(() => undefined);
    await writeFile(path.join(folder.dir, 'config.yaml'), config(`${moved.url}/health`, hanging.url));
    await host.config.load();
    await waitFor(async () => slo(host!, 'shop-health-availability').status === 'no-data', { description: 'the moved check to start from no data' });
    expect(slo(host, 'shop-health-availability').statusReason).toBe('no data yet: check "shop-health" has not probed yet');

    await writeFile(path.join(folder.dir, 'config.yaml'), config(`${moved.url}/health`, hanging.url).replace('    slo: { availability: 99.9, window: 7d }\n', ''));
    await host.config.load();
    await waitFor(async () => !host!.slos.set.slos.some((s) => s.id === 'quiet-availability'), { description: 'the SLO of a check without slo to go' });
    expect(host.slos.set.slos.map((s) => s.id)).toEqual(['shop-health-availability', 'shop-health-latency']);
  });
});

function slo(host: EngineHost, id: string): Slo {
  const found = host.slos.set.slos.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no SLO "${id}" among ${host.slos.set.slos.map((s) => s.id).join(', ')}`);
  return found;
}

function counted(value: Slo): { sli: number | null; status: string; budgetRemaining: number | null } {
  return { sli: value.sli, status: value.status, budgetRemaining: value.budget.remaining === null ? null : Math.round(value.budget.remaining * 1e9) / 1e9 };
}
