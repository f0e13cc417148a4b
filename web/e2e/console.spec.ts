import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe';
import { e2eEnv, screenshotPath } from './env';

const env = e2eEnv();

interface Brand {
  readonly platformName: string;
}

test('the operator signs in and lands on the root organization, under the brand of the host', async ({
  page,
  request,
}) => {
  const brand = (await (await request.get('/v1/branding/resolve')).json()) as Brand;
  expect(brand.platformName).not.toBe('');

  // given: a signed-out visit sent to the sign-in page
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: `Sign in to ${brand.platformName}` })).toBeVisible();
  await expect(page).toHaveTitle(brand.platformName);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('sign-in'), fullPage: true });

  // when: the operator signs in with the runtime's credentials
  await page.getByLabel('Email').fill(env.operatorEmail);
  await page.getByLabel('Password').fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // then: the dashboard of the root organization, which the switcher lists as the current one
  await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
  await expect(page).toHaveURL(new URL('/', env.baseUrl).href);
  const switcher = page.getByRole('region', { name: 'Your organizations' });
  const root = switcher.getByRole('button', { name: env.rootName });
  await expect(root).toBeVisible();
  await expect(root).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page).toHaveTitle(brand.platformName);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });
});

test('a wrong password is refused on the sign-in page, in words, and nobody is signed in', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(env.operatorEmail);
  await page.getByLabel('Password').fill(`${env.operatorPassword}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: /^Sign in to / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('sign-in-wrong-password'), fullPage: true });
});
