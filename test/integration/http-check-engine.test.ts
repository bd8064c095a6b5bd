import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { recordPolls, startTestEngine, testConfig, waitForAlert, waitForSource } from '../helpers/engine-harness';
import { checkConfig } from '../helpers/http-check/check-config';
import { useCheckServers } from '../helpers/http-check/check-server';
import { waitFor } from '../helpers/servers';

const startServer = useCheckServers();

describe('an http check in the real engine', () => {
  let engine: Engine | undefined;
  afterEach(() => engine?.stop());

  it('raises HttpCheckFailed while its server is down and drops it when it is back, the source staying ok', async () => {
    const server = await startServer((_request, response) => response.end('ok'));
    engine = startTestEngine(testConfig([checkConfig({ name: 'shop-health', url: `${server.url}/health`, interval: '1s', timeout: '2s', bodyContains: 'ok' })]));
    const polls = recordPolls(engine);
    await waitForSource(engine, 'shop-health', 'ok');
    expect(engine.alerts()).toEqual([]);

    await server.stop();
    const alert = await waitForAlert(engine, 'HttpCheckFailed for shop-health', (a) => a.name === 'HttpCheckFailed');
    expect(alert).toMatchObject({ sources: ['shop-health'], stale: false, severity: 'critical', labels: { check: 'shop-health', url: `${server.url}/health` } });
    expect(alert.annotations.summary).toContain('failed: could not connect to');
    // A second failing poll keeps the alert as it started.
    const pollsAtAlert = polls.of('shop-health').length;
    await waitFor(async () => polls.of('shop-health').length >= pollsAtAlert + 1, { description: 'another poll of shop-health' });
    expect(engine.alerts().find((a) => a.name === 'HttpCheckFailed')?.startsAt).toBe(alert.startsAt);

    await server.start();
    await waitFor(async () => engine!.alerts().length === 0, { description: 'the HttpCheckFailed alert to go once the server is back' });
    const seen = polls.of('shop-health');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.map((health) => health.status)).toEqual(seen.map(() => 'ok'));
    expect(seen.every((health) => health.consecutiveFailures === 0 && health.lastError === null)).toBe(true);
    console.log(`engine: ${seen.length} polls of shop-health while its server went down and came back, all with source health ok`);
    polls.stop();
  });

  it('a target slower than the timeout is an alert, not a down source', async () => {
    const server = await startServer(() => undefined);
    engine = startTestEngine(testConfig([checkConfig({ name: 'slow-health', url: server.url, interval: '1s', timeout: '500ms' })]));
    const alert = await waitForAlert(engine, 'HttpCheckFailed for slow-health', (a) => a.name === 'HttpCheckFailed');
    expect(alert.annotations.summary).toContain('failed: no answer from');
    expect(engine.sources().find((source) => source.name === 'slow-health')).toMatchObject({ status: 'ok', lastError: null });
  });
});
