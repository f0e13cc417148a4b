import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { chromiumLaunchOptions, e2eEnv, screenshotPath } from './env';

const env = e2eEnv();

test.use({
  // The time filters are entered as the browser's local time; UTC makes the spec's arithmetic plain.
  timezoneId: 'UTC',
  // The reseller's hostname is made up (panel.<random>.test): Chromium resolves it to the runtime.
  launchOptions: chromiumLaunchOptions([`--host-resolver-rules=MAP ${env.brandedHost} 127.0.0.1`]),
});

/** Signs the operator in from the sign-in page and waits for the root organization's dashboard. */
async function signInAsOperator(page: Page, origin = ''): Promise<void> {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(env.operatorEmail);
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

/** The API as another client of the operator's (not the page): a token and an Idempotency-Key. */
function api(request: APIRequestContext, token: string) {
  const headers = () => ({ Authorization: `Bearer ${token}`, 'Idempotency-Key': crypto.randomUUID() });
  return {
    async rootId(): Promise<string> {
      const answer = await request.get('/v1/me/organizations', { headers: headers() });
      const orgs = (await answer.json()) as { items: { organization: { id: string; name: string } }[] };
      const root = orgs.items.find((m) => m.organization.name === env.rootName);
      if (!root) throw new Error(`the operator is no member of ${env.rootName}`);
      return root.organization.id;
    },
    async createChild(parentId: string, name: string, slug: string): Promise<void> {
      const answer = await request.post(`/v1/organizations/${parentId}/children`, {
        headers: headers(),
        data: { name, slug, hierarchyType: 'master_branch' },
      });
      expect(answer.status(), await answer.text()).toBe(201);
    },
    async brand(orgId: string, platformName: string): Promise<void> {
      const answer = await request.put(`/v1/organizations/${orgId}/branding`, {
        headers: headers(),
        data: { platformName, shortName: 'Forge', hideOriginBranding: true },
      });
      expect(answer.status(), await answer.text()).toBe(200);
    },
    async rename(orgId: string, name: string): Promise<void> {
      const answer = await request.patch(`/v1/organizations/${orgId}`, {
        headers: headers(),
        data: { name },
      });
      expect(answer.status(), await answer.text()).toBe(200);
    },
  };
}

/** `YYYY-MM-DDTHH:mm` (UTC), a datetime-local input's value. */
function minuteOf(at: Date): string {
  return at.toISOString().slice(0, 16);
}

test('the operator finds the organizations they created in the audit log by filters, a page at a time', async ({
  page,
}) => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const names = [1, 2, 3].map((n) => `Audit ${suffix} ${n}`);

  // given: three organizations the operator created under the root
  await signInAsOperator(page);
  const client = api(page.request, await operatorToken(page));
  const root = await client.rootId();
  // Just before the first creation (one clock: the runtime runs on this machine).
  const started = new Date(Date.now() - 1000);
  for (const [n, name] of names.entries()) {
    await client.createChild(root, name, `audit-${suffix}-${n + 1}`);
  }

  // when: they open the audit log from the navigation
  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { level: 1, name: `Audit log of ${env.rootName}` })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  const entries = rows.filter({ has: page.getByRole('cell') });
  // then: the newest entry is the last organization created, the operator named by e-mail
  const newest = entries.first();
  await expect(newest).toContainText('organization.created');
  await expect(newest).toContainText(`name: ${names[2]}`);
  await expect(newest).toContainText(env.operatorEmail);
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('audit'), fullPage: true });

  // when: they filter by actor, action and time (the form's time is to the minute)
  const filters = page.getByRole('form', { name: 'Filter the audit log' });
  await filters.getByLabel('Actor').fill(env.operatorEmail);
  await filters.getByLabel('Action').fill('organization.created');
  await filters.getByLabel('From').fill(minuteOf(started));
  await filters.getByRole('button', { name: 'Apply filters' }).click();

  // then: the filters are in the URL, every entry shown matches, and the three creations are there
  await expect(page).toHaveURL(/[?&]action=organization\.created/);
  await expect(page).toHaveURL(/[?&]from=/);
  await expect(page.getByRole('heading', { level: 2, name: 'Matching entries, newest first' })).toBeVisible();
  for (const name of names) {
    await expect(entries.filter({ hasText: `name: ${name}` })).toHaveCount(1);
  }
  await expect(entries.filter({ hasNotText: 'organization.created' })).toHaveCount(0);
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('audit-filtered'), fullPage: true });

  // when: the view is shared as a link, from the second before the first creation, two a page
  const shared = new URL(page.url());
  shared.searchParams.set('from', started.toISOString());
  shared.searchParams.set('limit', '2');
  await page.goto(shared.pathname + shared.search);

  // then: the form is filled from the link; "Load more" brings the third from the cursor, and no more
  await expect(filters.getByLabel('Action')).toHaveValue('organization.created');
  await expect(filters.getByLabel('Actor')).toHaveValue(env.operatorEmail);
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText(`name: ${names[2]}`);
  await expect(entries.nth(1)).toContainText(`name: ${names[1]}`);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(2)).toContainText(`name: ${names[0]}`);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);

  // and: clearing the filters takes them out of the URL
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/audit\?limit=2$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Entries, newest first' })).toBeVisible();
});

