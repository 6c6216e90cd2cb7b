/**
 * The credit pages in a real browser against the demo workspace: scorecards, the approval queue,
 * loans and the portfolio in both languages (no untranslated key, no serious accessibility
 * violation, screenshots), the scorecard's bins table and chart labels, and an approver approving a
 * pending application within their authority and seeing it booked.
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

/** The first item's id of a list endpoint, read with the signed-in session. */
async function firstId(p: Page, path: string): Promise<string> {
  const id = await p.evaluate(
    `fetch('/api/v1${path}').then((r) => r.json()).then((d) => (d.items ?? d)[0]?.id)`,
  );
  expect(typeof id).toBe('string');
  return String(id);
}

describe('credit pages in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    running = await startConsoleServer();
    const user = running.users.get('approver');
    if (!user) throw new Error('the demo workspace printed no approver account');
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

  it('shows the scorecard with its bins table, IV, validation figures and monitoring charts', async () => {
    await page.goto(`${running.server.url}/scorecards`);
    await settled(page);
    await page.getByRole('link', { name: 'retail_application' }).click();
    await settled(page);
    const bins = page.getByRole('table', { name: 'Bins of age' });
    await bins.waitFor();
    for (const header of ['Bin', 'Count', 'Share', 'Bad rate', 'Weight of evidence (WOE)', 'Points'])
      await expect.poll(() => bins.getByRole('columnheader', { name: header, exact: true }).count()).toBe(1);
    expect(await bins.locator('tbody tr').count()).toBeGreaterThan(2);
    await page.getByLabel('Variable', { exact: true }).selectOption('province');
    await page.getByRole('table', { name: 'Bins of province' }).getByText('Any other category').waitFor();
    for (const label of [
      /information value of each variable/,
      /weekly PSI of the score/,
      /weekly CSI/,
      /by training score decile/,
      // The demo card was registered with its hold-out validation report, so both curves are drawn.
      /^ROC curve: share of bads caught/,
      /^KS chart: cumulative shares/,
    ])
      await expect.poll(() => page.getByRole('img', { name: label }).count()).toBe(1);
    expect(await page.getByText(/The ROC and KS curves need the validation report/).count()).toBe(0);
    await page
      .getByRole('table', { name: 'Population stability index (PSI) of the score' })
      .locator('tbody tr')
      .first()
      .waitFor();
    // The demo scores a few applications a week: their PSI is marked as noise, not as drift.
    await page.getByText(/fewer than 100 scores are marked/).waitFor();
    expect(
      await page
        .getByRole('table', { name: 'Population stability index (PSI) of the score' })
        .getByText('too few scores')
        .count(),
    ).toBeGreaterThan(0);
  });

  it('lets an approver approve an application within their authority and shows it booked', async () => {
    await page.goto(`${running.server.url}/loan-applications`);
    await settled(page);
    await page.getByText('Your approval authority').waitFor();
    expect(await page.locator('.credit-figures dd').first().textContent()).toBe('¥50,000.00');
    const row = page.locator('tbody tr', { has: page.getByText('Within', { exact: true }) }).first();
    const link = row.getByRole('link');
    const href = String(await link.getAttribute('href'));
    const borrower = String(await row.locator('td').nth(1).textContent());
    await row.getByRole('button', { name: 'Approve' }).click();
    await row.getByLabel('Comment (optional)').fill('within my authority');
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(new RegExp(`Approved and booked: .* to ${borrower}\\.`)).waitFor();
    await screenshot(page, 'credit-approved-en');
    await page.goto(`${running.server.url}${href}`);
    await settled(page);
    await page.locator('.badge', { hasText: 'Booked' }).waitFor();
    await page.getByText('within my authority').waitFor();
    await page
      .getByRole('link', { name: /^[0-9a-f-]{36}$/ })
      .first()
      .waitFor();

    // Amount filters go to the server: above every demo amount nothing matches, and the page says so.
    await page.goto(`${running.server.url}/loan-applications?status=booked&min=99999999`);
    await settled(page);
    await page
      .getByText('No application matches the product and amount filters.', { exact: false })
      .waitFor();
    await page.goto(`${running.server.url}/loan-applications?status=booked&min=1e5`);
    await settled(page);
    await page.locator('.error-notice', { hasText: 'min_amount' }).waitFor();
  });

  it('shows every credit page in both languages with no untranslated key or accessibility violation', async () => {
    const application = await firstId(page, '/loan-applications?limit=1');
    const loan = await firstId(page, '/loans?status=active&limit=1');
    const list: [string, string][] = [
      ['scorecards', '/scorecards'],
      ['scorecard', '/scorecards/retail_application'],
      ['applications', '/loan-applications'],
      ['application', `/loan-applications/${application}`],
      ['loans', '/loans'],
      ['loan', `/loans/${loan}`],
      ['portfolio', '/portfolio'],
    ];
    for (const language of ['en', 'zh'] as const) {
      for (const [name, path] of list) {
        await page.goto(`${running.server.url}${path}`);
        await switchTo(page, language);
        await settled(page);
        expect(await page.locator('main .error-notice').count(), `${name} in ${language}`).toBe(0);
        expect(languageProblems(await visibleText(page), language), `${name} in ${language}`).toEqual([]);
        expect(await axeViolations(page), `${name} in ${language}`).toEqual([]);
        await screenshot(page, `credit-${name}-${language}`);
      }
    }
    await switchTo(page, 'en');
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
