import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrometheus, type RunningPrometheus } from '../helpers/servers';
import { ratioIndicatorYaml, ratioSloYaml } from '../helpers/openslo-yaml';
import { SELECTORS, generateSloHistory } from '../helpers/slo-history';
import { openDashboard, type OpenDashboard } from '../helpers/web-app';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results');

function ratioSlo(name: string, displayName: string, good: string, total: string, target: number): string {
  return ratioSloYaml({ name, displayName, service: 'api', indicator: ratioIndicatorYaml(`${name}-sli`, good, total), target });
}

/** The SLO view in Chromium, from a real Prometheus holding 31 days of backfilled history. */
describe('SLO dashboard against real Prometheus data', () => {
  let prom: RunningPrometheus;
  let dashboard: OpenDashboard;
  let page: Page;

  beforeAll(async () => {
    prom = await startPrometheus({ openMetrics: generateSloHistory().openMetrics });
    dashboard = await openDashboard(`sources:\n  - type: prometheus\n    name: prom\n    url: ${prom.url}\nslos:\n  - slos/\nsloInterval: 10s\n`, {
      files: {
        'slos/availability.yaml': ratioSlo('api-availability', 'API availability', SELECTORS.ok, SELECTORS.requests, 0.999),
        'slos/latency.yaml': ratioSlo('api-latency', 'API latency under 300 ms', SELECTORS.latencyGood, SELECTORS.latencyTotal, 0.99),
      },
    });
    page = dashboard.page;
  });

  afterAll(async () => {
    await dashboard?.close();
    await prom?.stop();
  });

  it('lists the SLOs by risk, the burning one first and paging', async () => {
    await page.getByTestId('tab-slos').click();
    const rows = page.getByTestId('slo-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => rows.first().getAttribute('data-status'), { timeout: 30_000 }).toBe('page');
    expect(await rows.first().getAttribute('data-slo-id')).toBe('api-availability');
    expect(await rows.first().getByTestId('slo-budget').textContent()).toMatch(/%/);
    expect(await page.getByTestId('slo-tab-badge').getAttribute('data-level')).toBe('page');
  });

  it('opens a detail with both charts drawn from query_range, and the PromQL behind the numbers', async () => {
    await page.getByTestId('slo-row').first().click();
    const detail = page.getByTestId('slo-detail');
    await expect.poll(() => detail.getByTestId('slo-status-reason').textContent()).toMatch(/page above 14\.4×/);
    await expect.poll(() => detail.getByTestId('slo-charts').getAttribute('data-state'), { timeout: 30_000 }).toBe('loaded');
    for (const chart of ['slo-burndown-chart', 'slo-burnrate-chart']) {
      const figure = detail.getByTestId(chart);
      expect(Number(await figure.getAttribute('data-points'))).toBeGreaterThan(500);
      // uPlot loads with the first chart: the canvas follows the data.
      await expect.poll(() => figure.locator('canvas').count()).toBeGreaterThan(0);
    }
    const queries = await detail.getByTestId('slo-queries').textContent();
    expect(queries).toContain('sum(rate(http_requests_total{service="api",code="200"}[');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'slo-dashboard.png') });
    expect(dashboard.pageErrors).toEqual([]);
  });
});
