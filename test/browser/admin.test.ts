/**
 * The audit and administration pages in a real browser against the demo workspace: each page in both
 * languages (no untranslated key, screenshots), the audit chain verified, an API key shown once and
 * revoked, and a risk officer's change approved by an approver but not by the officer (four eyes).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type ConsoleServer,
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

/** A signed-in tab of the demo account `username`. */
const tab = (username: string): Page => tabs.tab(username);

/** Submits a `setting.change` through the API as the person signed in on `p`; its id. */
async function submitSettingChange(p: Page, key: string, value: string): Promise<string> {
  const id = await p.evaluate(`(async () => {
    const session = await (await fetch('/api/v1/auth/session')).json();
    const response = await fetch('/api/v1/changes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
      body: JSON.stringify({
        kind: 'setting.change',
        target: { type: 'setting', id: ${JSON.stringify(key)} },
        content: { value: ${JSON.stringify(value)} },
        reason: 'browser test of four eyes',
      }),
    });
    const body = await response.json();
    return response.status === 201 ? body.id : 'failed: ' + JSON.stringify(body);
  })()`);
  expect(String(id)).toMatch(/^[0-9a-f-]{36}$/);
  return String(id);
}

describe('audit and administration pages in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    running = await startConsoleServer();
    tabs = await SignedInTabs.open(browser, running, ['officer', 'approver', 'auditor', 'admin']);
  }, 120_000);

  afterAll(async () => {
    await tabs?.close();
    await browser?.close();
    await running?.stop();
  });

  it('lets an approver approve a risk officer’s pending change, and refuses the officer’s own approval', async () => {
    const id = await submitSettingChange(tab('officer'), 'demo.review_limit', '25');

    const officer = tab('officer');
    await officer.goto(`${running.server.url}/changes/${id}`);
    await settled(officer);
    await officer.getByText('You submitted this change').waitFor();
    await officer.getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() => officer.locator('.error-notice').textContent())
      .toMatch(/another person must approve it/);
    expect(await officer.locator('.badge.change-pending').textContent()).toBe('Pending');

    const approver = tab('approver');
    await approver.goto(`${running.server.url}/changes`);
    await settled(approver);
    const link = approver.getByRole('link', { name: 'Set demo.review_limit to "25"' });
    await link.waitFor();
    await screenshot(approver, 'changes-pending-en');
    await link.click();
    await settled(approver);
    expect(await approver.locator('dd[lang="zh-CN"]').textContent()).toContain('demo.review_limit');
    await approver.getByLabel('Note (required to reject)').fill('checked with the officer');
    await approver.getByRole('button', { name: 'Approve' }).click();
    await approver.locator('.badge.change-applied').waitFor();
    expect(await approver.getByText('checked with the officer').count()).toBe(1);
    await screenshot(approver, 'change-applied-en');
  });

  it('shows every page in both languages with no untranslated key', async () => {
    const latest = await tab('auditor').evaluate(
      `fetch('/api/v1/audit?limit=1').then((r) => r.json()).then((d) => d.items[0].seq)`,
    );
    const change = await tab('approver').evaluate(
      `fetch('/api/v1/changes?limit=1').then((r) => r.json()).then((d) => d.items[0]?.id ?? 'none')`,
    );
    const list: [string, string, string][] = [
      ['auditor', 'audit', '/audit'],
      ['auditor', 'audit-entry', `/audit/${String(latest)}`],
      ['auditor', 'users', '/users'],
      ['approver', 'changes', '/changes'],
      ['approver', 'change', `/changes/${String(change)}`],
      ['admin', 'api-keys', '/api-keys'],
    ];
    for (const language of ['en', 'zh'] as const) {
      for (const [who, name, path] of list) {
        const p = tab(who);
        await p.goto(`${running.server.url}${path}`);
        await switchTo(p, language);
        await settled(p);
        expect(languageProblems(await visibleText(p), language), `${name} in ${language}`).toEqual([]);
        if (name === 'audit' || name === 'api-keys')
          expect(await axeViolations(p), `${name} in ${language}`).toEqual([]);
        await screenshot(p, `${name}-${language}`);
      }
    }
    for (const who of ['auditor', 'approver', 'admin']) await switchTo(tab(who), 'en');
  });

  it('verifies the audit chain and filters the log by action', async () => {
    const auditor = tab('auditor');
    await auditor.goto(`${running.server.url}/audit`);
    await settled(auditor);
    await auditor.getByRole('button', { name: 'Verify chain' }).click();
    await auditor.getByText(/The chain is intact/).waitFor();
    await auditor.getByLabel('Action').fill('change.approve');
    await auditor.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => auditor.locator('tbody tr').count()).toBeGreaterThan(0);
    const actions = await auditor.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(new Set(actions)).toEqual(new Set(['change.approve']));
  });

  it('shows a new API key once with a warning, and revokes a key after confirmation', async () => {
    const admin = tab('admin');
    await admin.goto(`${running.server.url}/api-keys`);
    await settled(admin);
    await admin.getByLabel('Name').fill('browser-test-key');
    await admin.getByRole('button', { name: 'Create key' }).click();
    await admin.getByText(/It is shown only this once/).waitFor();
    expect(await admin.locator('.new-key-value').textContent()).toMatch(/^fk_/);
    await admin.getByRole('button', { name: 'I have stored it' }).click();
    expect(await admin.locator('.new-key-value').count()).toBe(0);
    const row = admin.locator('tbody tr', { hasText: 'browser-test-key' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Systems using this key stop working at once.').waitFor();
    await row.getByRole('button', { name: 'Yes, revoke now' }).click();
    await row.getByText('Revoked').waitFor();
    expect(tabs.errors).toEqual([]);
  });
});
