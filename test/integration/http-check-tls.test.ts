import { X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpCheckSource } from '../../electron/sources/http-check/http-check-source';
import { checkConfig } from '../helpers/http-check/check-config';
import { expiredCertificate, selfSignedCertificate } from '../helpers/http-check/certificates';
import { useCheckServers } from '../helpers/http-check/check-server';
import { useTempFolder } from '../helpers/temp-folder';

const DAY_MS = 86_400_000;
const folder = useTempFolder('http-check-tls-');
const startServer = useCheckServers();
const poll = (source: HttpCheckSource) => source.fetchAlerts(AbortSignal.timeout(10_000));
const ok = (_request: IncomingMessage, response: ServerResponse) => response.end('ok');

/** Whole days from now until the certificate's notAfter, read by node:crypto (not by the code under test). */
function daysLeft(cert: string): number {
  return Math.floor((Date.parse(new X509Certificate(cert).validTo) - Date.now()) / DAY_MS);
}

describe('HttpCheckSource over TLS with certificates made by openssl', () => {
  it('warns when a trusted certificate expires within certificateWarningDays, with the days left from the certificate', async () => {
    const certificate = await selfSignedCertificate(folder.dir, 5);
    const server = await startServer(ok, { tls: certificate });
    const source = new HttpCheckSource(checkConfig({ url: `${server.url}/health`, certificateWarningDays: 14 }), { ca: certificate.cert });
    const { alerts } = await poll(source);
    const expected = daysLeft(certificate.cert);
    expect(alerts.map((alert) => alert.name)).toEqual(['TlsCertificateExpiring']);
    const [warning] = alerts;
    expect(warning!.annotations.summary).toBe(`TLS certificate of ${new URL(server.url).host} expires in ${expected} days`);
    expect(warning).toMatchObject({ severity: 'warning', value: String(expected), labels: { alertname: 'TlsCertificateExpiring', check: 'shop-health', severity: 'warning' } });
    expect(warning!.annotations.description).toContain(`Valid until ${new Date(new X509Certificate(certificate.cert).validTo).toISOString()}`);
    expect(source.results()).toMatchObject([{ ok: true, status: 200 }]);
    console.log(`tls: a 5-day certificate reads "${warning!.annotations.summary}"; probe with handshake took ${source.results()[0]!.latencyMs} ms`);

    const again = await poll(source);
    expect(again.alerts[0]!.startsAt).toBe(warning!.startsAt);
  });

  it('keeps the warning of the last certificate seen while the server cannot be reached', async () => {
    const certificate = await selfSignedCertificate(folder.dir, 5);
    const server = await startServer(ok, { tls: certificate });
    const source = new HttpCheckSource(checkConfig({ url: server.url }), { ca: certificate.cert });
    const [warning] = (await poll(source)).alerts;
    await server.stop();
    const { alerts } = await poll(source);
    expect(alerts.map((alert) => alert.name).sort()).toEqual(['HttpCheckFailed', 'TlsCertificateExpiring']);
    expect(alerts.find((alert) => alert.name === 'TlsCertificateExpiring')!.startsAt).toBe(warning!.startsAt);
  });

  it('says nothing about a certificate further away than certificateWarningDays', async () => {
    const certificate = await selfSignedCertificate(folder.dir, 5);
    const server = await startServer(ok, { tls: certificate });
    const source = new HttpCheckSource(checkConfig({ url: server.url, certificateWarningDays: 3 }), { ca: certificate.cert });
    expect((await poll(source)).alerts).toEqual([]);
  });

  it('an expired certificate fails the check with the TLS reason in words, sends nothing, and says how long ago it expired', async () => {
    const certificate = await expiredCertificate(folder.dir);
    const server = await startServer(ok, { tls: certificate });
    const source = new HttpCheckSource(checkConfig({ url: `${server.url}/health`, headers: { Authorization: 'Bearer never-sent' } }), { ca: certificate.cert });
    const { alerts } = await poll(source);
    const failed = alerts.find((alert) => alert.name === 'HttpCheckFailed');
    expect(failed!.annotations.summary).toBe(`GET ${server.url}/health failed: TLS: certificate has expired`);
    const expiring = alerts.find((alert) => alert.name === 'TlsCertificateExpiring');
    const daysAgo = -daysLeft(certificate.cert) - 1;
    expect(expiring!.annotations.summary).toBe(`TLS certificate of ${new URL(server.url).host} expired ${daysAgo} days ago`);
    expect(server.requests).toEqual([]);
    expect(source.results()).toMatchObject([{ ok: false, status: null }]);
  });

  it('an untrusted (self-signed, not given as CA) certificate fails the check before any request is written', async () => {
    const certificate = await selfSignedCertificate(folder.dir, 30);
    const server = await startServer(ok, { tls: certificate });
    const source = new HttpCheckSource(checkConfig({ url: server.url, headers: { Authorization: 'Bearer never-sent' } }));
    const { alerts } = await poll(source);
    expect(alerts.map((alert) => alert.annotations.summary)).toEqual([`GET ${server.url}/ failed: TLS: self-signed certificate, not trusted`]);
    expect(server.requests).toEqual([]);
  });

  it('a certificate for another host name fails the check', async () => {
    const certificate = await selfSignedCertificate(folder.dir, 30, 'DNS:elsewhere.test');
    const server = await startServer(ok, { tls: certificate });
    const source = new HttpCheckSource(checkConfig({ url: server.url }), { ca: certificate.cert });
    const [alert] = (await poll(source)).alerts;
    expect(alert!.annotations.summary).toBe(`GET ${server.url}/ failed: TLS: certificate is not valid for this host name (127.0.0.1)`);
  });

  describe('a plain TCP service on an https URL', () => {
    let plain: Server | undefined;
    afterEach(() => void plain?.close());

    it('fails the TLS handshake in words', async () => {
      plain = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
      await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', resolve));
      const { port } = plain.address() as { port: number };
      const [alert] = (await poll(new HttpCheckSource(checkConfig({ url: `https://127.0.0.1:${port}/` })))).alerts;
      expect(alert!.annotations.summary).toMatch(new RegExp(`^GET https://127\\.0\\.0\\.1:${port}/ failed: TLS handshake with 127\\.0\\.0\\.1:${port} failed: `));
      console.log(`tls: plain service on https reads "${alert!.annotations.summary}"`);
    });
  });
});
