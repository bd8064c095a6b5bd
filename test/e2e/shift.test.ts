import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAlerts, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';
import { openDashboard, seriousAxeViolations, type OpenDashboard } from '../helpers/web-app';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results');

/** Whether the header's parts all sit on one line: every child's box crosses a common horizontal line. */
async function headerLayout(page: Page): Promise<{ oneRow: boolean; parts: number; width: number; scrollWidth: number }> {
  return page.evaluate(() => {
    const header = (globalThis as unknown as { document: { querySelector(selector: string): { children: ArrayLike<{ getBoundingClientRect(): { top: number; bottom: number } }>; clientWidth: number; scrollWidth: number } } }).document.querySelector('.app-header');
    // Parts with nothing to show (the brand below 1440 px outside demo mode) take no row.
    const boxes = Array.from(header.children)
      .map((child) => child.getBoundingClientRect())
      .filter((box) => box.bottom - box.top > 1);
    const oneRow = Math.max(...boxes.map((box) => box.top)) < Math.min(...boxes.map((box) => box.bottom));
    return { oneRow, parts: boxes.length, width: header.clientWidth, scrollWidth: header.scrollWidth };
  });
}

describe('My shift and the header on-call control, in Chromium against a real Alertmanager', () => {
  let am: RunningAlertmanager;
  let dashboard: OpenDashboard;
  let page: Page;

  beforeAll(async () => {
    am = await startAlertmanager();
    await postAlerts(am.url, [{ labels: { alertname: 'PaymentsLatency', severity: 'warning', route: '/pay|refund' }, annotations: { summary: 'p99 over 2 s' } }]);
    const config = [
      'sources:',
      '  - type: alertmanager',
      '    name: prod-am',
      `    url: ${am.url}`,
      '    interval: 1s',
      'notifications:',
      '  quietHours: { from: "00:00", to: "00:00", allow: critical }',
      '',
    ].join('\n');
    dashboard = await openDashboard(config);
    page = dashboard.page;
  });

  afterAll(async () => {
    await dashboard?.close();
    await am?.stop();
  });

  const pill = () => page.getByTestId('on-call-toggle');

  it('keeps the header on one row at 1280 px, with the on-call pill and all eight tabs', async () => {
    await expect.poll(() => page.getByTestId('alert-row').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => pill().getAttribute('data-state')).toBe('unknown');
    expect(await page.getByRole('tab').count()).toBe(8);
    for (const state of ['unknown', 'on-call'] as const) {
      if (state === 'on-call') {
        await pill().click();
        await page.getByTestId('on-call-choice-true').click();
        await expect.poll(() => pill().getAttribute('data-state')).toBe('on-call');
      }
      const layout = await headerLayout(page);
      expect(layout, `header with the pill ${state}`).toMatchObject({ oneRow: true });
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    }
    // The widest header: on call and notifications paused.
    await page.getByTestId('pause-toggle').click();
    await expect.poll(() => page.getByTestId('pause-status').count()).toBe(1);
    expect(await headerLayout(page), 'header while paused').toMatchObject({ oneRow: true });
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'header-on-call-1280.png'), clip: { x: 0, y: 0, width: 1280, height: 120 } });
    await page.getByTestId('pause-toggle').click();
    await expect.poll(() => page.getByTestId('pause-status').count()).toBe(0);
  });

  it('the pill says who decided; the menu opens My shift with the alert from Alertmanager', async () => {
    expect(await pill().getAttribute('data-basis')).toBe('manual');
    expect(await pill().textContent()).toBe('On call');
    await pill().click();
    await page.getByTestId('on-call-open-shift').click();
    await expect.poll(() => page.getByTestId('shift-view').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('shift-on-call').textContent()).toBe('On call');
    expect(await page.getByTestId('shift-basis').textContent()).toContain('your toggle');
    expect(await page.getByTestId('shift-on-call-choice-true').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('shift-notifications').textContent()).toContain('Quiet hours 00:00–00:00: critical only');
    const alert = page.getByTestId('shift-alert').filter({ hasText: 'PaymentsLatency' });
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
    expect(await alert.getAttribute('data-open')).toBe('true');
    expect(await alert.textContent()).toContain('still firing');
  });

  it('a new alert joins the shift list without a reload (pushed, then fetched)', async () => {
    await postAlerts(am.url, [{ labels: { alertname: 'CheckoutErrors', severity: 'critical', service: 'checkout' } }]);
    await expect.poll(() => page.getByTestId('shift-alert').filter({ hasText: 'CheckoutErrors' }).count(), { timeout: 15_000 }).toBe(1);
  });

  it('exports the hand-off report: downloaded as .md and copied, with the shift in it', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('shift-download-report').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^shift-handoff-\d{4}-\d{2}-\d{2}-\d{4}\.md$/);
    const markdown = await readFile((await file.path())!, 'utf8');
    expect(markdown).toMatch(/^# Shift hand-off: /);
    expect(markdown).toContain('On call (your toggle).');
    expect(markdown).toContain('- 2 alerts fired, 2 still firing, 2 of them unacknowledged');
    expect(markdown).toContain('| PaymentsLatency | warning | route=/pay\\|refund |');
    expect(markdown).toContain('| CheckoutErrors | critical | service=checkout |');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(dashboard.app.openUrl).origin });
    await page.getByTestId('shift-copy-report').click();
    await expect.poll(() => page.getByTestId('shift-export-status').getAttribute('data-state')).toBe('copied');
    const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    expect(copied).toContain('## Still open');
    expect(copied).toContain('CheckoutErrors');
  });

  it('off call from the shift view: the pill follows, and the rules in effect say so', async () => {
    await page.getByTestId('shift-on-call-choice-false').click();
    await expect.poll(() => pill().getAttribute('data-state')).toBe('off-call');
    expect(await pill().textContent()).toBe('Off call');
    await expect.poll(() => page.getByTestId('shift-notifications').textContent()).toContain('Off call: critical only');
    await page.getByTestId('shift-on-call-choice-null').click();
    await expect.poll(() => pill().getAttribute('data-state')).toBe('unknown');
  });

  it('has no serious or critical accessibility violations in the shift view with the menu open, dark and light', async () => {
    const theme = () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { getAttribute(name: string): string | null } } }).document.documentElement.getAttribute('data-theme'));
    // The theme follows the system until chosen: start from a dark OS.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    for (const expected of ['dark', 'light'] as const) {
      if (expected === 'light') {
        await page.getByTestId('theme-toggle').click();
        await expect.poll(theme).toBe('light');
      }
      await pill().click();
      await expect.poll(() => page.getByTestId('on-call-menu').isVisible()).toBe(true);
      expect(await seriousAxeViolations(page), `${expected} theme`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('on-call-menu').count()).toBe(0);
      expect(await headerLayout(page), `${expected} theme`).toMatchObject({ oneRow: true });
    }
    await page.getByTestId('theme-toggle').click();
    await expect.poll(theme).toBe('dark');
    await page.screenshot({ path: path.join(ARTIFACTS, 'shift-view.png') });
    expect(dashboard.pageErrors).toEqual([]);
  });
});
