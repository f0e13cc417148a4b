import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { e2eEnv, screenshotPath } from './env';

const env = e2eEnv();

async function signInAsOperator(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(env.operatorEmail);
  await page.getByLabel('Password').fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
}

/** What the console needs to start at all: the brand, its files and the sign-in configuration. */
function isBoot(url: URL): boolean {
  return !url.pathname.startsWith('/v1/') || url.pathname.startsWith('/v1/branding/') || url.pathname === '/v1/auth/config';
}

/** Each page of the console, and what it shows once its data arrived. */
const PAGES: readonly { path: string; name: string; loaded: (page: Page) => Promise<void> }[] = [
  {
    path: '/',
    name: 'dashboard',
    loaded: (page) => expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible(),
  },
  {
    path: '/organizations',
    name: 'tree',
    loaded: (page) => expect(page.getByRole('button', { name: `Collapse ${env.rootName}` })).toBeVisible(),
  },
  {
    path: '/members',
    name: 'members',
    loaded: (page) => expect(page.getByRole('heading', { level: 1, name: `Members of ${env.rootName}` })).toBeVisible(),
  },
  {
    path: '/branding',
    name: 'branding',
    loaded: (page) => expect(page.getByRole('button', { name: 'Save branding' })).toBeVisible(),
  },
  {
    path: '/branding/email',
    name: 'email-templates',
    loaded: (page) => expect(page.getByRole('navigation', { name: /template/i }).getByRole('link').first()).toBeVisible(),
  },
  {
    path: '/audit',
    name: 'audit',
    loaded: (page) => expect(page.getByRole('heading', { level: 1, name: `Audit log of ${env.rootName}` })).toBeVisible(),
  },
  {
    path: '/licenses/entitlements',
    name: 'entitlements',
    loaded: (page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible(),
  },
];

for (const target of PAGES) {
  test(`${target.path}: with the API unreachable the page says so and offers a retry that recovers`, async ({ page }) => {
    // given: a signed-in operator whose connection to the API then drops
    await signInAsOperator(page);
    let offline = true;
    await page.route(
      (url) => offline && !isBoot(url),
      (route) => route.abort('internetdisconnected'),
    );

    // when: the page is opened
    await page.goto(target.path);

    // then: it explains and offers a retry; the page is never blank
    const notice = page.getByRole('alert').filter({ hasText: 'The server could not be reached' }).first();
    await expect(notice).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`offline-${target.name}`), fullPage: true });

    // when: the connection is back and the retry is pressed
    offline = false;
    await notice.getByRole('button', { name: 'Try again' }).click();

    // then: the page shows its data
    await target.loaded(page);
    await expect(page.getByText('The server could not be reached')).toHaveCount(0);
  });
}

test('with the brand unreachable the console says it could not start and offers a retry', async ({ page }) => {
  let offline = true;
  await page.route(
    (url) => offline && url.pathname === '/v1/branding/resolve',
    (route) => route.abort('internetdisconnected'),
  );

  await page.goto('/sign-in');

  await expect(page.getByRole('heading', { level: 1, name: 'The console could not start.' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('offline-boot'), fullPage: true });
  offline = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: /^Sign in to / })).toBeVisible();
});
