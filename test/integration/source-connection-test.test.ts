import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretStore } from '../../electron/secrets/secret-store';
import { testConnection } from '../../electron/source-settings/connection-test';
import type { ConnectionTest } from '../../shared/settings';
import { expiredCertificate, selfSignedCertificate } from '../helpers/http-check/certificates';
import { useCheckServers } from '../helpers/http-check/check-server';
import { freePort, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const folder = useTempFolder('connection-test-');
const startServer = useCheckServers();
const TOKEN = 'glsa_Very-Secret-Token-1234';

const stepsOf = (result: ConnectionTest) => result.steps.map((step) => `${step.step}:${step.ok ? 'ok' : 'FAILED'}`);
const failed = (result: ConnectionTest) => result.steps.find((step) => !step.ok);

describe('connection test against a real Alertmanager', () => {
  let alertmanager: RunningAlertmanager;
  beforeAll(async () => {
    alertmanager = await startAlertmanager();
  });
  afterAll(async () => {
    await alertmanager.stop();
  });

  it('passes every stage and names the version and the alert count', async () => {
    const result = await testConnection({ type: 'alertmanager', name: 'am', url: alertmanager.url });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'http:ok', 'shape:ok']);
    expect(result.ok).toBe(true);
    expect(result.steps[1]!.detail).toBe('127.0.0.1 is an IP address: no lookup needed');
    expect(result.steps[3]!.detail).toMatch(/^Alertmanager \d+\.\d+\.\d+ answered HTTP 200 OK in \d+ ms$/);
    expect(result.summary).toMatch(/^Connected: version \d+\.\d+\.\d+, answered with 0 alerts$/);
  });
});

describe('connection test failures, each at its own stage', () => {
  it('an invalid field fails at config, naming it', async () => {
    const result = await testConnection({ type: 'prometheus', name: 'p', url: 'localhost:9090' });
    expect(stepsOf(result)).toEqual(['config:FAILED']);
    expect(failed(result)!.detail).toBe('url: expected an http:// or https:// URL, got "localhost:9090"');
  });

  it('a name that does not exist fails at DNS (RFC 6761: .invalid never resolves)', async () => {
    const result = await testConnection({ type: 'prometheus', name: 'p', url: 'http://prometheus.example.invalid:9090' });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:FAILED']);
    expect(failed(result)!.detail).toBe('prometheus.example.invalid: name not found (no DNS record)');
    expect(result.summary).toBe('Failed at dns: prometheus.example.invalid: name not found (no DNS record)');
  });

  it('a port nobody listens on fails at connect', async () => {
    const port = await freePort();
    const result = await testConnection({ type: 'alertmanager', name: 'am', url: `http://127.0.0.1:${port}` });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:FAILED']);
    expect(failed(result)!.detail).toBe(`127.0.0.1:${port}: connection refused (nothing listening on that port?)`);
  });

  it('a self-signed certificate fails at TLS, in words', async () => {
    const certificate = await selfSignedCertificate(folder.dir, 30);
    const server = await startServer((_request, response) => response.end('{}'), { tls: certificate });
    const result = await testConnection({ type: 'http', name: 'shop', url: `${server.url}/health` });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'tls:FAILED']);
    expect(failed(result)!.detail).toBe('TLS: self-signed certificate, not trusted');
    expect(server.requests).toEqual([]);
  });

  it('an expired certificate fails at TLS with the day it ended, even when its issuer is trusted', async () => {
    const certificate = await expiredCertificate(folder.dir);
    const server = await startServer((_request, response) => response.end('ok'), { tls: certificate });
    const result = await testConnection({ type: 'http', name: 'shop', url: server.url }, { ca: certificate.cert });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'tls:FAILED']);
    expect(failed(result)!.detail).toBe('TLS: certificate has expired on 2020-01-02');
  });

  it('a certificate for another host fails at TLS, naming the host', async () => {
    const certificate = await selfSignedCertificate(folder.dir, 30, 'DNS:elsewhere.test');
    const server = await startServer((_request, response) => response.end('ok'), { tls: certificate });
    const result = await testConnection({ type: 'http', name: 'shop', url: server.url }, { ca: certificate.cert });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'tls:FAILED']);
    expect(failed(result)!.detail).toBe('TLS: certificate is not valid for this host name (127.0.0.1)');
  });

  it('the same certificate, trusted, passes TLS and names when it ends', async () => {
    const certificate = await selfSignedCertificate(folder.dir, 30);
    const server = await startServer((_request, response) => response.end('ok'), { tls: certificate });
    const result = await testConnection({ type: 'http', name: 'shop', url: `${server.url}/health`, bodyContains: 'ok' }, { ca: certificate.cert });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'tls:ok', 'http:ok', 'shape:ok']);
    expect(result.steps[3]!.detail).toMatch(/^certificate trusted \(issued by 127\.0\.0\.1, valid until \d{4}-\d\d-\d\d\)$/);
  });

  it('401 is a rejected token, and the token is in no detail even when the server echoes it', async () => {
    const secrets = new SecretStore(path.join(folder.dir, 'secrets.json'));
    secrets.set('grafana', TOKEN);
    const echo = (status: number) => (request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(`refused ${request.headers.authorization ?? ''}`);
    };
    const rejecting = await startServer(echo(401));
    const result = await testConnection({ type: 'prometheus', name: 'grafana', url: rejecting.url, token: { secret: 'grafana' } }, { secrets });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'http:ok', 'auth:FAILED']);
    expect(failed(result)!.detail).toBe('HTTP 401: token rejected');
    expect(rejecting.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const broken = await startServer(echo(500));
    const echoed = await testConnection({ type: 'prometheus', name: 'grafana', url: broken.url, token: { secret: 'grafana' } }, { secrets });
    expect(stepsOf(echoed)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'http:FAILED']);
    expect(failed(echoed)!.detail).toBe('HTTP 500 Internal Server Error from /api/v1/status/buildinfo: refused Bearer ***');
    expect(JSON.stringify([result, echoed])).not.toContain(TOKEN);
  });

  it('a server answering HTML where an API was expected fails at shape', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome to nginx!</body></html>');
    });
    const result = await testConnection({ type: 'alertmanager', name: 'am', url: server.url });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'http:ok', 'shape:FAILED']);
    expect(failed(result)!.detail).toBe('unexpected answer: /api/v2/alerts answered with something that is not JSON: <html><body>Welcome to nginx!</body></html>');
  });

  it('a server that never answers fails at http when the time is up', async () => {
    const server = await startServer(() => undefined);
    const result = await testConnection({ type: 'http', name: 'slow', url: `${server.url}/health`, timeout: '1s' });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'http:FAILED']);
    expect(failed(result)!.detail).toBe(`no answer from ${new URL(server.url).host} within 3 s`);
  });

  it('an http check whose body lacks the expected text fails at shape with the check\'s own words', async () => {
    const server = await startServer((_request, response) => response.end('status: degraded'));
    const result = await testConnection({ type: 'http', name: 'shop', url: `${server.url}/health`, bodyContains: 'status: ok' });
    expect(stepsOf(result)).toEqual(['config:ok', 'dns:ok', 'connect:ok', 'http:ok', 'shape:FAILED']);
    expect(failed(result)!.detail).toContain('status: ok');
  });
});
