import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { e2eEnv, screenshotPath } from './env';

const env = e2eEnv();

/** The operator signs in as console.spec.ts does, and lands on the root's dashboard. */
async function signInAsOperator(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(env.operatorEmail);
  await page.getByLabel('Password').fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
}

test('the operator creates a reseller in the tree, renames it, and a taken slug is named at its field', async ({
  page,
}) => {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const slug = `reseller-${suffix}`;
  const name = `Reseller ${suffix}`;
  const renamed = `Renamed ${suffix}`;

  // given: the operator on the tree page, the root expanded with its children
  await signInAsOperator(page);
  await page.getByRole('link', { name: 'Organization tree' }).click();
  await expect(page).toHaveURL(/\/organizations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Organization tree' })).toBeVisible();
  const rootToggle = page.getByRole('button', { name: `Collapse ${env.rootName}` });
  await expect(rootToggle).toHaveAttribute('aria-expanded', 'true');
  const children = page.getByRole('list', { name: `Children of ${env.rootName}` });

  // when: a reseller is created under the root with a unique slug
  await page.getByRole('button', { name: `Add child under ${env.rootName}` }).click();
  const create = page.getByRole('form', { name: `New organization under ${env.rootName}` });
  const types = await create.getByLabel('Type').locator('option').allTextContents();
  expect(types).toEqual(['Reseller', 'Sub-reseller', 'Customer']);
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Slug', { exact: true }).fill(slug);
  await create.getByLabel('Type').selectOption({ label: 'Reseller' });
  await create.getByRole('button', { name: 'Create' }).click();

  // then: it is in the tree, under the root, as a reseller
  await expect(create).toHaveCount(0);
  const reseller = children.getByRole('button', { name: `Expand ${name}` });
  await expect(reseller).toBeVisible();
  await expect(children.getByText(`${slug} · Reseller`)).toBeVisible();

  // when: it is renamed
  await page.getByRole('button', { name: `Rename ${name}` }).click();
  const rename = page.getByRole('form', { name: `Rename ${name}` });
  await rename.getByLabel('Name').fill(renamed);
  await rename.getByRole('button', { name: 'Save' }).click();

  // then: the tree shows the new name, and the old one is gone
  await expect(rename).toHaveCount(0);
  await expect(children.getByRole('button', { name: `Expand ${renamed}` })).toBeVisible();
  await expect(children.getByRole('button', { name: `Expand ${name}` })).toHaveCount(0);

  // when: another child is created with the same slug
  await page.getByRole('button', { name: `Add child under ${env.rootName}` }).click();
  const again = page.getByRole('form', { name: `New organization under ${env.rootName}` });
  await again.getByLabel('Name').fill(`Copy ${suffix}`);
  await again.getByLabel('Slug', { exact: true }).fill(slug);
  await again.getByRole('button', { name: 'Create' }).click();

  // then: the API's refusal is shown beside the slug field, the form stays open, nothing is added
  const slugField = again.getByLabel('Slug', { exact: true });
  await expect(slugField).toHaveAttribute('aria-invalid', 'true');
  await expect(slugField).toHaveAccessibleDescription('Slug is taken');
  await expect(again.getByText('Slug is taken')).toBeVisible();
  await expect(again.getByLabel('Name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(children.getByRole('button', { name: `Expand Copy ${suffix}` })).toHaveCount(0);

  // axe judges the page with the pointer still on the Create button it pressed: hovered buttons
  // keep their contrast (the theme's on-primary-hover)
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('tree'), fullPage: true });
});

/** Creates a child through the tree's form and waits until the tree shows it. */
async function addChild(page: Page, parent: string, name: string, slug: string, type: string): Promise<void> {
  await page.getByRole('button', { name: `Add child under ${parent}` }).click();
  const create = page.getByRole('form', { name: `New organization under ${parent}` });
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Slug', { exact: true }).fill(slug);
  await create.getByLabel('Type').selectOption({ label: type });
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(create).toHaveCount(0);
}

test('the operator moves a sub-reseller to another reseller, deletes that reseller with it, and restores both', async ({
  page,
}) => {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const from = `From ${suffix}`;
  const to = `To ${suffix}`;
  const sub = `Sub ${suffix}`;

  // given: two resellers under the root and a sub-reseller under the first
  await signInAsOperator(page);
  await page.getByRole('link', { name: 'Organization tree' }).click();
  await addChild(page, env.rootName, from, `from-${suffix}`, 'Reseller');
  await addChild(page, env.rootName, to, `to-${suffix}`, 'Reseller');
  await addChild(page, from, sub, `sub-${suffix}`, 'Sub-reseller');
  await expect(page.getByRole('list', { name: `Children of ${from}` }).getByRole('button', { name: `Expand ${sub}` })).toBeVisible();

  // when: the sub-reseller is moved by picking the second reseller as its new parent
  await page.getByRole('button', { name: `Move ${sub}` }).click();
  const move = page.getByRole('form', { name: `Move ${sub}` });
  await move.getByLabel('Find the new parent').fill(suffix);
  // its own parent is not offered, nor is anything that cannot hold a sub-reseller
  await expect(move.getByRole('radio', { name: new RegExp(`^${from}`) })).toHaveCount(0);
  await move.getByRole('radio', { name: new RegExp(`^${to}`) }).check();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('tree-move'), fullPage: true });
  await move.getByRole('button', { name: 'Move' }).click();

  // then: it shows under the new parent and no longer under the old one
  await expect(move).toHaveCount(0);
  await page.getByRole('button', { name: `Expand ${to}` }).click();
  await expect(page.getByRole('list', { name: `Children of ${to}` }).getByRole('button', { name: `Expand ${sub}` })).toBeVisible();
  await expect(page.getByRole('list', { name: `Children of ${from}` })).toHaveCount(0);

  // when: the new parent is deleted with everything below it
  await page.getByRole('button', { name: `Delete ${to}` }).click();
  const remove = page.getByRole('form', { name: `Delete ${to}` });
  await remove.getByLabel('Also delete every organization below it').check();
  await remove.getByRole('button', { name: 'Delete' }).click();

  // then: it is gone from the tree and offered for a restore on this page
  await expect(page.getByRole('button', { name: `Expand ${to}` })).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Deleted on this page' }).getByRole('button', { name: `Restore ${to}` }),
  ).toBeVisible();

  // and, after a reload, in the tree itself as deleted; the restore brings it back with its child
  await page.reload();
  const children = page.getByRole('list', { name: `Children of ${env.rootName}` });
  await expect(children.getByText(`to-${suffix} · Deleted, can be restored for 30 days`)).toBeVisible();
  await children.getByRole('button', { name: `Restore ${to}` }).click();
  await page.getByRole('button', { name: `Expand ${to}` }).click();
  await expect(page.getByRole('list', { name: `Children of ${to}` }).getByRole('button', { name: `Expand ${sub}` })).toBeVisible();
});
