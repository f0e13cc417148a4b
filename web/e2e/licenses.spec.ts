import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { e2eEnv, screenshotPath } from './env';

const env = e2eEnv();

/** Signs the operator in from the sign-in page and waits for the root organization's dashboard. */
async function signInAsOperator(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(env.operatorEmail);
  await page.getByLabel('Password').fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
}

/** The API as the signed-in operator: the console's own session token, from this tab. */
async function operatorApi(page: Page) {
  const token = await page.evaluate(() => {
    const saved = sessionStorage.getItem('console.session');
    return saved ? (JSON.parse(saved) as { tokens: { idToken: string } }).tokens.idToken : '';
  });
  expect(token).not.toBe('');
  const headers = (): Record<string, string> => ({
    Authorization: `Bearer ${token}`,
    'Idempotency-Key': crypto.randomUUID(),
  });
  async function ok(answer: APIResponse, what: string): Promise<Record<string, unknown>> {
    expect(answer.ok(), `${what}: ${answer.status()} ${await answer.text()}`).toBe(true);
    return answer.status() === 204 ? {} : ((await answer.json()) as Record<string, unknown>);
  }
  return {
    get: async (path: string) => ok(await page.request.get(path, { headers: headers() }), `GET ${path}`),
    post: async (path: string, data: unknown) =>
      ok(await page.request.post(path, { headers: headers(), data }), `POST ${path}`),
    delete: async (path: string) => ok(await page.request.delete(path, { headers: headers() }), `DELETE ${path}`),
  };
}

async function atRest(page: Page): Promise<void> {
  // axe judges the page at rest, not the hover colours of the button just pressed.
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
}

