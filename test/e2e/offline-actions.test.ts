import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLoopback, postAlerts, resolveAlerts, startAlertmanager, type PostableAlert, type RunningAlertmanager } from '../helpers/servers';
import { openDashboard, seriousAxeViolations, type OpenDashboard } from '../helpers/web-app';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results');
/** Long enough for a killed source to be noticed, its circuit to half-open and a probe to succeed. */
const RECOVERY = { timeout: 45_000, interval: 250 };
const AUTHOR = 'e2e-oncall';
const SILENCE_COMMENT = 'disk cleanup running, OPS-4711';

// A fixed start, so alerts posted again after an Alertmanager restart are the same firing.
const STARTS_AT = new Date().toISOString();
const CHECKOUT: PostableAlert = { labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'checkout' }, annotations: { summary: 'checkout: 7% of requests fail' } };
const DISK: PostableAlert = { labels: { alertname: 'DiskFilling', severity: 'warning', service: 'db', instance: 'db-2' }, annotations: { summary: 'db-2 disk full in 4h' } };
const CERT: PostableAlert = { labels: { alertname: 'CertExpiring', severity: 'info', service: 'web' }, annotations: { summary: 'certificate expires in 9 days' } };
const ALERTS = [CHECKOUT, DISK, CERT].map((alert) => ({ ...alert, startsAt: STARTS_AT }));

interface AmSilence {
  id: string;
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual?: boolean }>;
  createdBy: string;
  comment: string;
  status: { state: 'active' | 'pending' | 'expired' };
}

