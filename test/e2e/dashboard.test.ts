import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilence, freePort, postAlerts, startAlertmanager, type PostableAlert, type RunningAlertmanager } from '../helpers/servers';
import { openDashboard, type OpenDashboard, type RunningWebApp } from '../helpers/web-app';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results');

const ALERTS: PostableAlert[] = [
  { labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' }, annotations: { summary: 'checkout: 7% of requests fail' } },
  { labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'search' }, annotations: { summary: 'search: 5% of requests fail' } },
  { labels: { alertname: 'DiskFilling', severity: 'warning', service: 'db', instance: 'db-2' }, annotations: { summary: 'db-2 disk full in 4h', runbook_url: 'https://runbooks.example.com/disk' } },
  { labels: { alertname: 'CertExpiring', severity: 'info', service: 'web' }, annotations: { summary: 'certificate expires in 9 days' } },
];

describe('dashboard in Chromium through browser mode, against a real Alertmanager', () => {
  let am: RunningAlertmanager;
  let dashboard: OpenDashboard;
  let app: RunningWebApp;
  let page: Page;
  let pageErrors: string[];
  let port: number;

  beforeAll(async () => {
    am = await startAlertmanager();
    await postAlerts(am.url, ALERTS);
    port = await freePort();
    dashboard = await openDashboard({ name: 'prod-am', url: am.url, interval: '1s' }, { port });
    ({ app, page, pageErrors } = dashboard);
  });

  afterAll(async () => {
    await dashboard?.close();
    await am?.stop();
  });

  const rows = () => page.getByTestId('alert-row');

  it('npm run web printed one line: the URL on the chosen loopback port, token included', () => {
    expect(app.openUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[\\w-]{20,}$`));
    expect(app.stdout().trim().split('\n')).toEqual([`On-Call Companion (browser mode) is ready: ${app.openUrl}`]);
  });

  it('shows the posted alerts, grouped, most severe first, with the source healthy', async () => {
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(4);
    const names = await rows().evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
    expect(names[0]).toContain('HighErrorRate');
    expect(names.at(-1)).toContain('CertExpiring');
    await expect.poll(() => page.getByTestId('source-health').locator('[data-source="prod-am"]').getAttribute('data-status')).toBe('ok');
    await expect.poll(() => page.getByTestId('group-header').count()).toBe(3);
  });

  it('a new alert posted upstream appears without reloading', async () => {
    await postAlerts(am.url, [{ labels: { alertname: 'QueueBacklog', severity: 'warning', service: 'jobs' }, annotations: { summary: 'jobs queue backlog' } }]);
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(5);
  });

  it('the filter narrows the list by label matcher and by text', async () => {
    const filter = page.getByTestId('filter-input');
    await filter.fill('severity="critical"');
    await expect.poll(() => rows().count()).toBe(2);
    await filter.fill('service=~"se.*"');
    await expect.poll(() => rows().count()).toBe(1);
    await filter.fill('disk full');
    await expect.poll(() => rows().count()).toBe(1);
    await filter.fill('');
    await expect.poll(() => rows().count()).toBe(5);
  });

  it('clicking a row opens its detail with all labels and annotations', async () => {
    await rows().filter({ hasText: 'DiskFilling' }).click();
    const detail = page.getByTestId('alert-detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    const text = await detail.textContent();
    for (const fragment of ['DiskFilling', 'db-2', 'db-2 disk full in 4h', 'https://runbooks.example.com/disk', 'prod-am']) {
      expect(text).toContain(fragment);
    }
  });

  it('shows who silenced an alert, why and until when', async () => {
    await createSilence(am.url, {
      matchers: [{ name: 'alertname', value: 'CertExpiring' }],
      createdBy: 'alice',
      comment: 'renewal ticket OPS-1234',
    });
    const row = rows().filter({ hasText: 'CertExpiring' });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('silenced');
    await row.click();
    await expect.poll(() => page.getByTestId('detail-silences').textContent()).toMatch(/by alice until .*: renewal ticket OPS-1234/);
  });

  it('works from the keyboard: / focuses the filter, j/k move, Enter opens', async () => {
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('filter-input');
    await page.keyboard.type('HighErrorRate');
    await expect.poll(() => rows().count()).toBe(2);
    await page.keyboard.press('Escape');
    const selected = () => page.locator('[data-testid="alert-row"][aria-selected="true"]').getAttribute('data-fingerprint');
    await page.keyboard.press('j');
    const first = await selected();
    await page.keyboard.press('j');
    const second = await selected();
    expect(second).not.toBe(first);
    await page.keyboard.press('k');
    expect(await selected()).toBe(first);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('alert-detail').textContent()).toContain('HighErrorRate');
  });

  it('has no serious or critical accessibility violations, in the dark theme and, after the toggle, the light one', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.getByTestId('filter-input').fill('');
    const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    // New users follow the system's theme, live: the OS (emulated here) switching to dark switches the page.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    for (const expected of ['dark', 'light'] as const) {
      if (expected === 'light') {
        await page.getByTestId('theme-toggle').click();
        await expect.poll(theme).toBe('light');
      }
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
        const result = await axe.run(document);
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
      });
      expect(violations, `${expected} theme`).toEqual([]);
    }
    // The token left the address bar once read; the tab kept it, so a reload still reaches the engine.
    expect(page.url()).toBe(new URL('/', app.openUrl).href);
    // The choice is the engine's: it survives a reload of the page.
    await page.reload();
    await expect.poll(theme).toBe('light');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(theme).toBe('dark');
  });

  it('saves a screenshot and logged no page errors', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await rows().first().click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png') });
    expect(pageErrors).toEqual([]);
  });
});