test('the operator licenses a child with white_label, sees the key once, the document, suspends, resumes, and the usage bars', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const childName = `Licensed ${suffix}`;

  // given: the operator signed in, and a new reseller under the root (through the API)
  await signInAsOperator(page);
  const api = await operatorApi(page);
  const mine = (await api.get('/v1/me/organizations?limit=100')) as {
    items: Array<{ organization: { id: string; name: string } }>;
  };
  const rootId = mine.items.find((m) => m.organization.name === env.rootName)?.organization.id ?? '';
  expect(rootId).not.toBe('');
  const child = (await api.post(`/v1/organizations/${rootId}/children`, {
    name: childName,
    slug: `licensed-${suffix}`,
    hierarchyType: 'master_branch',
  })) as { id: string };

  // when: the operator opens Licenses from the navigation
  await page.getByRole('link', { name: 'Licenses', exact: true }).click();
  await expect(page).toHaveURL(/\/licenses$/);
  await expect(page.getByRole('heading', { level: 1, name: `Licenses of ${env.rootName}` })).toBeVisible();
  await page.getByRole('link', { name: 'Issue a license' }).click();
  await expect(page).toHaveURL(/\/licenses\/new$/);

  // and: fills in a license for the child, with a user limit the API refuses
  const form = page.getByRole('form', { name: 'New license' });
  await form.getByLabel('Organization', { exact: true }).selectOption({ label: childName });
  await form.getByLabel('License type').selectOption('subscription');
  await form.getByLabel('Tier').selectOption('professional');
  await form.getByLabel('White label').check();
  await form.getByLabel('Resell licenses').check();
  const users = form.getByLabel('Users', { exact: true });
  await expect(users).toHaveAccessibleDescription('Pool: unlimited');
  await users.fill('2000000000');
  await form.getByLabel('Child organizations').fill('5');
  await form.getByLabel('Domains', { exact: true }).fill('5');
  await form.getByLabel('Authorized domains').fill(`panel.${suffix}.test\n*.${suffix}.test`);
  await form.getByLabel('Grace days').fill('10');
  await form.getByRole('button', { name: 'Issue license' }).click();

  // then: the refusal is shown beside the limit it names, and nothing else is marked
  await expect(users).toHaveAttribute('aria-invalid', 'true');
  await expect(users).toHaveAccessibleDescription('Pool: unlimited must be 0 to 1000000000');
  await expect(form.getByText('must be 0 to 1000000000')).toBeVisible();
  await expect(form.getByLabel('Child organizations')).not.toHaveAttribute('aria-invalid', 'true');
  await atRest(page);
  await page.screenshot({ path: screenshotPath('license-issue'), fullPage: true });

  // when: the limit is corrected and the license issued
  await users.fill('1');
  await form.getByRole('button', { name: 'Issue license' }).click();

  // then: the key is shown once, with the warning, and copies
  await expect(page.getByRole('heading', { level: 2, name: 'License issued' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Copy this key now: it will not be shown again.');
  const key = await page.getByLabel('License key').inputValue();
  expect(key).toMatch(/^TG-(?:[A-Z2-7]{5}-){4}[A-Z2-7]{5}$/);
  await page.getByRole('button', { name: 'Copy key' }).click();
  await expect(page.getByRole('status')).toHaveText('Key copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await atRest(page);
  await page.screenshot({ path: screenshotPath('license-key'), fullPage: true });

  // when: the license is opened
  await page.getByRole('link', { name: 'Open the license' }).click();
  await expect(page).toHaveURL(/\/licenses\/[0-9A-Z]+$/);
  const licenseId = page.url().split('/').pop() ?? '';

  // then: its terms and its signed document, but not its key
  await expect(page.getByRole('heading', { level: 1, name: `License of ${childName}` })).toBeVisible();
  await expect(page.locator('.license-status')).toHaveText('Active');
  const payload = page.getByRole('region', { name: 'Payload' });
  await expect(payload).toContainText('"white_label"');
  await expect(payload).toContainText(child.id);
  await expect(page.getByRole('region', { name: 'Header' })).toContainText('"alg": "EdDSA"');
  await expect(page.getByText(key)).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download document' }).click();
  expect((await download).suggestedFilename()).toBe(`license-${licenseId}.jws`);

  // when: it is suspended (confirmed), then resumed
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.locator('.license-status')).toHaveText('Suspended');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Resume' }).click();

  // then: it is active again, and can be suspended again
  await expect(page.locator('.license-status')).toHaveText('Active');
  await expect(page.getByRole('button', { name: 'Suspend' })).toBeVisible();
  await atRest(page);
  await page.screenshot({ path: screenshotPath('license-detail'), fullPage: true });

  // and: the list shows it among the licenses the root issued, without its key
  await page.getByRole('link', { name: 'Back to licenses' }).click();
  const row = page.getByRole('row').filter({ hasText: childName });
  await expect(row).toContainText('Professional');
  await expect(row).toContainText('Active');
  await expect(row.getByRole('button', { name: `Suspend the license of ${childName}` })).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);
  await atRest(page);
  await page.screenshot({ path: screenshotPath('licenses'), fullPage: true });

  // given: the pool in use: 4 of its 5 child organizations, and the operator as its 1 user of 1
  for (let i = 1; i <= 4; i++) {
    await api.post(`/v1/organizations/${child.id}/children`, {
      name: `Customer ${i} ${suffix}`,
      slug: `customer-${i}-${suffix}`,
      hierarchyType: 'sub_user',
    });
  }
  const me = (await api.get('/v1/me')) as { id: string };
  await api.post(`/v1/organizations/${child.id}/members`, { userId: me.id, role: 'admin' });

  try {
    // when: the operator switches the dashboard to the child
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
    await expect(page.getByText("No limits: the operator's tree is unlimited.")).toBeVisible();
    await page.getByRole('button', { name: childName }).click();
    await expect(page.getByRole('heading', { level: 1, name: childName })).toBeVisible();

    // then: one bar per limit, amber at 80 %, red at 100 %, and the license's state
    const card = page.getByRole('region', { name: 'License', exact: true });
    await expect(card.locator('.license-status')).toHaveText('Active');
    const usersBar = card.getByRole('meter', { name: 'Users' });
    await expect(usersBar).toHaveAttribute('aria-valuetext', '1 of 1 used (100 %), limit reached');
    const childrenBar = card.getByRole('meter', { name: 'Child organizations' });
    await expect(childrenBar).toHaveAttribute('aria-valuetext', '4 of 5 used (80 %), nearly full');
    const domainsBar = card.getByRole('meter', { name: 'Domains' });
    await expect(domainsBar).toHaveAttribute('aria-valuetext', '0 of 5 used (0 %)');
    await expect(card.locator('.usage-meter--full')).toContainText('Users');
    await expect(card.locator('.usage-meter--warning')).toContainText('Child organizations');
    await atRest(page);
    await page.screenshot({ path: screenshotPath('dashboard-usage'), fullPage: true });

    // and: the entitlements view shows the pool's features
    await page.getByRole('link', { name: 'Licenses', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Licenses of ${childName}` })).toBeVisible();
    await page.getByRole('link', { name: 'Entitlements' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Entitlements of ${childName}` })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'White label' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Resell licenses' })).toBeVisible();
    await expect(page.getByText('Its own license')).toBeVisible();
    await atRest(page);
    await page.screenshot({ path: screenshotPath('entitlements'), fullPage: true });

    // when: the child resells to a customer more users than its pool has left
    await page.getByRole('link', { name: 'Back to licenses' }).click();
    await page.getByRole('link', { name: 'Issue a license' }).click();
    const resale = page.getByRole('form', { name: 'New license' });
    await resale.getByLabel('Organization', { exact: true }).selectOption({ label: `Customer 1 ${suffix}` });
    expect(await resale.getByRole('checkbox').count()).toBe(2);
    const resold = resale.getByLabel('Users', { exact: true });
    await expect(resold).toHaveAccessibleDescription('Pool: 0 of 1 left');
    await expect(resale.getByLabel('Child organizations')).toHaveAccessibleDescription('Pool: 1 of 5 left');
    await resold.fill('5');
    await resale.getByLabel('Domains', { exact: true }).fill('1');
    await resale.getByLabel('Child organizations').fill('0');
    await resale.getByRole('button', { name: 'Issue license' }).click();

    // then: the pool's refusal is shown beside the users limit
    await expect(resold).toHaveAttribute('aria-invalid', 'true');
    await expect(resale.locator('#limit-max_users-error')).toContainText('is reached');
    await expect(resale.getByLabel('Domains', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await atRest(page);
    await page.screenshot({ path: screenshotPath('license-issue-pool'), fullPage: true });
  } finally {
    // The operator leaves the child again: the other specs see only the root.
    await api.delete(`/v1/organizations/${child.id}/members/${me.id}`);
  }
});

test('with the API unreachable the licenses page says so, and its retry brings the licenses', async ({ page }) => {
  // given: the signed-in operator, whose connection to the API then drops (the brand stays)
  await signInAsOperator(page);
  let offline = true;
  await page.route(
    (url) => offline && url.pathname.startsWith('/v1/') && !url.pathname.startsWith('/v1/branding/') && url.pathname !== '/v1/auth/config',
    (route) => route.abort('internetdisconnected'),
  );

  // when: the licenses page is opened
  await page.goto('/licenses');

  // then: it explains and offers a retry that recovers once the connection is back
  const notice = page.getByRole('alert').filter({ hasText: 'The server could not be reached' }).first();
  await expect(notice).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  offline = false;
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Licenses of ${env.rootName}` })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: `Issued by ${env.rootName}` })).toBeVisible();
  await expect(page.getByText('The server could not be reached')).toHaveCount(0);
});