async function alertmanagerSilences(url: string): Promise<AmSilence[]> {
  assertLoopback(url);
  const response = await fetch(`${url}/api/v2/silences`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}/api/v2/silences: HTTP ${response.status}`);
  return (await response.json()) as AmSilence[];
}

describe('offline: banner, staleness, acknowledgements and silences queued while Alertmanager is down, history', () => {
  let am: RunningAlertmanager;
  let dashboard: OpenDashboard;
  let page: Page;

  beforeAll(async () => {
    am = await startAlertmanager();
    await postAlerts(am.url, ALERTS);
    dashboard = await openDashboard(`sources:\n  - type: alertmanager\n    name: prod-am\n    url: ${am.url}\n    interval: 1s\n`);
    page = dashboard.page;
    // Short waits per call, so a poll retries (and reports its last value) instead of one call waiting 30 s for a missing element.
    page.setDefaultTimeout(5_000);
  });

  afterAll(async () => {
    await dashboard?.close();
    await am?.stop();
  });

  const rows = () => page.getByTestId('alert-row');
  const row = (name: string) => rows().filter({ hasText: name });
  const sourceItem = () => page.getByTestId('source-health').locator('[data-source="prod-am"]');
  const banner = () => page.getByTestId('offline-banner');
  const pendingActions = () => page.getByTestId('pending-action');
  const showView = async (tab: string) => {
    await page.getByTestId(tab).click();
    await expect.poll(() => page.getByTestId(tab).getAttribute('aria-selected')).toBe('true');
  };

  /** Axe in the theme shown, then in the other one, back to the first. */
  const expectAccessibleInBothThemes = async (where: string) => {
    const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    for (let round = 0; round < 2; round++) {
      expect(await seriousAxeViolations(page), `${where}, ${await theme()} theme`).toEqual([]);
      const before = await theme();
      await page.getByTestId('theme-toggle').click();
      await expect.poll(theme).not.toBe(before);
    }
  };

  const stopAlertmanager = async () => {
    await am.kill();
    await expect.poll(() => banner().getAttribute('data-level'), RECOVERY).toBe('offline');
  };

  const startAlertmanagerAgain = async () => {
    await am.restart();
    // Alertmanager keeps silences on disk but not alerts: the senders post them again, as Prometheus would.
    await postAlerts(am.url, ALERTS);
    await expect.poll(() => banner().count(), RECOVERY).toBe(0);
  };

  it('shows no offline banner while the source answers, and the age of its data', async () => {
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => sourceItem().getAttribute('data-status')).toBe('ok');
    expect(await banner().count()).toBe(0);
    expect(await sourceItem().getByTestId('source-data-age').textContent()).toMatch(/^data \d+ s old$/);
  });

  it('(a) the offline banner and per-source staleness appear when Alertmanager is stopped, and clear when it returns', async () => {
    await stopAlertmanager();
    expect(await banner().textContent()).toMatch(/Offline — showing the last known state from \d+ (s|min) ago/);
    expect(await page.getByTestId('offline-reason').textContent()).toContain('prod-am');
    await expect.poll(() => sourceItem().getAttribute('data-status')).toBe('down');
    expect(await sourceItem().getByTestId('source-error').textContent()).not.toBe('');
    // The age ticks in the page, from its own clock.
    const age = sourceItem().getByTestId('source-data-age');
    const first = await age.textContent();
    expect(first).toMatch(/^data \d+ (s|min) old$/);
    await expect.poll(() => age.textContent(), { timeout: 5_000 }).not.toBe(first);
    await expect.poll(() => row('HighErrorRate').getByTestId('stale-marker').count()).toBe(1);
    expect(await page.getByTestId('connection-banner').count()).toBe(0);

    await startAlertmanagerAgain();
    await expect.poll(() => sourceItem().getAttribute('data-status'), RECOVERY).toBe('ok');
    expect(await sourceItem().getAttribute('data-circuit')).toBe('closed');
    await expect.poll(() => row('HighErrorRate').getByTestId('stale-marker').count(), RECOVERY).toBe(0);
  });

  it('(b) acknowledges an alert (key a) and fills in a silence while Alertmanager is stopped: both wait as pending actions', async () => {
    await stopAlertmanager();

    await row('HighErrorRate').click();
    await page.keyboard.press('a');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('ack-comment');
    await page.keyboard.type('on it, checking the payment provider');
    await page.keyboard.press('Enter');
    const ack = page.getByTestId('ack-status');
    await expect.poll(() => ack.getAttribute('data-delivery'), RECOVERY).toBe('queued');
    expect(await ack.textContent()).toMatch(/Acknowledged by .+, \d+ (s|min) ago: on it, checking the payment provider/);
    expect(await page.getByTestId('ack-delivery').textContent()).toContain('will be sent when');
    await expect.poll(() => row('HighErrorRate').getByTestId('ack-marker').count()).toBe(1);

    await row('DiskFilling').click();
    await page.getByTestId('silence-alert').click();
    const form = page.getByTestId('silence-form');
    const names = () => form.getByTestId('matcher-name').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(await names()).toEqual(['alertname', 'instance', 'service', 'severity']);
    await form.locator('[data-testid="matcher-row"][data-name="severity"]').getByTestId('matcher-remove').click();
    expect(await names()).toEqual(['alertname', 'instance', 'service']);
    await form.getByTestId('silence-submit').click();
    await expect.poll(() => form.getByTestId('silence-problem').textContent()).toContain('comment is required');
    await form.getByTestId('silence-comment').fill(SILENCE_COMMENT);
    await form.getByTestId('silence-author').fill(AUTHOR);
    await form.getByTestId('duration-4h').check();
    await expect.poll(() => form.getByTestId('silence-matched-count').getAttribute('data-count')).toBe('1');
    await expectAccessibleInBothThemes('silence form in the alert detail');
    await form.getByTestId('silence-submit').click();
    await expect.poll(() => page.getByTestId('silence-form').count()).toBe(0);

    await expect.poll(() => page.getByTestId('actions-tab-badge').getAttribute('data-count'), RECOVERY).toBe('2');
    await showView('tab-silences');
    await expect.poll(() => pendingActions().count()).toBe(2);
    const states = await pendingActions().evaluateAll((items) => items.map((item) => `${item.getAttribute('data-kind')}:${item.getAttribute('data-state')}`));
    expect(states.sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^acknowledge:(queued|sending)$/), expect.stringMatching(/^createSilence:(queued|sending)$/)]));
    expect(await pendingActions().getByTestId('cancel-action').count()).toBeGreaterThan(0);
    await expectAccessibleInBothThemes('Silences view with pending actions');
  });

  it('(b) once Alertmanager is back, both are delivered exactly once and the alerts show as acknowledged and silenced', async () => {
    await startAlertmanagerAgain();
    await expect.poll(() => page.getByTestId('actions-tab-badge').count(), RECOVERY).toBe(0);
    const open = await pendingActions().evaluateAll((items) => items.filter((item) => !['delivered', 'cancelled'].includes(item.getAttribute('data-state') ?? '')).length);
    expect(open).toBe(0);

    const silences = (await alertmanagerSilences(am.url)).filter((silence) => silence.status.state === 'active');
    const mine = silences.filter((silence) => silence.comment === SILENCE_COMMENT);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.createdBy).toBe(AUTHOR);
    expect(mine[0]!.matchers.map((matcher) => `${matcher.name}=${matcher.value}`).sort()).toEqual(['alertname=DiskFilling', 'instance=db-2', 'service=db']);
    const acks = silences.filter((silence) => silence.comment.startsWith('ACK!'));
    expect(acks).toHaveLength(1);
    expect(acks[0]!.comment).toContain('on it, checking the payment provider');
    expect(acks[0]!.matchers).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'alertname', value: 'HighErrorRate' })]));

    await expect.poll(() => page.locator(`[data-testid="silence-row"]`).filter({ hasText: SILENCE_COMMENT }).count(), RECOVERY).toBe(1);
    await showView('tab-alerts');
    await expect.poll(() => row('DiskFilling').getAttribute('data-state'), RECOVERY).toBe('silenced');
    await expect.poll(() => row('HighErrorRate').getAttribute('data-acknowledged'), RECOVERY).toBe('true');
    await row('HighErrorRate').click();
    await expect.poll(() => page.getByTestId('ack-status').getAttribute('data-delivery'), RECOVERY).toBe('sent');
  });

  it('(c) expires a silence from the Silences view', async () => {
    await showView('tab-silences');
    const silenceRow = page.getByTestId('silence-row').filter({ hasText: SILENCE_COMMENT });
    await silenceRow.getByTestId('expire-silence').click();
    await expect.poll(() => silenceRow.count(), RECOVERY).toBe(0);
    const expired = (await alertmanagerSilences(am.url)).filter((silence) => silence.comment === SILENCE_COMMENT);
    expect(expired.map((silence) => silence.status.state)).toEqual(['expired']);
    await showView('tab-alerts');
    await expect.poll(() => row('DiskFilling').getAttribute('data-state'), RECOVERY).toBe('firing');
  });

  it('(d) a resolved alert appears under History, and its detail counts its firings', async () => {
    await resolveAlerts(am.url, ALERTS.filter((alert) => alert.labels.alertname === 'CertExpiring'));
    await expect.poll(() => row('CertExpiring').count(), RECOVERY).toBe(0);
    await showView('tab-history');
    const historyRow = page.getByTestId('history-row').filter({ hasText: 'CertExpiring' });
    // The history is written as the alert leaves the dashboard; the list asks again on that, and on Refresh.
    await expect
      .poll(async () => {
        if ((await historyRow.count()) === 0) await page.getByTestId('history-refresh').click();
        return historyRow.count();
      }, RECOVERY)
      .toBeGreaterThan(0);
    const search = page.getByTestId('history-search-input');
    await search.fill('HighErrorRate');
    await expect.poll(() => historyRow.count()).toBe(0);
    await search.fill('CertExpiring');
    await expect.poll(() => historyRow.count()).toBeGreaterThan(0);
    await historyRow.first().click();
    const summary = page.getByTestId('episode-detail').getByTestId('history-summary');
    await expect.poll(() => summary.textContent(), RECOVERY).toMatch(/^Fired (once|\d+ times) in the last 7 days, median duration \d+ (s|min)$/);
    expect(Number(await summary.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await expectAccessibleInBothThemes('History view with an episode open');
  });

  it('saves a screenshot and logged no page errors', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await showView('tab-silences');
    await page.screenshot({ path: path.join(ARTIFACTS, 'offline-actions.png') });
    expect(dashboard.pageErrors).toEqual([]);
  });
});
