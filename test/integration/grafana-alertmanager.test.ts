import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertmanagerDelivery } from '../../electron/actions/alertmanager-delivery';
import type { Engine } from '../../electron/engine/engine';
import { listSilences } from '../../electron/sources/alertmanager-silences';
import { fastSource, startTestEngine, testConfig, waitForAlert } from '../helpers/engine-harness';
import { postAlerts, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';

const GRAFANA_PREFIX = '/api/alertmanager/grafana';

/**
 * Grafana alerting serves an Alertmanager-compatible API under a path prefix. This stands in for
 * it: a loopback server that answers only under the prefix and passes requests to a real
 * Alertmanager, so any request that forgot the prefix gets Grafana's 404.
 */
async function startPrefixedProxy(target: string): Promise<{ url: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server = http.createServer((request, response) => {
    paths.push(`${request.method} ${request.url}`);
    if (!request.url?.startsWith(`${GRAFANA_PREFIX}/api/v2/`)) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not found"}');
      return;
    }
    const upstream = http.request(new URL(request.url.slice(GRAFANA_PREFIX.length), target), { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${GRAFANA_PREFIX}`, paths, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('Grafana alerting through its Alertmanager-compatible API (a path prefix)', () => {
  let am: RunningAlertmanager;
  let grafana: Awaited<ReturnType<typeof startPrefixedProxy>>;
  let engine: Engine;

  beforeAll(async () => {
    am = await startAlertmanager();
    grafana = await startPrefixedProxy(am.url);
    engine = startTestEngine(testConfig([fastSource('alertmanager', 'grafana', grafana.url)]));
  });

  afterAll(async () => {
    engine?.stop();
    await grafana?.close();
    await am?.stop();
  });

  it('reads alerts and silences under the prefix, and delivers a silence there', async () => {
    await postAlerts(am.url, [{ labels: { alertname: 'GrafanaRule', severity: 'critical', grafana_folder: 'checkout' } }]);
    await waitForAlert(engine, 'the Grafana alert shown', (alert) => alert.name === 'GrafanaRule');

    const deliver = createAlertmanagerDelivery({ endpointsFor: () => [grafana.url], timeoutMs: 5_000 });
    const { silenceId } = await deliver(
      'grafana',
      {
        kind: 'createSilence',
        matchers: [{ name: 'alertname', value: 'GrafanaRule', isRegex: false, isEqual: true }],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        comment: 'through Grafana',
        createdBy: 'dev',
      },
      { id: 'a1', createdAt: new Date().toISOString(), uncertain: false, signal: AbortSignal.timeout(5_000) },
    );
    expect((await listSilences(am.url)).map((silence) => [silence.id, silence.comment])).toContainEqual([silenceId, 'through Grafana']);
    await waitForAlert(engine, 'the alert muted by the silence', (alert) => alert.name === 'GrafanaRule' && alert.state === 'suppressed');

    const outsidePrefix = grafana.paths.filter((path) => !path.split(' ')[1]!.startsWith(`${GRAFANA_PREFIX}/api/v2/`));
    console.log(`requests through the Grafana prefix: ${grafana.paths.length}, outside it: ${outsidePrefix.length}`);
    expect(outsidePrefix).toEqual([]);
  });
});
