import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { AlertmanagerSource } from '../../electron/sources/alertmanager';
import { PrometheusSource } from '../../electron/sources/prometheus';
import { fastSource, startTestEngine, testConfig, waitForAlert, waitForSource } from '../helpers/engine-harness';
import { freePort, postAlerts, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';

/**
 * Servers that misbehave in ways a real Alertmanager or Prometheus rarely can on demand: hang,
 * answer HTML, answer the wrong shape, answer too much, or warn. All on 127.0.0.1.
 */
function startOddServer(handler: (path: string, response: ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => handler(request.url ?? '/', response));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    }),
  );
}

const signal = () => AbortSignal.timeout(5_000);

describe('sources that misbehave', () => {
  let hanging: Awaited<ReturnType<typeof startOddServer>>;
  let odd: Awaited<ReturnType<typeof startOddServer>>;
  let am: RunningAlertmanager;
  let engine: Engine;

  beforeAll(async () => {
    hanging = await startOddServer(() => undefined); // accepts, never answers
    odd = await startOddServer((path, response) => {
      if (path.startsWith('/html/')) return void response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
      if (path.startsWith('/shape/')) return void response.writeHead(200, { 'content-type': 'application/json' }).end('[{"labels": "nope"}]');
      if (path.startsWith('/huge/')) return void response.writeHead(200).end(`[${'{"x":1},'.repeat(200_000)}{}]`);
      if (path.startsWith('/warn/api/v1/status/config')) {
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({ status: 'success', data: { yaml: 'global:\n  external_labels:\n    cluster: eu-1\n' } }),
        );
      }
      if (path.startsWith('/warn/api/v1/alerts') || path.startsWith('/noconfig/api/v1/alerts')) {
        const alerts = [{ labels: { alertname: 'Up', severity: 'info' }, annotations: {}, state: 'firing', activeAt: '2026-11-26T03:00:00.123456789Z', value: '1' }];
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({ status: 'success', data: { alerts }, warnings: ['partial response: store gateway-2 unreachable'] }),
        );
      }
      if (path.startsWith('/prom-error/')) {
        return void response.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'execution', error: 'query timed out in expression evaluation' }));
      }
      response.writeHead(404).end();
    });
    am = await startAlertmanager();
    engine = startTestEngine(
      testConfig([fastSource('alertmanager', 'real', am.url), fastSource('alertmanager', 'hanging', hanging.url, { timeout: 3_000 }), fastSource('prometheus', 'warns', `${odd.url}/warn`)]),
    );
  });

  afterAll(async () => {
    engine?.stop();
    await Promise.all([hanging?.close(), odd?.close(), am?.stop()]);
  });

  it('a source that never answers goes down with a timeout, and does not delay the others', async () => {
    await postAlerts(am.url, [{ labels: { alertname: 'First', severity: 'warning' } }]);
    await waitForAlert(engine, 'First from the real Alertmanager', (alert) => alert.name === 'First');
    await postAlerts(am.url, [{ labels: { alertname: 'Second', severity: 'warning' } }]);
    // Each try of the hanging source takes 3 s; the real one keeps its half-second rhythm meanwhile.
    await waitForAlert(engine, 'Second, while the hanging source is still trying', (alert) => alert.name === 'Second', 1_500);
    expect(engine.sources().find((source) => source.name === 'hanging')?.status).toBe('pending');
    const down = await waitForSource(engine, 'hanging', 'down', 15_000);
    expect(down.lastError).toBe('no complete answer within 3 s');
    expect(engine.sources().find((source) => source.name === 'real')?.status).toBe('ok');
  });

  it('surfaces Prometheus warnings as a degraded source', async () => {
    const degraded = await waitForSource(engine, 'warns', 'degraded');
    expect(degraded.warnings).toEqual(['partial response: store gateway-2 unreachable']);
  });

  it("adds the server's external labels and keeps alerts when they cannot be read", async () => {
    const withLabels = await new PrometheusSource({ name: 'p', url: `${odd.url}/warn` }).fetchAlerts(signal());
    expect(withLabels.alerts[0]).toMatchObject({ labels: { alertname: 'Up', severity: 'info', cluster: 'eu-1' }, startsAt: '2026-11-26T03:00:00.123Z' });
    const without = await new PrometheusSource({ name: 'p', url: `${odd.url}/noconfig` }).fetchAlerts(signal());
    expect(without.alerts[0]?.labels).toEqual({ alertname: 'Up', severity: 'info' });
    expect(without.warnings).toContainEqual(expect.stringMatching(/^cannot read external labels: HTTP 404/));
  });

  it('explains HTTP errors, wrong shapes, oversized answers and Prometheus errors in words', async () => {
    const source = (path: string, maxResponseBytes?: number) =>
      new AlertmanagerSource({ name: 'x', url: `${odd.url}${path}`, silenced: true, inhibited: true, ...(maxResponseBytes ? { maxResponseBytes } : {}) });
    await expect(source('/html').fetchAlerts(signal())).rejects.toThrow(/^HTTP 502 Bad Gateway from http:\/\/127\.0\.0\.1:\d+\/html\/api\/v2\/alerts: <html><body>Bad Gateway/);
    await expect(source('/shape').fetchAlerts(signal())).rejects.toThrow(/^unexpected response from \/shape\/api\/v2\/alerts: .*0\.labels: expected an object of label names and string values/);
    await expect(source('/huge', 1024 * 1024).fetchAlerts(signal())).rejects.toThrow(/exceeds the 1048576-byte limit/);
    const prometheus = new PrometheusSource({ name: 'p', url: `${odd.url}/prom-error` });
    await expect(prometheus.fetchAlerts(signal())).rejects.toThrow('Prometheus execution error: query timed out in expression evaluation');
    const closedPort = await freePort();
    const gone = new AlertmanagerSource({ name: 'gone', url: `http://127.0.0.1:${closedPort}`, silenced: true, inhibited: true });
    await expect(gone.fetchAlerts(signal())).rejects.toThrow(`connection refused at 127.0.0.1:${closedPort}`);
  });
});
