import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAlerts, startAlertmanager, type PostableAlert, type RunningAlertmanager } from '../helpers/servers';
import { openDashboard, type OpenDashboard } from '../helpers/web-app';

const COUNT = 10_000;
const SERVICES = ['checkout', 'search', 'payments', 'orders', 'web'];

/** 10,000 alerts from a real Alertmanager: the list stays virtualised and filtering still works. */
describe('a dashboard with 10,000 alerts', () => {
  let am: RunningAlertmanager;
  let dashboard: OpenDashboard;
  let page: Page;
  let pageErrors: string[];
  let alerts: PostableAlert[];

  beforeAll(async () => {
    am = await startAlertmanager();
    alerts = Array.from({ length: COUNT }, (_, i) => ({
      labels: { alertname: `Alert${i % 40}`, severity: i % 10 === 0 ? 'critical' : 'warning', service: SERVICES[i % 5]!, instance: `host-${i}` },
      annotations: { summary: `alert number ${i}` },
    }));
    for (let i = 0; i < COUNT; i += 2_000) await postAlerts(am.url, alerts.slice(i, i + 2_000));
    dashboard = await openDashboard({ name: 'big-am', url: am.url, interval: '5s' });
    ({ page, pageErrors } = dashboard);
  });

  afterAll(async () => {
    await dashboard?.close();
    await am?.stop();
  });

  it('renders only the rows in view', async () => {
    await expect.poll(() => page.getByTestId('filter-count').textContent(), { timeout: 30_000 }).toBe(`${COUNT} alerts`);
    const rendered = await page.getByTestId('alert-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
  });

  it('filters all of them and moves through them from the keyboard', async () => {
    await page.getByTestId('filter-input').fill('severity="critical" instance=~"host-1.*"');
    const expected = alerts.filter((alert) => alert.labels.severity === 'critical' && alert.labels.instance!.startsWith('host-1')).length;
    expect(expected).toBe(111);
    await expect.poll(() => page.getByTestId('filter-count').textContent()).toBe(`${expected} of ${COUNT} alerts`);
    await page.keyboard.press('Escape');
    for (let i = 0; i < 30; i++) await page.keyboard.press('j');
    const selected = page.locator('[data-testid="alert-row"][aria-selected="true"]');
    await expect.poll(() => selected.count()).toBe(1);
    expect(await selected.getAttribute('aria-posinset')).toBe('30');
    expect(await selected.isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
