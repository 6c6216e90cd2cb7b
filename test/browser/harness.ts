/**
 * What the console's browser tests share: the real server over a fresh SQLite database with the demo
 * workspace, Debian's Chromium driven by playwright-core, and checks on the visible text.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type Server, startServer } from '../../src/app/server.js';
import { loadConfig } from '../../src/config.js';
import { totpCode } from '../../src/modules/identity/index.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

/** Debian's `chromium` package installs the browser here; FENGKONG_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env['FENGKONG_CHROMIUM'] ?? '/usr/bin/chromium';

/** A demo account as printed once at start-up. */
export interface DemoUser {
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
}

/** The running server, its demo accounts and the folder holding its database. */
export interface ConsoleServer {
  readonly server: Server;
  readonly users: ReadonlyMap<string, DemoUser>;
  stop(): Promise<void>;
}

/**
 * Starts Fengkong in this process on a free port over a new SQLite database with the demo workspace,
 * and reads the demo accounts from the lines it prints (the only place their secrets appear).
 */
export async function startConsoleServer(): Promise<ConsoleServer> {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` (npm test does it in pretest)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'fk-console-'));
  const lines: string[] = [];
  const config = loadConfig(
    {
      FENGKONG_LOG_LEVEL: 'silent',
      FENGKONG_SECRET_KEY: 'test-only-secret-key-for-totp-sealing-0123456789',
      FENGKONG_AUDIT_CHECKPOINT_INTERVAL: '0',
      FENGKONG_LANG: 'en',
    },
    { db: `sqlite:${join(dir, 'fk.db')}`, host: '127.0.0.1', port: '0' },
  );
  const server = await startServer(config, { print: (line) => lines.push(line) });
  const users = new Map<string, DemoUser>();
  for (const [i, line] of lines.entries()) {
    const account = /^\s+(\w+)\s+\(\w+\) password \/ 密码: (\S+)/.exec(line);
    const secret = /TOTP secret \/ 动态口令密钥: (\S+)/.exec(lines[i + 1] ?? '');
    if (account?.[1] && account[2] && secret?.[1]) {
      users.set(account[1], { username: account[1], password: account[2], totpSecret: secret[1] });
    }
  }
  return {
    server,
    users,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless; fails, never skips, when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the console's browser tests need it. Install Debian's ` +
        'package: `apt-get update && apt-get install -y chromium` (.ci/run does this in CI), or set FENGKONG_CHROMIUM.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The console's messages in one language, as dotted key → text (`en.json` and every section file). */
export function messages(language: 'en' | 'zh'): Map<string, string> {
  const dir = join(ROOT, 'web', 'src', 'i18n');
  const files = [
    join(dir, `${language}.json`),
    ...readdirSync(join(dir, 'sections'))
      .filter((name) => name.endsWith(`.${language}.json`))
      .map((name) => join(dir, 'sections', name)),
  ];
  const out = new Map<string, string>();
  const walk = (node: unknown, prefix: string) => {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'string') out.set(path, value);
      else walk(value, path);
    }
  };
  for (const file of files) walk(JSON.parse(readFileSync(file, 'utf8')), '');
  return out;
}

/** The text a person sees in `main` and the navigation, leaving out the person's own name. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    let text = document.body.innerText;
    for (const el of document.querySelectorAll('.user')) text = text.replace(el.innerText, '');
    return text;
  })()`);
}

/**
 * Problems with the language of `text`: message keys shown instead of their text (an untranslated
 * key), and texts of the other language (a string the switch did not change). Texts shorter than
 * three characters and the languages' own names are not checked; they occur in data too.
 */
export function languageProblems(text: string, language: 'en' | 'zh'): string[] {
  const own = messages(language);
  const other = messages(language === 'en' ? 'zh' : 'en');
  const problems: string[] = [];
  const namespaces = new Set([...own.keys()].map((k) => k.split('.')[0]));
  for (const token of text.match(/\b[a-z][A-Za-z]*(?:\.[A-Za-z]+)+\b/g) ?? []) {
    if (namespaces.has(token.split('.')[0]) && (own.has(token) || other.has(token)))
      problems.push(`untranslated key ${token}`);
  }
  for (const [key, foreign] of other) {
    if (key.startsWith('languages.') || foreign === own.get(key) || foreign.length < 3) continue;
    const literal = foreign.split(/\{\{\s*\w+\s*\}\}/).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (literal.trim().length < 3) continue;
    // Identifiers in data (`operational.overdue_drills`) are not words of either language.
    const pattern = new RegExp(`(?<![A-Za-z0-9_.])${escapeRegExp(literal.trim())}(?![A-Za-z0-9_])`);
    if (pattern.test(text)) problems.push(`${key} shown in the other language: "${literal.trim()}"`);
  }
  return problems;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Serious or critical accessibility violations on the page, by axe-core (its source injected). */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(source);
  return page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')))`);
}

/** Saves a full-page screenshot as `test-output/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs `user` in through the login page with password and a fresh TOTP code, in English. */
export async function signIn(page: Page, baseUrl: string, user: DemoUser): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Verification code' }).waitFor();
  await page.getByLabel('Code').fill(await totpCode(user.totpSecret, Date.now()));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();
}

/** Waits until the page's panels have loaded (its title shown, no loading line left). */
export async function settled(p: Page): Promise<void> {
  await p.locator('main h1').first().waitFor();
  await expect.poll(() => p.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
}

/** Switches the console to `language` with its switch (nothing when already in it). */
export async function switchTo(p: Page, language: 'en' | 'zh'): Promise<void> {
  const lang = language === 'zh' ? 'zh-CN' : 'en-GB';
  if ((await p.evaluate('document.documentElement.lang')) === lang) return;
  await p.locator(`.language-switch button[lang="${language === 'zh' ? 'zh-CN' : 'en'}"]`).click();
  await expect.poll(() => p.evaluate('document.documentElement.lang')).toBe(lang);
}

/** Calls the API as the person signed in on `p` (with their CSRF token); the status and JSON body. */
export async function callApi<T = unknown>(
  p: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return p.evaluate(`(async () => {
    const session = await (await fetch('/api/v1/auth/session')).json();
    const response = await fetch('/api/v1${path}', {
      method: ${JSON.stringify(method)},
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
      body: ${body === undefined ? 'undefined' : JSON.stringify(JSON.stringify(body))},
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  })()`);
}

/** One signed-in tab per demo account, each in its own browser context, with the page errors seen. */
export class SignedInTabs {
  /** Uncaught page errors, as `<username>: <message>`. */
  readonly errors: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  private readonly pages = new Map<string, Page>();

  /** Signs each of `usernames` in (English, 1366 × 900) through the login page with TOTP. */
  static async open(
    browser: Browser,
    running: ConsoleServer,
    usernames: readonly string[],
  ): Promise<SignedInTabs> {
    const tabs = new SignedInTabs();
    for (const username of usernames) {
      const user = running.users.get(username);
      if (!user) throw new Error(`the demo workspace printed no ${username} account`);
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
      tabs.contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => tabs.errors.push(`${username}: ${error.message}`));
      await signIn(page, running.server.url, user);
      tabs.pages.set(username, page);
    }
    return tabs;
  }

  /** The signed-in tab of `username`. */
  tab(username: string): Page {
    const page = this.pages.get(username);
    if (!page) throw new Error(`${username} is not signed in`);
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
  }
}