/** Resolves once the page's live channel is subscribed (set up before the page signs in). */
function channelSubscribed(page: Page): Promise<unknown> {
  return page.waitForEvent('websocket').then((socket) =>
    socket.waitForEvent('framereceived', {
      predicate: (frame) => typeof frame.payload === 'string' && frame.payload.includes('"subscribed"'),
    }),
  );
}

test('a rename made elsewhere shows on the open dashboard, and in its recent activity, without a reload', async ({
  page,
  playwright,
}) => {
  const renamed = `${env.rootName} (renamed ${Math.random().toString(36).slice(2, 8)})`;
  const subscribed = channelSubscribed(page);

  // given: the operator's dashboard open, listening
  await signInAsOperator(page);
  await subscribed;
  const recent = page.getByRole('region', { name: 'Recent activity' });
  await expect(recent.getByRole('listitem').first()).toBeVisible();
  let loads = 0;
  page.on('load', () => loads++);

  // when: another client of the operator's renames the root organization through the API
  const other = await playwright.request.newContext({ baseURL: env.baseUrl });
  const client = api(other, await operatorToken(page));
  const root = await client.rootId();
  try {
    await client.rename(root, renamed);

    // then: the open page shows the new name, and the rename on top of its recent activity
    await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
    await expect(recent.getByRole('listitem').first()).toContainText('organization.updated');
    expect(loads).toBe(0);
    await page.mouse.move(0, 0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('dashboard-recent-audit'), fullPage: true });
  } finally {
    // The other specs know the root by its name.
    await client.rename(root, env.rootName);
    await other.dispose();
  }
  await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
});

test("on a reseller's hostname, a brand saved elsewhere is put on the open console without a reload", async ({
  page,
  playwright,
}) => {
  const origin = `http://${env.brandedHost}:${env.port}`;
  const platformName = `Live ${Math.random().toString(36).slice(2, 8)}`;
  const subscribed = channelSubscribed(page);

  // given: the operator signed in on the reseller's hostname, under its brand, listening
  await signInAsOperator(page, origin);
  await subscribed;
  await expect(page).toHaveTitle(env.brandedName);
  const resolved = (await page.evaluate(async () => (await fetch('/v1/branding/resolve')).json())) as {
    organization: { id: string } | null;
  };
  const reseller = resolved.organization?.id;
  if (!reseller) throw new Error(`${env.brandedHost} resolves to no organization`);
  let loads = 0;
  page.on('load', () => loads++);

  // when: another client of the operator's renames the reseller's platform
  const other = await playwright.request.newContext({ baseURL: env.baseUrl });
  const client = api(other, await operatorToken(page));
  try {
    await client.brand(reseller, platformName);

    // then: the page's title (set from the resolved brand by shared/theme.ts) is the new name
    await expect(page).toHaveTitle(platformName);
    expect(loads).toBe(0);
  } finally {
    // As ConsoleE2EIT set it (the logo stays: a brand's assets outlive a PUT of its fields).
    await client.brand(reseller, env.brandedName);
    await other.dispose();
  }
  await expect(page).toHaveTitle(env.brandedName);
});

test('a time range the API refuses is named beside the field it concerns', async ({ page }) => {
  await signInAsOperator(page);

  await page.goto('/audit?from=2026-12-05T00:00:00.000Z&to=2026-12-01T00:00:00.000Z');

  const from = page.getByLabel('From', { exact: true });
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(from).toHaveAccessibleDescription('From must not be after to');
  await expect(page.getByLabel('To', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('audit-bad-range'), fullPage: true });
});
