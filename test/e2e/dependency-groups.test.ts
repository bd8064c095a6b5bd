import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PagerDutyFake, pdIncident, pdReference } from '../helpers/saas-fakes/pagerduty-fake';
import { postAlerts, startAlertmanager, type PostableAlert, type RunningAlertmanager } from '../helpers/servers';
import { collectPageErrors, launchChromium, seriousAxeViolations, startWebApp, type RunningWebApp } from '../helpers/web-app';

const SUMMARY = readFileSync(path.resolve(import.meta.dirname, '../fixtures/status-pages/summary-degraded.json'), 'utf8');
const PD_TOKEN = 'u+pdE2eToken5555';
const ADA = { id: 'PADA', name: 'Ada Lovelace', email: 'ada@example.com', time_zone: 'Europe/London' };

const ALERTS: PostableAlert[] = [
  { labels: { alertname: 'DeployStuck', severity: 'warning', service: 'deployer' }, annotations: { summary: 'deploys wait for git pushes' } },
  { labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' }, annotations: { summary: 'checkout: 7% of requests fail' } },
];

/** "Is it us or them?" and "acknowledge everywhere" in the dashboard, in Chromium. */
describe('dependency groups and linked incidents in the dashboard', () => {
  let am: RunningAlertmanager;
  let statusPage: Server;
  let pd: PagerDutyFake;
  let app: RunningWebApp;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    am = await startAlertmanager();
    await postAlerts(am.url, ALERTS);
    statusPage = createServer((request, response) => {
      if (request.url !== '/api/v2/summary.json') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(SUMMARY);
    });
    await new Promise<void>((resolve) => statusPage.listen(0, '127.0.0.1', resolve));
    const pageUrl = `http://127.0.0.1:${(statusPage.address() as { port: number }).port}`;
    pd = await PagerDutyFake.start({
      tokens: { [PD_TOKEN]: ADA.id },
      users: [ADA],
      incidents: [pdIncident(1, { title: '[FIRING:1] HighErrorRate (checkout critical)', assignments: [{ at: '2026-11-01T00:00:00Z', assignee: pdReference('user_reference', ADA.id, ADA.name) }] })],
    });
    const config = [
      'sources:',
      `  - { type: alertmanager, name: prod-am, url: "${am.url}", interval: 1s }`,
      `  - { type: statuspage, name: codehost, url: "${pageUrl}", dependency: Code Host, services: [deployer] }`,
      `  - { type: pagerduty, name: pd, baseUrl: "${pd.url}", token: { env: E2E_PD_TOKEN } }`,
      '',
    ].join('\n');
    app = await startWebApp(config, { env: { E2E_PD_TOKEN: PD_TOKEN } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    pageErrors = collectPageErrors(page);
    await page.goto(app.openUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await pd?.close();
    statusPage?.close();
    await am?.stop();
  });

  const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  const expectAccessibleInBothThemes = async (where: string) => {
    for (let round = 0; round < 2; round++) {
      expect(await seriousAxeViolations(page), `${where}, ${await theme()} theme`).toEqual([]);
      const before = await theme();
      await page.getByTestId('theme-toggle').click();
      await expect.poll(theme).not.toBe(before);
    }
  };

  it('groups the alert of a mapped service under the degraded dependency, and opens it from there', async () => {
    const group = page.getByTestId('dependency-group');
    await expect.poll(() => group.count(), { timeout: 20_000 }).toBe(1);
    expect(await group.getAttribute('data-dependency')).toBe('Code Host');
    await expect.poll(() => group.textContent()).toMatch(/Code Host is partly down — 1 alert may be theirs/);
    expect(await group.getByTestId('dependency-group-alert').allTextContents()).toEqual(['DeployStuck · deployer']);

    await group.getByTestId('dependency-group-alert').click();
    await expect.poll(() => page.getByTestId('alert-detail').textContent()).toContain('deploys wait for git pushes');
    await expectAccessibleInBothThemes('dependency group with a detail open');
  });

  it('offers "Acknowledge everywhere" for the alert and its PagerDuty incident, and sends each once', async () => {
    await page.getByTestId('alert-row').filter({ hasText: 'checkout: 7% of requests fail' }).click();
    const everywhere = page.getByTestId('ack-everywhere');
    await expect.poll(() => everywhere.isVisible(), { timeout: 20_000 }).toBe(true);
    const items = await page.getByTestId('ack-everywhere-item').allTextContents();
    expect(items).toEqual(['HighErrorRate · checkout (prod-am)', 'PagerDuty #1: [FIRING:1] HighErrorRate (checkout critical)']);
    await expectAccessibleInBothThemes('acknowledge everywhere');

    await page.getByTestId('acknowledge-everywhere').click();
    await expect.poll(() => pd.incident('PINC1')!.status, { timeout: 20_000 }).toBe('acknowledged');
    expect(pd.requestsTo('PUT', '/incidents/PINC1')).toHaveLength(1);
    await expect.poll(() => page.getByTestId('acknowledge-everywhere').textContent(), { timeout: 20_000 }).toBe('All acknowledged');
  });

  it('offers "Resolve in PagerDuty" on the incident, with a confirmation', async () => {
    await page.getByTestId('alert-row').filter({ hasText: '[FIRING:1] HighErrorRate' }).click();
    await page.getByTestId('resolve-alert').click();
    await expectAccessibleInBothThemes('resolve confirmation');
    await page.getByTestId('confirm-resolve').click();
    await expect.poll(() => pd.incident('PINC1')!.status, { timeout: 20_000 }).toBe('resolved');
    expect(pageErrors).toEqual([]);
  });
});
