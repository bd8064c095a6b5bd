import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerHeaders } from '../../electron/sources/bearer-token';
import { PrometheusSource } from '../../electron/sources/prometheus';
import { ACK_COMMENT_PREFIX } from '../../shared/actions';
import { startTestHost } from '../helpers/engine-host';
import { postAlerts, startAlertmanager, startPrometheus, waitFor, type RunningAlertmanager, type RunningPrometheus } from '../helpers/servers';
import { ratioSloYaml } from '../helpers/openslo-yaml';
import { useTempFolder } from '../helpers/temp-folder';

const PREFIX = '/api/alertmanager/grafana';
const GOOD = 'glsa_GoodServiceAccountToken_1234';
const WRONG = 'glsa_WrongServiceAccountToken_9876';

/**
 * Grafana in front of a real server: answers only under its prefix and only with
 * `Authorization: Bearer <token>` (401 otherwise, echoing what it got, as a careless server might).
 */
async function startAuthProxy(target: string, prefix: string, token: string) {
  const seen: Array<{ method: string; path: string; authorization: string | undefined }> = [];
  const server = http.createServer((request, response) => {
    const authorization = request.headers.authorization;
    seen.push({ method: request.method ?? '', path: request.url ?? '', authorization });
    if (authorization !== `Bearer ${token}`) {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `invalid API key: ${authorization ?? 'none'}` }));
      return;
    }
    if (!request.url?.startsWith(prefix)) {
      response.writeHead(404).end('{"message":"Not found"}');
      return;
    }
    const upstream = http.request(new URL(request.url.slice(prefix.length), target), { method: request.method, headers: { ...request.headers, authorization: '' } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a bearer token for servers behind authentication (Grafana alerting)', () => {
  const folder = useTempFolder('occ-grafana-token-');
  let am: RunningAlertmanager | undefined;
  let prometheus: RunningPrometheus | undefined;
  let proxy: Awaited<ReturnType<typeof startAuthProxy>> | undefined;
  let host: Awaited<ReturnType<typeof startTestHost>> | undefined;

  afterEach(async () => {
    await host?.stop();
    await proxy?.close();
    await am?.stop();
    await prometheus?.stop();
    host = proxy = am = prometheus = undefined;
  });

  it('polls and delivers silences with the token, says "rejected the token" for a wrong one, and picks up a rotated token', async () => {
    am = await startAlertmanager();
    proxy = await startAuthProxy(am.url, PREFIX, GOOD);
    await postAlerts(am.url, [{ labels: { alertname: 'GrafanaRule', severity: 'critical', grafana_folder: 'checkout' } }]);
    const tokenFile = path.join(folder.dir, 'grafana-token');
    await writeFile(tokenFile, `${WRONG}\n`);
    host = await startTestHost({
      dir: folder.dir,
      config: `sources:\n  - type: alertmanager\n    name: grafana\n    url: ${proxy.url}\n    interval: 1s\n    timeout: 2s\n    token: { file: ${tokenFile} }\n`,
    });
    const running = host;

    const rejected = await waitFor(async () => running.engine.snapshot().sources.find((source) => source.name === 'grafana' && source.lastError), { description: 'the source error' });
    expect(rejected.lastError).toMatch(/rejected the token/);
    expect(rejected.lastError).not.toContain(WRONG);
    expect(JSON.stringify(running.engine.snapshot())).not.toContain(WRONG);
    expect(running.logs.join('\n')).not.toContain(WRONG);

    // Rotated: the next poll uses the new token, no restart.
    await writeFile(tokenFile, GOOD);
    const alert = await waitFor(async () => running.engine.alerts().find((candidate) => candidate.name === 'GrafanaRule'), { description: 'the Grafana alert shown' });
    const { action } = running.actions.acknowledge(alert.fingerprint, 'on it');
    await waitFor(async () => (running.engine.snapshot().actions.find((pending) => pending.id === action!.id)?.state === 'delivered' ? true : undefined), {
      description: 'the ack silence delivered',
      timeoutMs: 20_000,
    });
    const silences = (await (await fetch(`${am.url}/api/v2/silences`)).json()) as Array<{ comment: string }>;
    expect(silences.filter((silence) => silence.comment === `${ACK_COMMENT_PREFIX} on it`)).toHaveLength(1);
    const posts = proxy.seen.filter((request) => request.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((request) => request.authorization === `Bearer ${GOOD}`)).toBe(true);
    expect(JSON.stringify(running.engine.snapshot())).not.toContain(GOOD);
  });

  it('queries Prometheus with the token (polls and SLO queries), and names the missing token', async () => {
    prometheus = await startPrometheus();
    proxy = await startAuthProxy(prometheus.url, '/prom', GOOD);
    const signal = AbortSignal.timeout(10_000);
    const authorized = new PrometheusSource({ name: 'prom', url: proxy.url, headers: bearerHeaders('prom', { env: 'GRAFANA_TOKEN_TEST' }, undefined, { GRAFANA_TOKEN_TEST: GOOD }) });
    await expect(authorized.fetchAlerts(signal)).resolves.toMatchObject({ alerts: [] });
    await expect(authorized.queryInstant('1 + 1', { signal })).resolves.toMatchObject({ data: { resultType: 'scalar', result: [expect.any(Number), '2'] } });

    const anonymous = new PrometheusSource({ name: 'prom', url: proxy.url });
    await expect(anonymous.fetchAlerts(signal)).rejects.toThrow(/needs a token: set "token" on this source/);
    const noVariable = new PrometheusSource({ name: 'prom', url: proxy.url, headers: bearerHeaders('prom', { env: 'GRAFANA_TOKEN_UNSET' }, undefined, {}) });
    await expect(noVariable.fetchAlerts(signal)).rejects.toThrow('prom token: no token in the environment variable GRAFANA_TOKEN_UNSET');
    const wrong = new PrometheusSource({ name: 'prom', url: proxy.url, headers: bearerHeaders('prom', { env: 'T' }, undefined, { T: WRONG }) });
    const error: unknown = await wrong.fetchAlerts(signal).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/rejected the token/);
    expect((error as Error).message).not.toContain(WRONG);
  });

  it('evaluates SLOs against a Prometheus whose token is a secret saved in the app', async () => {
    prometheus = await startPrometheus();
    proxy = await startAuthProxy(prometheus.url, '/prom', GOOD);
    await mkdir(path.join(folder.dir, 'slos'));
    await writeFile(path.join(folder.dir, 'slos', 'api.yaml'), ratioSloYaml({ name: 'api-availability' }));
    host = await startTestHost({
      dir: folder.dir,
      config: `sources:\n  - type: prometheus\n    name: grafana-prom\n    url: ${proxy.url}\n    interval: 1h\n    token: { secret: grafana }\nslos: [slos]\nsloInterval: 10s\n`,
    });
    const running = host;
    const refused = await waitFor(async () => running.engine.slos().slos.find((slo) => slo.error), { description: 'the SLO error while no secret is saved', timeoutMs: 20_000 });
    expect(refused.error).toMatch(/grafana-prom token: .*"grafana"/);
    await running.sourceSettings.saveSecret('grafana', GOOD);
    await running.slos.evaluateAll();
    const [slo] = running.engine.slos().slos;
    expect(slo).toMatchObject({ error: null, source: 'grafana-prom' });
    const queries = proxy.seen.filter((request) => request.path.startsWith('/prom/api/v1/query'));
    expect(queries.at(-1)?.authorization).toBe(`Bearer ${GOOD}`);
    expect(JSON.stringify(running.engine.snapshot())).not.toContain(GOOD);
  });
});
