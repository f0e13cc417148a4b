import { expect, test, type Page } from '@playwright/test';
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

async function openMembers(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole('heading', { level: 1, name: `Members of ${env.rootName}` })).toBeVisible();
}

test('the operator sees themselves as the root organization owner and invites a new address', async ({
  page,
}) => {
  // given: the operator on the Members page of the root organization
  await signInAsOperator(page);
  await openMembers(page);

  // then: they are listed, as owner
  const me = page.getByRole('row').filter({ hasText: env.operatorEmail });
  await expect(me).toContainText('(you)');
  await expect(me.getByRole('combobox', { name: `Role of ${env.operatorEmail}` })).toHaveValue('owner');

  // when: they invite a new address as a member
  const invitee = `invitee-${Date.now()}@example.test`;
  await page.getByLabel('Email', { exact: true }).fill(invitee);
  await page.getByLabel('Role', { exact: true }).selectOption('member');
  await page.getByRole('button', { name: 'Send invitation' }).click();

  // then: the invitation is confirmed and the address field emptied for the next one
  await expect(page.getByRole('status')).toContainText(`${invitee} invited as Member`);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('');
  // The pointer rests on the button it clicked; axe judges the page at rest, not its hover colours.
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('members'), fullPage: true });
});

test('a malformed address is refused with the message beside the e-mail field', async ({ page }) => {
  await signInAsOperator(page);
  await openMembers(page);

  await page.getByLabel('Email', { exact: true }).fill('not-an-address');
  await page.getByRole('button', { name: 'Send invitation' }).click();

  const field = page.getByLabel('Email', { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  expect(describedBy).not.toBeNull();
  await expect(page.locator(`#${describedBy ?? ''}`)).not.toBeEmpty();
  await expect(page.getByRole('status')).toHaveCount(0);
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('members-bad-email'), fullPage: true });
});

test('an invitation link opened while signed out goes to sign-in and comes back to itself', async ({
  page,
}) => {
  await page.goto('/invitations/no-such-token');

  await expect(page).toHaveURL(/\/sign-in\?next=(\/|%2F)invitations(\/|%2F)no-such-token$/);
  await page.getByLabel('Email', { exact: true }).fill(env.operatorEmail);
  await page.getByLabel('Password').fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/invitations\/no-such-token$/);
  await expect(page.getByRole('alert')).toHaveText('This invitation link is not valid.');
});
