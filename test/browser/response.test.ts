/**
 * The response pages (cases, incidents, emergency plans, drills) in a real browser against the demo
 * workspace: every page in both languages (no untranslated key, no serious accessibility
 * violation, screenshots), and an analyst's work: a note, self-assignment and resolution of a case
 * with a disposition; a timeline entry on an incident; a plan activated for a new incident and an
 * item of its checklist ticked.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type ConsoleServer,
  languageProblems,
  launchChromium,
  screenshot,
  settled,
  signIn,
  startConsoleServer,
  switchTo,
  visibleText,
} from './harness.js';

let running: ConsoleServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** GETs `path` of the API as the signed-in analyst. */
async function apiGet<T>(path: string): Promise<T> {
  return (await page.evaluate(`fetch('/api/v1${path}').then((r) => r.json())`)) as T;
}

/** POSTs `body` to `path` of the API as the signed-in analyst; the answer. */
async function apiPost<T>(path: string, body: unknown): Promise<T> {
  return (await page.evaluate(`(async () => {
    const session = await (await fetch('/api/v1/auth/session')).json();
    const response = await fetch('/api/v1${path}', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
      body: ${JSON.stringify(JSON.stringify(body))},
    });
    return response.json();
  })()`)) as T;
}

describe('response pages in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    running = await startConsoleServer();
    const user = running.users.get('analyst');
    if (!user) throw new Error('the demo workspace printed no analyst account');
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, running.server.url, user);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await running?.stop();
  });

  it('shows every page in both languages with demo data, no untranslated key and no serious violation', async () => {
    const cases = await apiGet<{ items: { id: string }[]; total: number }>('/cases?status=active');
    const incidents = await apiGet<{ items: { id: string; status: string }[] }>('/incidents');
    const plans = await apiGet<{ items: { id: string; last_drill_at: string | null }[] }>('/plans');
    const drills = await apiGet<{ items: { id: string }[] }>('/drills');
    expect(cases.total).toBe(2);
    expect(incidents.items.map((i) => i.status)).toEqual(['reviewed']);
    expect(plans.items).toHaveLength(4);
    expect(drills.items).toHaveLength(2);
    const drilled = plans.items.find((p) => p.last_drill_at !== null);
    const list: [string, string][] = [
      ['cases', '/cases'],
      ['case', `/cases/${cases.items[0]?.id}`],
      ['incidents', '/incidents'],
      ['incident', `/incidents/${incidents.items[0]?.id}`],
      ['plans', '/plans'],
      ['plan', `/plans/${drilled?.id}`],
      ['drills', '/drills'],
      ['drill', `/drills/${drills.items[0]?.id}`],
    ];
    for (const language of ['en', 'zh'] as const) {
      for (const [name, path] of list) {
        await page.goto(`${running.server.url}${path}`);
        await switchTo(page, language);
        await settled(page);
        await expect
          .poll(() => page.locator('main table, main .empty-state, main dl').count())
          .toBeGreaterThan(0);
        expect(await page.locator('.error-notice').count(), `${name} in ${language}`).toBe(0);
        expect(languageProblems(await visibleText(page), language), `${name} in ${language}`).toEqual([]);
        expect(await axeViolations(page), `${name} in ${language}`).toEqual([]);
        await screenshot(page, `response-${name}-${language}`);
      }
    }
    await switchTo(page, 'en');
    // The demo's figures are on the pages: two active cases, a plan overdue for its drill, a review.
    await page.goto(`${running.server.url}/cases`);
    await settled(page);
    expect(await page.locator('main tbody tr').count()).toBe(2);
    await page.goto(`${running.server.url}/plans`);
    await settled(page);
    expect(await page.locator('main tbody tr').count()).toBe(4);
    expect(await page.getByText('Drill overdue').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('lets an analyst note, take and resolve a case with a disposition', async () => {
    await page.goto(`${running.server.url}/cases`);
    await settled(page);
    await page.getByRole('link', { name: /One device filed 14 loan applications/ }).click();
    await settled(page);
    await page.getByLabel('New note').fill('Called the applicant: the number is not theirs');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.thread li', { hasText: 'Called the applicant' }).waitFor();

    await page.getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => page.getByTestId('case-assignee').textContent()).toBe('Me');
    // Every signed-in person may read the people directory, so the analyst picks a colleague by name.
    const assignee = page.getByRole('combobox', { name: 'Someone else' });
    await expect.poll(() => assignee.locator('option').count()).toBeGreaterThan(3);
    expect(await assignee.locator('option', { hasText: 'Demo approver' }).count()).toBe(1);

    await page.locator('select[name="disposition"]').selectOption('confirmed_fraud');
    await page.getByRole('status').filter({ hasText: 'No decision is linked' }).waitFor();
    await page.getByLabel('Resolution note').fill('Device shared by a fraud ring');
    await page.getByRole('button', { name: 'Resolve case' }).click();
    await expect.poll(() => page.locator('.facts .badge.w-resolved').textContent()).toBe('Resolved');
    expect(await page.getByTestId('case-disposition').textContent()).toContain('Confirmed fraud');
    await expect.poll(() => page.locator('.thread li', { hasText: 'Confirmed fraud' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Reopen' }).count()).toBe(1);
    await screenshot(page, 'response-case-resolved-en');

    await page.goto(`${running.server.url}/cases?status=resolved`);
    await settled(page);
    expect(await page.locator('main tbody tr').count()).toBe(1);
  }, 120_000);

  it('lets an analyst add a timeline entry to an incident', async () => {
    await page.goto(`${running.server.url}/incidents`);
    await settled(page);
    await page.getByRole('link', { name: /Primary database failure/ }).click();
    await settled(page);
    const before = await page.locator('.thread li').count();
    await page.getByLabel('What happened').fill('Regulator asked for the written report');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await page.locator('.thread li', { hasText: 'Regulator asked for the written report' }).waitFor();
    expect(await page.locator('.thread li').count()).toBe(before + 1);
    // The activated plan's checklist of the demo incident is shown with its step titles.
    expect(await page.getByText(/Checklist: .*\(v1\)/).count()).toBe(1);
  }, 120_000);

  it('activates a plan for a new incident and ticks an item of its checklist', async () => {
    const incident = await apiPost<{ id: string }>('/incidents', {
      title: 'Decision API latency above 2 s',
      type: 'system_outage',
      severity: 'SEV3',
    });
    await page.goto(`${running.server.url}/incidents/${incident.id}`);
    await settled(page);
    await page.getByLabel('Emergency plan', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await page.locator('.checklist').waitFor();
    expect(await page.locator('.checklist tbody tr').count()).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Mark step 1 done' }).click();
    await expect
      .poll(() => page.locator('.checklist tbody tr').first().locator('.badge.w-done').count())
      .toBe(1);
    expect(await page.getByText('1 done, 0 skipped').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Mark step 1 done' }).count()).toBe(0);
    // The tick is on the timeline too, with the step's title.
    expect(await page.locator('.thread li', { hasText: 'Done' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'response-checklist-en');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
