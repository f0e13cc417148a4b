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

/** A CodeEditor once CodeMirror has replaced its loading textarea: the editable element. */
function codeEditor(page: Page, label: string) {
  return page.locator(`.cm-content[aria-label="${label}"]`);
}

test('the operator is shown the refused CSS in the editor, and edits, previews, saves and resets the invitation mail', async ({
  page,
}) => {
  const marker = `Marker ${Math.random().toString(36).slice(2, 10)}`;

  await signIn(page);
  const auth = { Authorization: `Bearer ${await operatorToken(page)}` };
  const orgs = (await (await page.request.get('/v1/me/organizations', { headers: auth })).json()) as {
    items: { organization: { id: string; name: string } }[];
  };
  const root = orgs.items.find((m) => m.organization.name === env.rootName);
  if (!root) throw new Error('the operator has no organization');
  const invitation = `/v1/organizations/${root.organization.id}/branding/email-templates/invitation`;

  try {
    // given: the branding page, its custom CSS in a code editor
    await page.getByRole('link', { name: 'Branding' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Branding' })).toBeVisible();
    const css = codeEditor(page, 'Custom CSS');
    await expect(css).toHaveAttribute('contenteditable', 'true');

    // when: CSS whose second line imports another stylesheet is typed and saved
    await css.click();
    await page.keyboard.type('.console { color: red; }');
    await page.keyboard.press('Enter');
    await page.keyboard.type('@import url(x);');
    await expect(css).toContainText('@import url(x);');
    await page.getByRole('button', { name: 'Save branding' }).click();

    // then: the refusal is beside the editor, and its line is marked in it
    await expect(page.locator('#brand-customCss-error')).toContainText(/line 2: .*import/i);
    await expect(css).toHaveAttribute('aria-invalid', 'true');
    await expect(css.locator('.cm-line').nth(1)).toHaveClass(/cm-problem-line/);
    await expect(css.locator('.cm-line').nth(0)).not.toHaveClass(/cm-problem-line/);
    await expect(page.locator('.cm-problem-marker[title*="import"]')).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('branding-css'), fullPage: true });

    // when: the invitation template is opened from the e-mail templates
    await page.getByRole('link', { name: 'E-mail templates' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'E-mail templates' })).toBeVisible();
    const list = page.getByRole('navigation', { name: 'E-mail templates' });
    await expect(list.getByRole('link', { name: /^Invitation/ })).toContainText('Inherited');
    await list.getByRole('link', { name: /^Invitation/ }).click();
    await expect(page).toHaveURL(/\/branding\/email\/invitation$/);
    const html = codeEditor(page, 'HTML body');
    await expect(html).toContainText('You are invited to {{organization.name}}');

    // and: a paragraph is typed at its end, a variable inserted where the cursor is
    await html.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(`<p>${marker}: `);
    await page.getByRole('button', { name: '{{invitation.validDays}}', exact: true }).click();
    await page.keyboard.type(' days</p>');
    await expect(html).toContainText(`<p>${marker}: {{invitation.validDays}} days</p>`);

    // axe before the preview: it cannot run inside a frame that allows no scripts (and waits for it)
    expect(await seriousViolations(page)).toEqual([]);

    // then: the preview renders it with the example value, in a sandboxed frame
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const frame = page.locator('iframe[title="HTML preview of the mail"]');
    await expect(frame).toHaveAttribute('sandbox', '');
    await expect(page.frameLocator('iframe[title="HTML preview of the mail"]').getByText(`${marker}: 7 days`)).toBeVisible();

    // when: saved
    await page.getByRole('button', { name: 'Save template' }).click();
    await expect(page.getByRole('status')).toHaveText('Template saved.');
    await expect(list.getByRole('link', { name: /^Invitation/ })).toContainText('Overridden: HTML body');
    await expect(page.frameLocator('iframe[title="HTML preview of the mail"]').getByText(`${marker}: 7 days`)).toBeVisible();
    await page.screenshot({ path: screenshotPath('email-templates'), fullPage: true });

    // then: it is kept
    await page.reload();
    await expect(list.getByRole('link', { name: /^Invitation/ })).toContainText('Overridden: HTML body');
    // CodeMirror draws only the lines near the window: go to the end, where the paragraph is.
    await codeEditor(page, 'HTML body').click();
    await page.keyboard.press('Control+End');
    await expect(codeEditor(page, 'HTML body')).toContainText(`<p>${marker}: {{invitation.validDays}} days</p>`);
    const kept = (await (await page.request.get(invitation, { headers: auth })).json()) as { html: string };
    expect(kept.html).toContain(`<p>${marker}: {{invitation.validDays}} days</p>`);

    // when: reset to the inherited template
    await page.getByRole('button', { name: 'Reset to inherited' }).click();

    // then: the default is back
    await expect(page.getByRole('status')).toHaveText('The template is the inherited one again.');
    await expect(codeEditor(page, 'HTML body')).not.toContainText(marker);
    await expect(list.getByRole('link', { name: /^Invitation/ })).toContainText('Inherited');
    const stored = (await (await page.request.get(invitation, { headers: auth })).json()) as {
      html: string;
      overridden: { html: boolean };
    };
    expect(stored.html).not.toContain(marker);
    expect(stored.overridden.html).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    // the other specs expect the default mails
    await page.request.put(invitation, {
      headers: { ...auth, 'Idempotency-Key': crypto.randomUUID() },
      data: { subject: null, html: null, text: null },
    });
  }
});
