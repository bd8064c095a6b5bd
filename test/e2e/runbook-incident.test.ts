import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/incident';
import { postAlerts, startAlertmanager, type RunningAlertmanager } from '../helpers/servers';
import { openDashboard, type OpenDashboard } from '../helpers/web-app';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-results');

const RUNBOOK = `---
title: Checkout error rate
services: [checkout]
alerts: alertname="CheckoutErrors"
severity: critical
owner: payments-team
tags: [errors, checkout]
---
# Checkout error rate

Use this when checkout answers with 5xx.

## Look at the errors

- [ ] Open the error dashboard
- [ ] Note when the errors started

\`\`\`sh
kubectl -n shop logs deploy/checkout --since=15m | grep {{ $labels.instance }}
\`\`\`

## Was there a deploy?

- [Yes, roll back](#roll-back)
- [No, check the database](#check-the-database)

## Check the database

- [ ] Connections below the limit

## Roll back

\`\`\`sh
kubectl -n shop rollout undo deploy/checkout
\`\`\`

- [ ] Rollout finished
`;

const ALERT = {
  labels: { alertname: 'CheckoutErrors', severity: 'critical', service: 'checkout', instance: 'web-1' },
  annotations: { summary: 'checkout answers 5xx', runbook_url: 'runbooks/checkout-errors.md' },
};

