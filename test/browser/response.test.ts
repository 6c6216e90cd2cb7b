/**
 * The response pages (cases, incidents, emergency plans, drills) in a real browser against the demo
 * workspace: every page in both languages (no untranslated key, no serious accessibility
 * violation, screenshots), and an analyst's work: a note, self-assignment and resolution of a case
 * with a disposition; a timeline entry on an incident; a plan activated for a new incident and an
 * item of its checklist ticked; a plan written in the console (two steps, one moved up) and its
 * version 2.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type ConsoleServer,
  callApi,
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

  it('lets an analyst write a plan of two steps and then its version 2', async () => {
    // The analyst holds `case:work`, the permission of POST /plans and /plans/{id}/versions.
    await page.goto(`${running.server.url}/plans`);
    await settled(page);
    await page.getByRole('link', { name: 'New plan' }).click();
    await settled(page);
    expect(new URL(page.url()).pathname).toBe('/plans/new');

    // Sending the blank form lists what is missing instead of calling the server.
    await page.getByRole('button', { name: 'Save the plan' }).click();
    const problems = page.locator('.plan-problems li');
    await expect.poll(() => problems.count()).toBeGreaterThan(3);
    expect(await page.getByText('Scenario: required').count()).toBe(1);
    for (const language of ['en', 'zh'] as const) {
      await switchTo(page, language);
      await settled(page);
      expect(languageProblems(await visibleText(page), language), `new plan in ${language}`).toEqual([]);
      expect(await axeViolations(page), `new plan in ${language}`).toEqual([]);
      await screenshot(page, `response-plan-new-${language}`);
    }
    expect(await page.getByText('适用场景：必填').count()).toBe(1);
    await switchTo(page, 'en');

    await page.getByLabel('Scenario').selectOption('fraud_wave');
    await page.getByLabel('Title in English').fill('Promotion abuse response plan');
    await page.getByLabel('Title in Chinese').fill('营销活动薅羊毛应急预案');
    await page.getByLabel('Description in English').fill('When coupon claims from new devices surge.');
    await page.getByLabel('Description in Chinese').fill('新设备领券量激增时启动。');
    await page.getByLabel('Recovery time objective (RTO), minutes').fill('90');
    await page.getByLabel('Recovery point objective (RPO), minutes').fill('0');
    await page.getByLabel('Drill every … days').fill('180');
    await page.getByLabel('Step 1 – Step in English').fill('Pause the campaign');
    await page.getByLabel('Step 1 – Step in Chinese').fill('暂停营销活动');
    await page.getByLabel('Step 1 – owner', { exact: true }).fill('marketing');
    await page.getByLabel('Step 1 – Expected minutes').fill('15');
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByLabel('Step 2 – Step in English').fill('Confirm the abuse pattern');
    await page.getByLabel('Step 2 – Step in Chinese').fill('确认作弊特征');
    // Step 2 is owned by a person, chosen by name from the people directory.
    await page.getByLabel('Step 2 – owner type').selectOption('user');
    await page.locator('select#plan-ownerId-2').waitFor();
    await page.locator('select#plan-ownerId-2').selectOption({ label: 'Demo approver / 演示审批人' });
    await page.getByLabel('Step 2 – Expected minutes').fill('30');
    // The steps are done in order: confirming the pattern comes first.
    await page.getByRole('button', { name: 'Move step 2 up' }).click();
    expect(await page.getByLabel('Step 1 – Step in English').inputValue()).toBe('Confirm the abuse pattern');
    expect(await page.getByTestId('plan-total').textContent()).toContain('45 min');
    await page.getByRole('button', { name: 'Add a contact' }).click();
    await page.getByLabel('Contact 1 – Name').fill('赵磊 Zhao Lei');
    await page.getByLabel('Contact 1 – Responsibility').fill('营销负责人 Head of marketing');
    await page.getByLabel('Contact 1 – Phone').fill('+86 10 5555 0301');
    await screenshot(page, 'response-plan-new-filled-en');
    // What only the server checks (a control character) comes back with its problem message.
    await page.getByLabel('Step 2 – Step in English').fill('Pause the campaign\u0007');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.locator('.plan-editor .error-notice').waitFor();
    expect(await page.locator('.plan-editor .error-notice').textContent()).toContain('steps.1.title.en');
    expect(new URL(page.url()).pathname).toBe('/plans/new');
    await page.getByLabel('Step 2 – Step in English').fill('Pause the campaign');
    await page.getByRole('button', { name: 'Save the plan' }).click();

    await page.getByRole('heading', { name: 'Promotion abuse response plan' }).waitFor();
    await settled(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/plans\/[^/]+$/);
    const steps = page.locator('section[aria-label="Steps"] tbody tr');
    await expect.poll(() => steps.count()).toBe(2);
    expect(await steps.nth(0).textContent()).toContain('Confirm the abuse pattern');
    expect(await steps.nth(0).textContent()).toContain('Demo approver');
    expect(await steps.nth(1).textContent()).toContain('Pause the campaign');
    expect(await steps.nth(1).textContent()).toContain('45 min');
    expect(await page.locator('.facts').textContent()).toContain('v1');
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const created = await callApi(page, 'GET', `/plans/${id}`);
    expect(created.body).toMatchObject({
      scenario: 'fraud_wave',
      rto_minutes: 90,
      drill_frequency_days: 180,
    });

    // Version 2: the form starts from version 1 and needs the note of what changed.
    await page.getByRole('button', { name: 'New version' }).click();
    expect(await page.getByLabel('Title in English').inputValue()).toBe('Promotion abuse response plan');
    expect(await page.getByLabel('Step 2 – Step in Chinese').inputValue()).toBe('暂停营销活动');
    await page.getByRole('button', { name: 'Save the new version' }).click();
    await page.getByText('What changed in this version: required').waitFor();
    await switchTo(page, 'zh');
    // The form's own text: the rest of the page holds data of earlier tests (an English incident title).
    const editorText = (): Promise<string> =>
      page.evaluate(`document.querySelector('section.plan-editor-panel').innerText`);
    expect(languageProblems(await editorText(), 'zh'), 'new version in zh').toEqual([]);
    expect(await axeViolations(page), 'new version in zh').toEqual([]);
    await screenshot(page, 'response-plan-version-zh');
    await switchTo(page, 'en');
    expect(languageProblems(await editorText(), 'en'), 'new version in en').toEqual([]);
    expect(await axeViolations(page), 'new version in en').toEqual([]);
    await page.getByLabel('Recovery time objective (RTO), minutes').fill('60');
    await page.getByLabel('Step 2 – Expected minutes').fill('10');
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByLabel('Step 3 – Step in English').fill('Report the loss to the risk committee');
    await page.getByLabel('Step 3 – Step in Chinese').fill('向风险管理委员会报告损失');
    await page.getByLabel('Step 3 – owner', { exact: true }).fill('cro');
    await page.getByLabel('Step 3 – Expected minutes').fill('20');
    await page
      .getByLabel('What changed in this version')
      .fill('Faster pause; report losses to the committee');
    await screenshot(page, 'response-plan-version-en');
    await page.getByRole('button', { name: 'Save the new version' }).click();

    await page.getByRole('status').filter({ hasText: 'Version 2 saved and now current.' }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('v2');
    expect(await page.locator('.facts').textContent()).toContain('1 h');
    await expect.poll(() => steps.count()).toBe(3);
    expect(await steps.nth(1).textContent()).toContain('10 min');
    expect(await steps.nth(2).textContent()).toContain('Report the loss to the risk committee');
    expect(await steps.nth(2).textContent()).toContain('1 h');
    const versions = page.locator('section[aria-label="Versions"] li');
    expect(await versions.count()).toBe(2);
    expect(await versions.first().textContent()).toContain('Faster pause; report losses to the committee');
    expect(await page.getByRole('button', { name: 'New version' }).count()).toBe(1);
    await screenshot(page, 'response-plan-v2-en');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
