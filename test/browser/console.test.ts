/**
 * The web console in a real browser (Debian's Chromium through playwright-core) against the real
 * server with the demo workspace: sign-in with TOTP, the overview's data, every page in both languages
 * (no untranslated key, nothing left in the other language), screenshots, axe-core, the overview's
 * time to interactive (printed), an analyst acknowledging an alert, and an expired session.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/index.js';
import { totpCode } from '../../src/modules/identity/index.js';
import {
  axeViolations,
  type ConsoleServer,
  type DemoUser,
  languageProblems,
  launchChromium,
  screenshot,
  settled,
  startConsoleServer,
  switchTo,
  visibleText,
} from './harness.js';

let running: ConsoleServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let analyst: DemoUser;
const pageErrors: string[] = [];

describe('web console in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    running = await startConsoleServer();
    const user = running.users.get('analyst');
    if (!user) throw new Error('the demo workspace printed no analyst account');
    analyst = user;
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
        pageErrors.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('signs in with password and TOTP, in the browser language', async () => {
    await page.goto(`${running.server.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'login-en');
    await switchTo(page, 'zh');
    expect(languageProblems(await visibleText(page), 'zh')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'login-zh');
    await switchTo(page, 'en');

    await page.getByLabel('Username').fill(analyst.username);
    await page.getByLabel('Password').fill(analyst.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Verification code' }).waitFor();
    await page.getByLabel('Code').fill(await totpCode(analyst.totpSecret, Date.now()));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();
    expect(await page.locator('.user').textContent()).toContain('Demo risk analyst');
  });

  it('enrols a new person in TOTP with the QR code, shows the recovery codes once, and signs them in', async () => {
    const password = 'Vx9!kq-Lamp-Orbit-2741';
    await running.server.runtime.identity.users.create(
      { username: 'newcomer', displayName: 'New analyst', roles: ['analyst'], password },
      SYSTEM_ACTOR,
    );
    const other = await browser.newContext({ locale: 'en-GB' });
    try {
      const tab = await other.newPage();
      await tab.goto(`${running.server.url}/`);
      await tab.getByLabel('Username').fill('newcomer');
      await tab.getByLabel('Password').fill(password);
      await tab.getByRole('button', { name: 'Continue' }).click();
      await tab.getByRole('heading', { name: 'Set up your authenticator' }).waitFor();
      expect(await tab.getByAltText('QR code to scan with an authenticator app').getAttribute('src')).toMatch(
        /^data:image\//,
      );
      const secret = (await tab.locator('.secret').textContent()) ?? '';
      await tab.getByLabel('Code from the app').fill(await totpCode(secret, Date.now()));
      await tab.getByRole('button', { name: 'Confirm and sign in' }).click();
      await tab.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
      expect(await tab.locator('.recovery-codes li').count()).toBe(10);
      await tab.getByRole('button', { name: 'I have saved them: continue' }).click();
      await tab.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();
    } finally {
      await other.close();
    }
  });

  it('shows KRI tiles with bands and open alerts by severity on the overview, interactive quickly', async () => {
    await page.goto(`${running.server.url}/`);
    await page.locator('.kri-tile').first().waitFor();
    await page.locator('.severity-count').first().waitFor();
    const interactiveMs = Number(await page.evaluate('performance.now()'));
    const domInteractive = Number(
      await page.evaluate(`performance.getEntriesByType('navigation')[0].domInteractive`),
    );
    console.log(
      `overview time to interactive: ${Math.round(interactiveMs)} ms to KRI tiles and alerts shown ` +
        `(DOM interactive at ${Math.round(domInteractive)} ms)`,
    );
    expect(await page.locator('.kri-tile').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('.kri-tile .band-red').count()).toBeGreaterThan(0);
    const counts = await page.locator('.severity-count').allInnerTexts();
    expect(counts.reduce((sum, text) => sum + Number.parseInt(text, 10), 0)).toBeGreaterThan(0);
    await page.locator('.kri-tile polyline').first().waitFor();
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('changes every visible string with the language on each page, with no untranslated key', async () => {
    const firstDecision = await page.evaluate(
      `fetch('/api/v1/decisions?limit=1').then((r) => r.json()).then((d) => d.items[0].decision_id)`,
    );
    const pages: [string, string][] = [
      ['overview', '/'],
      ['decisions', '/decisions'],
      ['decision-trace', `/decisions/${String(firstDecision)}`],
      ['alerts', '/alerts'],
      ['reviews', '/reviews'],
      ['reviews-resolved', '/reviews?status=resolved'],
      ['changes', '/changes'],
      ['not-found', '/no-such-page'],
    ];
    for (const language of ['en', 'zh'] as const) {
      for (const [name, path] of pages) {
        await page.goto(`${running.server.url}${path}`);
        if (
          (await page.evaluate('document.documentElement.lang')) !== (language === 'zh' ? 'zh-CN' : 'en-GB')
        )
          await switchTo(page, language);
        await settled(page);
        expect(languageProblems(await visibleText(page), language), `${name} in ${language}`).toEqual([]);
        if (name === 'overview') expect(await axeViolations(page), `overview in ${language}`).toEqual([]);
        await screenshot(page, `${name}-${language}`);
      }
    }
    await switchTo(page, 'en');
  });

  it('lets an analyst acknowledge an open alert with a note', async () => {
    await page.goto(`${running.server.url}/alerts`);
    await settled(page);
    const rows = page.locator('tbody tr');
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);
    await rows.first().getByRole('button', { name: 'Acknowledge' }).click();
    await rows.first().getByLabel('Note (optional)').fill('looking into it');
    await rows.first().getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => rows.count()).toBe(before - 1);
    await page.getByRole('button', { name: 'Acknowledged' }).click();
    // The open alerts stay on screen until the acknowledged ones arrive: wait for the list to change.
    await expect.poll(() => rows.count()).toBe(1);
  });

  it('lets an analyst escalate an acknowledged alert and then resolve it with a note', async () => {
    await page.goto(`${running.server.url}/alerts?status=acknowledged`);
    await settled(page);
    const row = page.locator('tbody tr').first();
    const title = await row.locator('td').nth(1).textContent();
    const level = row.locator('td').nth(5);
    const before = /Level (\d+)/.exec((await level.textContent()) ?? '')?.[1] ?? '0';
    await row.getByRole('button', { name: 'Escalate' }).click();
    await row.getByLabel('Reason (optional)').fill('no answer from the owner');
    await row.getByRole('button', { name: 'Escalate' }).click();
    // The chain skips a level nobody fills, so the alert reaches the next level that has people.
    await expect
      .poll(async () => Number(/Level (\d+)/.exec((await level.textContent()) ?? '')?.[1] ?? 0))
      .toBeGreaterThan(Number(before));
    await row.getByRole('button', { name: 'Resolve' }).click();
    await row.getByLabel('Note (optional)').fill('limit restored after the call');
    await row.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('button', { name: 'Resolved' }).click();
    await page
      .locator('tbody tr', { hasText: title ?? '' })
      .first()
      .waitFor();
  });

  it('lets an analyst work the review queue: approve one decision with a note, reject another', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Review queue' }).click();
    await settled(page);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(1);
    const first = rows.nth(0);
    const event = await first.getByRole('link').textContent();
    await first.getByLabel('Note (optional)').fill('customer confirmed by phone');
    await first.getByRole('button', { name: 'Approve (legitimate)' }).click();
    await first.getByText('Legitimate').waitFor();
    await rows.nth(1).getByRole('button', { name: 'Reject (fraud)' }).click();
    await rows.nth(1).locator('.badge', { hasText: 'Fraud' }).waitFor();

    // The verdict and the note are on the decision's trace, and the queue's resolved tab lists it.
    await first.getByRole('link').click();
    await page
      .getByRole('region', { name: 'Manual review' })
      .getByText('customer confirmed by phone')
      .waitFor();
    await page.goto(`${running.server.url}/reviews?status=resolved`);
    await settled(page);
    await page.locator('tbody tr', { hasText: event ?? '' }).waitFor();
  });

  it('returns to the login page saying the session expired when the server answers 401', async () => {
    await page.goto(`${running.server.url}/`);
    await settled(page);
    await context.clearCookies();
    await page.getByRole('navigation').getByRole('link', { name: 'Decisions' }).click();
    await page.getByText('Your session has expired. Sign in again to continue.').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
