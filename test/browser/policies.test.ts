/**
 * The policy and list pages in a real browser against the demo workspace: each page in both
 * languages (no untranslated key, no axe violation, screenshots), and the scenario: a risk
 * officer edits the active withdrawal policy, sees a CEL error appear and go, tries the draft on a
 * sample event, backtests it against the active version, saves it and submits it; an approver
 * approves it on the change page (the officer cannot: four eyes); a decision made afterwards through
 * an `integration` API key follows the new rule.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type ConsoleServer,
  callApi,
  languageProblems,
  launchChromium,
  SignedInTabs,
  screenshot,
  settled,
  startConsoleServer,
  switchTo,
  visibleText,
} from './harness.js';

let running: ConsoleServer;
let browser: Browser;
let tabs: SignedInTabs;

const POLICY = 'withdrawal-default';
const NEW_RULE = `  - id: W900_very_large
    description: { en: "Withdrawal above 200,000 yuan", zh: "单笔提现超过 20 万元" }
    when: "data.amount > 200000.0"
    action: reject
    priority: 200
`;

const tab = (username: string): Page => tabs.tab(username);

describe('policy and list pages in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    running = await startConsoleServer();
    tabs = await SignedInTabs.open(browser, running, ['officer', 'approver', 'admin']);
  }, 180_000);

  afterAll(async () => {
    await tabs?.close();
    await browser?.close();
    await running?.stop();
  });

  it('shows every policy and list page in both languages with no untranslated key', async () => {
    const list: [string, string][] = [
      ['policies', '/policies'],
      ['policy', `/policies/${POLICY}`],
      ['editor', `/policies/${POLICY}/edit`],
      ['new', '/policies/new'],
      ['lists', '/lists'],
      ['list', '/lists/datacenter_ranges'],
    ];
    const p = tab('officer');
    for (const language of ['en', 'zh'] as const) {
      for (const [name, path] of list) {
        await p.goto(`${running.server.url}${path}`);
        await switchTo(p, language);
        await settled(p);
        if (name === 'editor' || name === 'new') await p.locator('.check-status.check-ok').waitFor();
        expect(languageProblems(await visibleText(p), language), `${name} in ${language}`).toEqual([]);
        expect(await axeViolations(p), `${name} in ${language}`).toEqual([]);
        await screenshot(p, `policies-${name}-${language}`);
      }
    }
    await switchTo(p, 'en');
    const text = await (async () => {
      await p.goto(`${running.server.url}/policies`);
      await settled(p);
      return p.locator('main table').textContent();
    })();
    expect(text).toContain(POLICY);
    expect(text).toContain('withdrawal');
    expect(tabs.errors).toEqual([]);
  }, 240_000);

  it('lets a risk officer change a rule, try and backtest it, and submit it; an approver deploys it', async () => {
    const officer = tab('officer');
    await officer.goto(`${running.server.url}/policies/${POLICY}`);
    await switchTo(officer, 'en');
    await settled(officer);
    await officer.getByRole('link', { name: 'Edit as new draft' }).click();
    await settled(officer);
    const editor = officer.getByLabel('Policy text (YAML or JSON)');
    await officer.locator('.check-status.check-ok').waitFor();
    const original = await editor.inputValue();
    expect(original).toContain('W001_blacklisted_card');

    // A broken CEL expression: the problem appears next to the new rule and its line.
    const withRule = original.replace('rules:\n', `rules:\n${NEW_RULE}`);
    await editor.fill(withRule.replace('data.amount > 200000.0', 'data.amount > (200000.0'));
    const problem = officer.locator('.problem[data-rule="W900_very_large"]');
    await problem.waitFor({ timeout: 10_000 });
    const line = withRule.split('\n').findIndex((l) => l.includes('data.amount > 200000.0')) + 1;
    expect(await problem.getAttribute('data-line')).toBe(String(line));
    expect(await problem.textContent()).toMatch(/Rule W900_very_large · line \d+/);
    expect(await officer.locator('.gutter-error').textContent()).toContain(String(line));
    await screenshot(officer, 'policies-editor-error-en');

    // Fixed: the problem goes away.
    await editor.fill(withRule);
    await officer.locator('.check-status.check-ok').waitFor({ timeout: 10_000 });
    expect(await officer.locator('.problem').count()).toBe(0);

    // Tried on a sample event above the new limit.
    const sample = officer.getByLabel('Sample event (JSON, as sent to POST /decisions)');
    await expect.poll(() => sample.inputValue()).toContain('"withdrawal"');
    const event = JSON.parse(await sample.inputValue());
    event.data.amount = 250000;
    await sample.fill(JSON.stringify(event, null, 2));
    await officer.getByRole('button', { name: 'Run the draft' }).click();
    await officer.locator('.try-result').waitFor();
    expect(await officer.locator('.try-result [data-outcome]').getAttribute('data-outcome')).toBe('reject');
    expect(await officer.locator('.try-result .rule-hit').first().textContent()).toContain('W900_very_large');

    // Backtested against the active version: the outcome-change table.
    await officer.getByRole('button', { name: 'Run backtest' }).click();
    const transitions = officer.locator('table.transition-table');
    await transitions.waitFor({ timeout: 60_000 });
    expect(await transitions.textContent()).toContain('Active → draft');
    expect(await officer.locator('.backtest-report').textContent()).toContain('W900_very_large');
    await screenshot(officer, 'policies-editor-backtest-en');

    // Saved and submitted for approval.
    await officer.getByRole('button', { name: 'Save as new version' }).click();
    await officer.getByText(`Saved as ${POLICY} version 2`).waitFor();
    await officer.getByLabel('Reason for the change').fill('reject very large withdrawals');
    await officer.getByRole('button', { name: 'Submit for approval' }).click();
    const changeLink = officer.getByRole('link', { name: 'Open the change request' });
    await changeLink.waitFor();
    const href = await changeLink.getAttribute('href');
    expect(href).toMatch(/^\/changes\/[0-9a-f-]{36}$/);

    // The officer cannot approve their own change.
    await changeLink.click();
    await settled(officer);
    await officer.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => officer.locator('.error-notice').textContent()).toMatch(/another person/);

    // The approver approves it.
    const approver = tab('approver');
    await approver.goto(`${running.server.url}${href}`);
    await settled(approver);
    await approver.getByRole('button', { name: 'Approve' }).click();
    await approver.locator('.badge.change-applied').waitFor();

    const policy = await callApi(approver, 'GET', `/policies/${POLICY}`);
    expect(policy.body).toMatchObject({ mode: 'active', deployed_version: 2 });
    await approver.goto(`${running.server.url}/policies/${POLICY}`);
    await settled(approver);
    await screenshot(approver, 'policies-policy-deployed-en');

    // A decision made afterwards through an integration key follows the new rule.
    const admin = tab('admin');
    const key = await callApi<{ key: string }>(admin, 'POST', '/api-keys', {
      name: 'policies browser test',
      roles: ['integration'],
    });
    expect(key.status).toBe(201);
    const decision = await admin.evaluate(`(async () => {
      const response = await fetch('/api/v1/decisions', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ${key.body.key}' },
        body: JSON.stringify({
          type: 'withdrawal',
          id: 'browser-w900-1',
          occurred_at: new Date().toISOString(),
          subject: { user_id: 'u-browser-1', device_id: 'd-browser-1', ip: '203.0.113.20' },
          data: { amount: 300000, currency: 'CNY' },
        }),
      });
      return { status: response.status, body: await response.json() };
    })()`);
    const d = decision as {
      status: number;
      body: { outcome: string; rule_hits: { rule_id: string }[]; policy: unknown };
    };
    expect(d.status).toBe(200);
    expect(d.body.outcome).toBe('reject');
    expect(d.body.policy).toEqual({ id: POLICY, version: 2 });
    expect(d.body.rule_hits.map((h) => h.rule_id)).toContain('W900_very_large');
  }, 240_000);

  it('adds, finds and removes a list entry and imports a CSV file', async () => {
    const officer = tab('officer');
    await officer.goto(`${running.server.url}/lists/blacklist_device`);
    await switchTo(officer, 'en');
    await settled(officer);
    await officer.getByRole('form', { name: 'Add an entry' }).getByLabel('Value').fill('dev-fraud-42');
    await officer
      .getByRole('form', { name: 'Add an entry' })
      .getByLabel('Reason')
      .fill('confirmed fraud case');
    await officer.getByRole('button', { name: 'Add', exact: true }).click();
    await officer.getByText('dev-fraud-42 added.').waitFor();
    await officer.locator('td', { hasText: 'dev-fraud-42' }).first().waitFor();

    const csv = 'value,reason,expires_at\ndev-a,fraud ring,\ndev-b,fraud ring,not-a-time\n';
    await officer
      .locator('input[type=file]')
      .setInputFiles({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await officer.getByRole('button', { name: 'Import', exact: true }).click();
    const report = officer.locator('.import-report');
    await report.waitFor();
    expect(await report.textContent()).toMatch(/2 rows: 1 added, 0 updated, 1 refused/);
    await screenshot(officer, 'policies-list-import-en');

    await officer.getByRole('form', { name: 'Look up' }).getByLabel('Value').fill('dev-fraud-42');
    await officer.getByRole('button', { name: 'Look up' }).click();
    await expect
      .poll(() => officer.getByRole('region', { name: 'Entries', exact: true }).locator('tbody tr').count())
      .toBe(1);
    await officer.getByRole('button', { name: 'Remove dev-fraud-42' }).click();
    await officer.getByLabel('Reason for removal').fill('cleared after review');
    await officer.getByRole('button', { name: 'Remove', exact: true }).click();
    await officer.getByText('No entries').waitFor();
  }, 120_000);
});
