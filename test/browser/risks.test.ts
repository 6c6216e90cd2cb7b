/**
 * The risk register and KRI pages in a real browser against the demo workspace (14 risks, 19 KRIs
 * with their evaluated history): each page in both languages (no untranslated key, nothing left in
 * the other language, axe-core, screenshots), a risk officer editing a risk and proposing a new
 * grading through four eyes, pushing a KRI value that crosses into red and evaluating it, and the
 * KRI page's chart and history table. An auditor sees the same pages without the editing actions.
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

const DAY = 86_400_000;
const TEST_KRI = 'operational.browser_test_incidents';

const tab = (username: string): Page => tabs.tab(username);

async function open(p: Page, path: string): Promise<void> {
  await p.goto(`${running.server.url}${path}`);
  await settled(p);
}

/** Midnight UTC `days` days ago, as the API names a daily period. */
function dayStart(days: number): string {
  return new Date(Math.floor(Date.now() / DAY) * DAY - days * DAY).toISOString();
}

describe('risk register and KRI pages in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    running = await startConsoleServer();
    tabs = await SignedInTabs.open(browser, running, ['officer', 'auditor']);
  }, 120_000);

  afterAll(async () => {
    await tabs?.close();
    await browser?.close();
    await running?.stop();
  });

  it('shows every page with the demo data in both languages, accessible and fully translated', async () => {
    const list: [string, string][] = [
      ['register', '/risks'],
      ['risk', '/risks/R-CR-001'],
      ['kris', '/kris'],
      ['kri', '/kris/market.lpr_1y'],
    ];
    const p = tab('officer');
    for (const language of ['en', 'zh'] as const) {
      for (const [name, path] of list) {
        await open(p, path);
        await switchTo(p, language);
        await settled(p);
        expect(languageProblems(await visibleText(p), language), `${name} in ${language}`).toEqual([]);
        expect(await axeViolations(p), `${name} in ${language}`).toEqual([]);
        await screenshot(p, `risks-${name}-${language}`);
      }
    }
    await switchTo(p, 'en');

    await open(p, '/risks');
    await p.getByText('Risks shown: 14').waitFor();
    expect(await p.locator('main tbody tr').count()).toBeGreaterThanOrEqual(14);
    await p.getByRole('img', { name: /Heat map of 14 active risks/ }).waitFor();
    await p.getByRole('button', { name: 'Inherent' }).click();
    await p.getByRole('img', { name: /inherent grading/i }).waitFor();
    await p.getByLabel('Risk type').selectOption('credit');
    await p.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => p.locator('main table:not(.levels-table) tbody tr').count()).toBe(3);

    await open(p, '/kris');
    await p.getByText('Indicators shown: 19').waitFor();
    await p.getByLabel('Band').selectOption('green');
    await p.getByRole('button', { name: 'Filter' }).click();
    const bands = await p.locator('main tbody td .band').allInnerTexts();
    expect(bands.length).toBeGreaterThan(0);
    expect(new Set(bands)).toEqual(new Set(['Green']));
  });

  it('lets a risk officer edit a risk, and sends a new grading to four-eyes approval', async () => {
    const p = tab('officer');
    await open(p, '/risks/R-OP-001');
    await switchTo(p, 'en');
    await p.getByRole('button', { name: 'Edit details' }).click();
    const cause = 'Staff bypass the maker-checker step during month-end peaks (browser test)';
    await p.getByLabel('Cause (English)').fill(cause);
    await p.getByRole('button', { name: 'Me', exact: true }).click();
    await p.getByRole('button', { name: 'Save changes' }).click();
    await p.getByText('Changes saved.').waitFor();
    await expect.poll(() => p.locator('.risk-cause').textContent()).toBe(cause);
    await open(p, '/risks/R-OP-001');
    expect(await p.locator('.risk-cause').textContent()).toBe(cause);
    expect(await p.locator('dl.facts dd').nth(1).textContent()).toBe('You');

    await p.getByRole('button', { name: 'Add a control' }).click();
    const add = p.getByRole('form', { name: 'Add a control' });
    await add.getByLabel('Control id').fill('BT1');
    await add.getByLabel('Control (English)').fill('Weekly browser-test review');
    await add.getByLabel('Frequency').selectOption('weekly');
    await add.getByRole('button', { name: 'Save the control' }).click();
    const row = p.locator('tbody tr', { hasText: 'BT1' });
    await row.getByText('Weekly browser-test review').waitFor();
    await row.getByRole('button', { name: 'Remove control BT1' }).click();
    await row.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => p.locator('tbody tr', { hasText: 'BT1' }).count()).toBe(0);

    const regrade = p.getByRole('form', { name: 'Propose a new grading' });
    await regrade.locator('select[name="residual_likelihood"]').selectOption('1');
    await regrade.getByLabel('Reason for the change').fill('New four-eyes control tested effective');
    await regrade.getByRole('button', { name: 'Submit for approval' }).click();
    await p.getByText(/Submitted for four-eyes approval/).waitFor();
    await p.getByRole('link', { name: 'Open the pending change' }).click();
    await settled(p);
    expect(p.url()).toMatch(/\/changes\/[0-9a-f-]{36}$/);
    await p.locator('.badge.change-pending').waitFor();

    await open(p, '/risks');
    await p.getByRole('button', { name: 'New risk' }).click();
    const create = p.getByRole('form', { name: 'Record a new risk' });
    await create.getByLabel('Title (English)').fill('Browser-test vendor outage');
    await create.getByLabel('Risk type').selectOption('technology');
    await create.getByLabel('Cause (Chinese)').fill('外包服务商系统故障');
    await create.getByLabel('Consequence (English)').fill('Repayments cannot be collected for a day');
    await create.getByRole('button', { name: 'Record the risk' }).click();
    await p.waitForURL(/\/risks\/R-TE-003$/);
    await p.getByRole('region', { name: /R-TE-003 · Browser-test vendor outage/ }).waitFor();
    expect(await p.locator('.risk-cause').textContent()).toBe('外包服务商系统故障');
  });

  it('shows a pushed value that crosses into red as a red band and an alert', async () => {
    const p = tab('officer');
    const created = await callApi(p, 'POST', '/kris', {
      id: TEST_KRI,
      name: { en: 'Browser-test incidents', zh: '浏览器测试事件数' },
      risk_type: 'operational',
      unit: 'count',
      direction: 'higher_is_worse',
      frequency: 'daily',
      source: { kind: 'pushed' },
      thresholds: { amber: 5, red: 10, hysteresis: 0 },
    });
    expect(created.status).toBe(201);
    for (const [days, value] of [
      [5, 1],
      [4, 2],
      [3, 1],
    ] as const) {
      expect(
        (await callApi(p, 'POST', `/kris/${TEST_KRI}/values`, { period_start: dayStart(days), value }))
          .status,
      ).toBe(200);
      expect(
        (await callApi(p, 'POST', `/kris/${TEST_KRI}/evaluate`, { period_start: dayStart(days) })).status,
      ).toBe(200);
    }

    await open(p, `/kris/${TEST_KRI}`);
    await switchTo(p, 'en');
    expect(await p.locator('.kri-facts .band').textContent()).toBe('Green');
    const form = p.getByRole('form', { name: 'Push a value or evaluate' });
    expect(await form.getByLabel('Period').inputValue()).toBe(dayStart(2));
    await form.getByLabel('Value (count)').fill('12');
    await form.getByRole('button', { name: 'Push value' }).click();
    await p.getByText(/Value recorded for/).waitFor();
    await form.getByRole('button', { name: 'Evaluate the period' }).click();
    const notice = form.locator('.notice');
    await notice.getByText(/evaluated: 12/).waitFor();
    expect(await notice.locator('.band').textContent()).toBe('Red');
    expect(await notice.textContent()).toContain('(was Green)');
    expect(await notice.textContent()).toContain('An alert has been raised or updated');
    await expect.poll(() => p.locator('.kri-facts .band').textContent()).toBe('Red');
    const alerts = p.getByRole('region', { name: 'Open alerts for this indicator' });
    await alerts.getByText('Browser-test incidents', { exact: false }).waitFor();
    expect(await p.locator('.history-table tbody tr').count()).toBe(4);
    expect(await p.locator('.history-table tbody tr').first().locator('.band').textContent()).toBe('Red');
    await screenshot(p, 'risks-kri-red-en');
  });

  it('shows a KRI’s history as a chart with its text equivalent and a paged table', async () => {
    const p = tab('auditor');
    await open(p, '/kris/market.lpr_1y');
    const chart = p.getByRole('img', { name: /History of 1-year loan prime rate/ });
    await chart.waitFor();
    await expect.poll(() => chart.locator('canvas').count()).toBe(1);
    await p.getByText(/Periods evaluated: 36/).waitFor();
    expect(await p.locator('.history-table tbody tr').count()).toBe(20);
    await p.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next page' }).click();
    expect(await p.locator('.history-table tbody tr').count()).toBe(16);
    await p.getByRole('cell', { name: 'CUSUM control chart' }).waitFor();
    expect(await p.getByRole('form', { name: 'Push a value or evaluate' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Change thresholds' }).count()).toBe(0);
    await open(p, '/risks');
    expect(await p.getByRole('button', { name: 'New risk' }).count()).toBe(0);
    expect(tabs.errors).toEqual([]);
  });
});
