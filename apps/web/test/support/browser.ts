import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it where missing), or GRIDLEDGER_CHROMIUM. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env['GRIDLEDGER_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium is not at ${executablePath}: apt-get install chromium, or set GRIDLEDGER_CHROMIUM to a Chromium binary.`);
  // as root, Chromium refuses its sandbox; these tests only open the local dashboard
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A fresh browser profile (no shared session) at the width the issue asks the dashboard to work at. */
export async function newUserPage(browser: Browser, width = 1280, height = 860): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/** Signs in through the sign-in form, as a person does, and waits for the signed-in header. */
export async function signInThroughUi(page: Page, webUrl: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/**
 * Waits for something that appears once an asynchronous step (a chain transaction, a read model
 * catching up) is done, reloading the page between looks, as a person would.
 */
export async function reloadUntilVisible(page: Page, locator: Locator, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: 3000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
    }
  }
}

/** Pages through the catalog (Next) until `locator` shows, starting over while the asset is not indexed yet. */
export async function findOnSomePage(page: Page, locator: Locator, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await locator.first().waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) return;
    const next = page.getByRole('button', { name: 'Next' });
    if ((await next.count()) > 0 && (await next.isEnabled())) await next.click();
    else if (Date.now() > deadline) throw new Error('not found on any page of the catalog');
    else await page.reload();
  }
}

/** Waits for a step's success message; if the dashboard shows an error instead, fails with its sentence. */
export async function outcome(page: Page, success: Locator, timeoutMs = 90_000): Promise<void> {
  const alert = page.locator('[role="alert"]').first();
  const winner = await Promise.race([
    success.first().waitFor({ timeout: timeoutMs }).then(() => 'success' as const),
    alert.waitFor({ timeout: timeoutMs }).then(() => 'alert' as const),
  ]);
  if (winner === 'alert') throw new Error(`the dashboard said: ${await alert.textContent()}`);
}