/** The whole on-call path in Chromium: alert → runbook in guided mode → incident → postmortem → restart. */
describe('runbooks in guided mode and an incident, in Chromium against a real Alertmanager', () => {
  let am: RunningAlertmanager;
  let dashboard: OpenDashboard;
  let page: Page;

  beforeAll(async () => {
    am = await startAlertmanager();
    await postAlerts(am.url, [ALERT]);
    dashboard = await openDashboard(`sources:\n  - type: alertmanager\n    name: prod-am\n    url: ${am.url}\n    interval: 1s\nrunbooks:\n  - runbooks/\n`, {
      files: { 'runbooks/checkout-errors.md': RUNBOOK },
    });
    page = dashboard.page;
  });

  afterAll(async () => {
    await dashboard?.close();
    await am?.stop();
  });

  const command = async <T>(name: string, input: unknown): Promise<T> => {
    const token = new URL(dashboard.app.openUrl).hash.replace('#token=', '');
    const response = await fetch(new URL(`/api/commands/${name}`, dashboard.app.openUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return ((await response.json()) as { result: T }).result;
  };

  it("follows the alert's runbook step by step, through a choice, to the end", async () => {
    await page.getByTestId('alert-row').filter({ hasText: 'CheckoutErrors' }).click({ timeout: 20_000 });
    const suggestions = page.getByTestId('alert-runbooks').getByTestId('alert-runbook');
    await expect.poll(() => suggestions.first().textContent()).toContain('Checkout error rate');
    await suggestions.first().getByTestId('follow-runbook').click();

    const guide = page.getByTestId('runbook-guide');
    await expect.poll(() => guide.getByTestId('runbook-progress').textContent()).toContain('1 of 4');
    // The alert's labels fill the command.
    expect(await guide.getByTestId('runbook-command').first().textContent()).toContain('grep web-1');
    for (const check of await guide.getByTestId('runbook-check').all()) await check.check();
    await guide.getByTestId('runbook-next').click();

    await expect.poll(() => guide.getByTestId('runbook-progress').textContent()).toContain('2 of 4');
    await guide.locator('[data-testid="runbook-choice"][data-target="roll-back"]').click();
    await expect.poll(() => guide.textContent()).toContain('rollout undo');
    await guide.getByTestId('runbook-check').first().check();
    await guide.getByTestId('runbook-note').fill('rolled back v42');
    await guide.getByTestId('runbook-note').blur();
    await guide.getByTestId('runbook-finish').click();
    await expect.poll(() => guide.getByTestId('runbook-finished').isVisible()).toBe(true);
  });

  it('declares an incident from the alert, changes its status and shows the timeline', async () => {
    await page.getByTestId('tab-alerts').click();
    await page.getByTestId('alert-row').filter({ hasText: 'CheckoutErrors' }).click();
    await page.getByTestId('declare-from-alert').click();
    await page.getByTestId('incident-title-input').fill('Checkout errors');
    await page.getByTestId('incident-severity-select').selectOption('SEV2');
    await page.getByTestId('incident-declare-submit').click();

    const detail = page.getByTestId('incident-detail');
    await expect.poll(() => detail.isVisible(), { timeout: 10_000 }).toBe(true);
    await detail.getByTestId('incident-status-select').selectOption('identified');
    const timeline = detail.getByTestId('incident-timeline');
    await expect.poll(() => timeline.textContent()).toContain('Status: investigating → identified');
    expect(await timeline.locator('[data-testid="timeline-entry"][data-kind="declared"]').count()).toBe(1);
  });

  it('exports the postmortem draft exactly as expected', async () => {
    const [incident] = await command<Incident[]>('getSnapshot', {}).then((snapshot) => (snapshot as unknown as { incidents: Incident[] }).incidents);
    await page.getByTestId('export-postmortem').click();
    const markdown = await page.getByTestId('postmortem-markdown').textContent();
    const time = (iso: string) => `${iso.slice(11, 16)} UTC`;
    const day = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
    const entries = incident!.timeline.map((entry) => `- ${time(entry.at)} — ${entry.text}`).join('\n');
    expect(incident!.timeline.map((entry) => entry.kind)).toEqual(['declared', 'status']);
    expect(markdown).toBe(`# Postmortem: Checkout errors

_A draft written from the incident record. Replace the text in italics._

- **Severity:** SEV2
- **Status:** identified
- **Declared:** ${day(incident!.declaredAt)}
- **Resolved:** not yet
- **Duration:** ongoing
- **Incident commander:** _not assigned_
- **Communications lead:** _not assigned_
- **Ops lead:** _not assigned_
- **Origin:** alert CheckoutErrors (checkout)

## Summary

_What happened, why, and how it was fixed, in two or three sentences for someone who was not there._

- Linked alerts: CheckoutErrors (checkout)
- Linked SLOs: none

## Impact

_Who was affected (users, customers, other teams), how, and for how long; numbers where there are any._

_No SLO was linked to this incident._

## Timeline

Times in UTC; ★ marks key moments.

### Key moments

_None marked yet._

### Every entry

${entries}

## Contributing factors

- _What made this possible: a change (deploy, configuration, data, traffic), a dependency, a capacity limit._
- _What made it worse or slower to fix: a missing or noisy alert, an unclear runbook, missing access._

## Action items

| Action | Owner | Due | Ticket |
| --- | --- | --- | --- |
| _What will be done_ | _Who_ | _When_ | _Link_ |

## Runbooks used

- Checkout error rate (checkout-errors.md)
`);
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(path.join(ARTIFACTS, 'postmortem.md'), markdown!);
    await page.screenshot({ path: path.join(ARTIFACTS, 'incident.png') });
  });

  it('finds the runbook progress and the incident intact after the engine restarts', async () => {
    await dashboard.app.restart();
    await page.goto(dashboard.app.openUrl);
    await page.reload();
    // While the engine was down, the old page's event socket failed to reconnect: expected, not a page error.
    dashboard.pageErrors.length = 0;
    await page.getByTestId('tab-incidents').click();
    await expect.poll(() => page.getByTestId('incident-row').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('incident-row').first().click();
    await expect.poll(() => page.getByTestId('incident-timeline').textContent()).toContain('Status: investigating → identified');
    const snapshot = await command<{ runbooks: { sessions: Array<{ runbookId: string; finishedAt: string | null; notes: Record<string, string>; completedSteps: string[] }> } }>('getSnapshot', {});
    const session = snapshot.runbooks.sessions.find((candidate) => candidate.runbookId === 'checkout-errors.md');
    expect(session).toMatchObject({ notes: { 'roll-back': 'rolled back v42' }, completedSteps: ['look-at-the-errors', 'was-there-a-deploy', 'roll-back'] });
    expect(session!.finishedAt).not.toBeNull();
    await page.getByTestId('tab-runbooks').click();
    await expect.poll(() => page.getByTestId('runbook-session-row').count()).toBeGreaterThan(0);
    expect(dashboard.pageErrors).toEqual([]);
  });
});
