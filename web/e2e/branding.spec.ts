import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { e2eEnv, screenshotPath } from './env';

const env = e2eEnv();

async function signIn(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(env.operatorEmail);
  await page.getByLabel('Password').fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
}

/** The signed-in operator's id token, as the console keeps it for this tab. */
async function operatorToken(page: Page): Promise<string> {
  const saved = await page.evaluate(() => sessionStorage.getItem('console.session'));
  const session = JSON.parse(saved ?? '{}') as { tokens?: { idToken?: string } };
  if (!session.tokens?.idToken) throw new Error('the console holds no session');
  return session.tokens.idToken;
}

test('the operator brands the root organization, is told what CSS is refused and claims a hostname', async ({
  page,
}) => {
  const suffix = Math.random().toString(36).slice(2, 10);
  const platformName = `Brand ${suffix}`;
  const hostname = `x-${suffix}.example.test`;

  await signIn(page);
  const token = await operatorToken(page);
  const auth = { Authorization: `Bearer ${token}` };
  const orgs = (await (
    await page.request.get('/v1/me/organizations', { headers: auth })
  ).json()) as { items: { organization: { id: string; name: string } }[] };
  const root = orgs.items.find((m) => m.organization.name === env.rootName);
  if (!root) throw new Error('the operator has no organization');
  const branding = `/v1/organizations/${root.organization.id}/branding`;

  try {
    // given: the operator on the branding page of the root organization
    await page.getByRole('link', { name: 'Branding' }).click();
    await expect(page).toHaveURL(/\/branding$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Branding' })).toBeVisible();

    // when: a platform name and a primary color are saved
    await page.getByLabel('Platform name', { exact: true }).fill(platformName);
    await page.getByLabel('Primary color', { exact: true }).fill('#1a4f8b');
    await expect(page.getByRole('figure').getByText(platformName)).toBeVisible();
    await page.getByRole('button', { name: 'Save branding' }).click();

    // then: the effective brand carries them
    await expect(page.getByRole('status')).toHaveText('Branding saved.');
    await expect(page.getByText(`Your console is called ${platformName}.`)).toBeVisible();
    const stored = (await (await page.request.get(branding, { headers: auth })).json()) as {
      effective: { platformName: string; colors: { primary: string } };
    };
    expect(stored.effective.platformName).toBe(platformName);
    expect(stored.effective.colors.primary).toBe('#1a4f8b');

    // when: custom CSS importing another stylesheet is saved
    const css = page.getByLabel('Custom CSS', { exact: true });
    await css.fill('@import url(x);\n.console { color: red; }');
    await page.getByRole('button', { name: 'Save branding' }).click();

    // then: the field says why, beside it
    await expect(css).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#brand-customCss-error')).toContainText(/import/i);

    // when: a hostname is claimed
    await page.getByLabel('Hostname', { exact: true }).fill(hostname);
    await page.getByRole('button', { name: 'Claim hostname' }).click();

    // then: the TXT record to publish is shown, and verifying without it is not proven
    const claim = page.getByRole('listitem', { name: hostname });
    await expect(claim.getByText(`_domain-verification.${hostname}`)).toBeVisible();
    await expect(claim.getByText('Pending')).toBeVisible();
    await claim.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'No proof found' })).toBeVisible();

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('branding'), fullPage: true });
  } finally {
    // the other specs expect the default brand and no claim of ours
    const once = () => ({ ...auth, 'Idempotency-Key': crypto.randomUUID() });
    await page.request.delete(`${branding}/hostnames/${hostname}`, { headers: once() });
    const reset = await page.request.delete(branding, { headers: once() });
    expect(reset.status()).toBe(200);
  }
});
