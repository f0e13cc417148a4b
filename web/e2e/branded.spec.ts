import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe';
import { chromiumLaunchOptions, e2eEnv, screenshotPath } from './env';

const env = e2eEnv();
const ORIGIN_NAME = /topgun/i;

// The reseller's hostname is made up (panel.<random>.test): Chromium resolves it to the runtime.
test.use({
  launchOptions: chromiumLaunchOptions([`--host-resolver-rules=MAP ${env.brandedHost} 127.0.0.1`]),
});

test("a reseller's verified hostname shows its brand and nothing of the origin", async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const origin = `http://${env.brandedHost}:${env.port}`;

  await page.goto(`${origin}/`);

  await expect(page).toHaveURL(`${origin}/sign-in`);
  await expect(page.getByRole('heading', { name: `Sign in to ${env.brandedName}` })).toBeVisible();
  await expect(page).toHaveTitle(env.brandedName);
  await expect(page.locator('body')).toContainText(env.brandedName);
  await expect(page.locator('link[rel="icon"][type="image/x-icon"]')).toHaveAttribute(
    'href',
    env.brandedFavicon,
  );
  await page.waitForLoadState('networkidle');

  const html = await page.evaluate(() => document.documentElement.outerHTML);
  expect(html).not.toMatch(ORIGIN_NAME);
  expect(await page.title()).not.toMatch(ORIGIN_NAME);
  expect(requested).toContain(`${origin}/v1/branding/resolve`);
  expect(requested.filter((url) => ORIGIN_NAME.test(url))).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('branded-sign-in'), fullPage: true });
});
