import { createHmac, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { e2eEnv, screenshotPath } from './env';

const env = e2eEnv();

// The console's own sign-up, confirmation, password reset and MFA screens against this runtime's
// cognito-local, whose codes the runtime mails to maildev (as Cognito mails them in AWS).

interface AuthConfig {
  readonly clientId: string;
  readonly endpoint: string;
}

interface MaildevMessage {
  readonly to: readonly { readonly address: string }[];
  readonly subject: string;
  readonly text?: string;
}

function newAddress(): string {
  return `e2e-${randomUUID().slice(0, 8)}@example.test`;
}

function newPassword(): string {
  return `E2e-${randomUUID().slice(0, 8)}-Aa1!`;
}

/** The codes mailed to `address`, oldest first. */
async function codesTo(request: APIRequestContext, address: string): Promise<string[]> {
  const inbox = await request.get(new URL('/api/email', env.maildevUrl).href);
  expect(inbox.ok()).toBe(true);
  const messages = (await inbox.json()) as MaildevMessage[];
  return messages
    .filter((m) => m.to.some((to) => to.address.toLowerCase() === address.toLowerCase()))
    .map((m) => /\b(\d{6})\b/.exec(m.text ?? '')?.[1])
    .filter((code): code is string => code !== undefined);
}

/** The `n`th code (1 = the first) mailed to `address`, once it has arrived. */
async function mailedCode(request: APIRequestContext, address: string, n: number): Promise<string> {
  await expect.poll(async () => (await codesTo(request, address)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(n);
  const code = (await codesTo(request, address))[n - 1];
  expect(code).toMatch(/^\d{6}$/);
  return code ?? '';
}

/** One call of Cognito's JSON API, as the console makes it, for what a test prepares. */
async function cognito(request: APIRequestContext, target: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const config = (await (await request.get('/v1/auth/config')).json()) as AuthConfig;
  const answer = await request.post(config.endpoint, {
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}`,
    },
    data: JSON.stringify({ ClientId: config.clientId, ...body }),
  });
  const json = (await answer.json()) as Record<string, unknown>;
  expect(answer.ok(), JSON.stringify(json)).toBe(true);
  return json;
}

/** A confirmed user, signed up and confirmed with the mailed code, without the console. */
async function confirmedUser(request: APIRequestContext): Promise<{ email: string; password: string }> {
  const email = newAddress();
  const password = newPassword();
  await cognito(request, 'SignUp', { Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }] });
  await cognito(request, 'ConfirmSignUp', { Username: email, ConfirmationCode: await mailedCode(request, email, 1) });
  return { email, password };
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as an authenticator app computes it from the secret. */
function totp(base32Secret: string, at: number = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32Secret.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0xf;
  const value = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

async function checkPage(page: Page, name: string): Promise<void> {
  // The page at rest: the pointer that clicked the link here may hover a button of this page.
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a new user signs up, confirms with the mailed code and lands on the dashboard', async ({ page, request }) => {
  const email = newAddress();
  const password = newPassword();

  // given: the sign-in page's link to create an account
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Create your .+ account$/ })).toBeVisible();
  await checkPage(page, 'sign-up');

  // when: the user signs up
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();

  // then: the confirmation page, with the address filled in
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email address' })).toBeVisible();
  await expect(page).toHaveURL(/\/confirm\?/);
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await checkPage(page, 'confirm');

  // when: a wrong code first
  const code = await mailedCode(request, email, 1);
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByLabel('Confirmation code').fill(wrong);
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();

  // then: refused beside the code field
  await expect(page.getByLabel('Confirmation code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Confirmation code')).toHaveAccessibleDescription(
    'That code is not right. Check it and try again.',
  );
  await page.screenshot({ path: screenshotPath('confirm-wrong-code'), fullPage: true });

  // when: the mailed code
  await page.getByLabel('Confirmation code').fill(code);
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();

  // then: sign-in, told the address is confirmed; signing in leads to the dashboard
  await expect(page.getByRole('status')).toHaveText('Your email address is confirmed. Sign in to continue.');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page).toHaveURL(new URL('/', env.baseUrl).href);
  await expect(page.getByText('You are not a member of any organization yet.')).toBeVisible();
});

test('a forgotten password is reset with the mailed code; a wrong code is refused beside it', async ({
  page,
  request,
}) => {
  const user = await confirmedUser(request);
  const renewed = newPassword();

  // given: the sign-in page's link for a forgotten password
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await checkPage(page, 'forgot-password');

  // when: the user asks for a code
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Send code' }).click();

  // then: the reset page, and a second code in the inbox (the first confirmed the sign-up)
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(user.email);
  await checkPage(page, 'reset-password');
  const code = await mailedCode(request, user.email, 2);

  // when: a wrong code
  await page.getByLabel('Code', { exact: true }).fill(code === '000000' ? '111111' : '000000');
  await page.getByLabel('New password', { exact: true }).fill(renewed);
  await page.getByLabel('Repeat the new password').fill(renewed);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByLabel('Code', { exact: true })).toHaveAccessibleDescription('That code is not right. Check it and try again.');

  // when: the mailed one
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Change password' }).click();

  // then: the old password no longer signs in, the new one does
  await expect(page.getByRole('status')).toHaveText('Your password is changed. Sign in with the new one.');
  await signInWith(page, user.email, user.password);
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
  await page.getByLabel('Password', { exact: true }).fill(renewed);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('a protected page opened signed out goes to sign-in, and back after it; sign-out ends it', async ({ page }) => {
  // when: a signed-out visit to a page of the console
  await page.goto('/organizations');

  // then: sign-in, remembering the page
  await expect(page).toHaveURL(/\/sign-in\?next=(\/|%2F)organizations$/);

  // when: the operator signs in
  await signInWith(page, env.operatorEmail, env.operatorPassword);

  // then: the page they wanted
  await expect(page).toHaveURL(new URL('/organizations', env.baseUrl).href);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // when: they sign out
  await page.getByRole('button', { name: 'Sign out' }).click();

  // then: the tokens are gone from the tab, and the page asks for sign-in again
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(() => sessionStorage.getItem('console.session'))).toBeNull();
  await page.goto('/organizations');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
});

test('a user with an authenticator app is asked for its code after the password', async ({ page, request }) => {
  // given: a user who set up TOTP (cognito-local sets it up with an access token only, not in the
  // sign-in's MFA_SETUP step, so the setup screen is covered by Vitest)
  const user = await confirmedUser(request);
  const signedIn = await cognito(request, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
  });
  const accessToken = (signedIn['AuthenticationResult'] as { AccessToken: string }).AccessToken;
  const secret = (await cognito(request, 'AssociateSoftwareToken', { AccessToken: accessToken }))['SecretCode'] as string;
  await cognito(request, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: totp(secret) });

  // when: the user signs in with the password
  await page.goto('/sign-in');
  await signInWith(page, user.email, user.password);

  // then: the TOTP step
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  await checkPage(page, 'mfa-code');

  // when: a wrong code, then the app's
  const right = totp(secret);
  await page.getByLabel('Authentication code').fill(right === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByLabel('Authentication code')).toHaveAccessibleDescription(
    'That code is not right. Check it and try again.',
  );
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();

  // then: signed in
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page).toHaveURL(new URL('/', env.baseUrl).href);
});
