import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckServer, type CheckServer } from '../helpers/http-check/check-server';
import { openDashboard, seriousAxeViolations, type OpenDashboard } from '../helpers/web-app';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results');
const CONFIG = `# The team's on-call config: kept in git, edited by hand and in the app.
sources: [] # none yet

notifications:
  minSeverity: warning # page me for warnings too
`;

/** Settings in Chromium: add an HTTP check with an SLO, watch it go red when its server stops, find its SLO. */
describe('adding an HTTP check in Settings', () => {
  let server: CheckServer;
  let dashboard: OpenDashboard;
  let page: Page;
  const field = (name: string) => page.getByTestId(`source-field-${name}`);

  beforeAll(async () => {
    server = await startCheckServer((_request, response) => response.end('shop is up'));
    dashboard = await openDashboard(CONFIG);
    page = dashboard.page;
    await page.getByTestId('tab-settings').click();
  });

  afterAll(async () => {
    await dashboard?.close();
    await server?.stop();
  });

  it('shows the config file with no sources yet, and the add form is axe-clean in both themes', async () => {
    await expect.poll(() => page.getByTestId('settings-empty').isVisible()).toBe(true);
    expect(await page.getByTestId('settings-path').textContent()).toContain(dashboard.app.configPath);
    // Appearance: System follows the OS live; a choice sticks whatever the OS says.
    const shown = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    await page.getByTestId('theme-choice-system').check();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(shown).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(shown).toBe('light');
    await page.getByTestId('theme-choice-dark').check();
    await expect.poll(shown).toBe('dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    // In a browser the desktop app's own settings (start at login, browser access) are absent.
    expect(await page.getByTestId('desktop-settings').count()).toBe(0);
    await page.getByTestId('settings-add').click();
    await expect.poll(() => page.getByTestId('source-form').isVisible()).toBe(true);
    const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    for (const expected of ['dark', 'light'] as const) {
      if ((await theme()) !== expected) await page.getByTestId('theme-toggle').click();
      await expect.poll(theme).toBe(expected);
      expect(await seriousAxeViolations(page), `${expected} theme`).toEqual([]);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-add-form.png') });
    // Fits at 1280 px: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  });

  it('puts the engine\'s complaint next to the field and writes nothing', async () => {
    await field('name').fill('shop-health');
    await field('url').fill('ftp://shop');
    await page.getByTestId('source-save').click();
    await expect.poll(() => page.getByTestId('source-problem-url').textContent()).toBe('expected an http:// or https:// URL, got "ftp://shop"');
    expect(await page.getByTestId('source-field-url').getAttribute('aria-invalid')).toBe('true');
    expect(await readFile(dashboard.app.configPath, 'utf8')).toBe(CONFIG);
    expect(await seriousAxeViolations(page), 'with a field marked invalid').toEqual([]);
  });

  it('tests the connection stage by stage, saves the check with its SLO, and lists it healthy', async () => {
    await field('url').fill(`${server.url}/health`);
    await field('bodyContains').fill('up');
    await field('slo.availability').fill('99.5');
    await field('interval').fill('1s');
    await field('timeout').fill('1s');
    await page.getByTestId('source-test').click();
    await expect.poll(() => page.getByTestId('connection-test').getAttribute('data-ok')).toBe('true');
    const stages = await page.getByTestId('connection-test').locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
    expect(stages).toEqual(['test-step-config', 'test-step-dns', 'test-step-connect', 'test-step-http', 'test-step-shape']);
    expect(await seriousAxeViolations(page), 'with a connection test shown').toEqual([]);

    await page.getByTestId('source-save').click();
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toBe('Saved shop-health; the app uses it now.');
    const row = page.locator('[data-testid="settings-source"][data-name="shop-health"]');
    await expect.poll(() => row.getByTestId('settings-source-health').getAttribute('data-status'), { timeout: 15_000 }).toBe('ok');
    const written = await readFile(dashboard.app.configPath, 'utf8');
    expect(written).toBe(
      CONFIG.replace(
        'sources: [] # none yet\n',
        `sources: # none yet\n  - type: http\n    name: shop-health\n    url: ${server.url}/health\n    interval: 1s\n    timeout: 1s\n    bodyContains: up\n    slo:\n      availability: 99.5\n`,
      ),
    );
  });

  it('goes red in the Alerts view when its server stops', async () => {
    await server.stop();
    await page.getByTestId('tab-alerts').click();
    const alert = page.locator('[data-testid="alert-row"]', { hasText: 'HttpCheckFailed' });
    await expect.poll(() => alert.getAttribute('data-severity'), { timeout: 20_000 }).toBe('critical');
    await page.getByTestId('tab-settings').click();
    await expect.poll(() => page.locator('[data-testid="settings-source"][data-name="shop-health"]').getByTestId('settings-source-health').textContent()).toBe('Check failing, 1 alert');
  });

  it('shows the check\'s availability SLO in the SLOs view', async () => {
    await page.getByTestId('tab-slos').click();
    const slo = page.locator('[data-testid="slo-row"]', { hasText: 'shop-health availability' });
    await expect.poll(() => slo.count(), { timeout: 20_000 }).toBe(1);
  });

  it('saves a screenshot and logged no page errors besides the refused save', async () => {
    await page.getByTestId('tab-settings').click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings-http-check.png') });
    // The one refused save (the ftp:// URL) answers HTTP 400, which Chromium logs; nothing else.
    expect(dashboard.pageErrors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
