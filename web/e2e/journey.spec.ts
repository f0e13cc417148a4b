import { deflateSync } from 'node:zlib';
import { chromium, expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { chromiumLaunchOptions, e2eEnv, screenshotPath } from './env';

// The whole journey the issue names, as people do it, each in their own browser: the operator
// creates a reseller and invites its owner by e-mail; the invitee signs up (the link read from
// maildev, the confirmation code too) and accepts in a second context; the operator licenses the
// reseller with white_label; the new owner brands it, uploads a favicon, claims a hostname,
// publishes the TXT record at its DNS provider (the local Route 53) and verifies it; and the
// console opened on that hostname shows the reseller's name, colours and favicon and nothing of
// the origin in its text, title or requests.

const env = e2eEnv();
const ORIGIN_NAME = /topgun/i;

interface MaildevMessage {
  readonly subject: string;
  readonly text?: string;
  readonly html?: string;
  readonly to: readonly { readonly address: string }[];
}

async function mailTo(request: APIRequestContext, address: string, subject: RegExp): Promise<MaildevMessage> {
  let found: MaildevMessage | undefined;
  await expect
    .poll(
      async () => {
        const inbox = (await (await request.get(new URL('/api/email', env.maildevUrl).href)).json()) as MaildevMessage[];
        found = inbox.find((m) => subject.test(m.subject) && m.to.some((to) => to.address.toLowerCase() === address));
        return found !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found as MaildevMessage;
}

async function atRest(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/** A solid 64×64 PNG of one colour, written as the format says (IHDR, one IDAT, IEND, CRCs). */
function solidPng(rgb: readonly [number, number, number]): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const b of bytes) c = (table[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const size = 64;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [...rgb]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Publishes a TXT record at the reseller's DNS provider: the local Route 53, through its API. */
async function publishTxt(request: APIRequestContext, zone: string, name: string, value: string): Promise<void> {
  const ns = 'https://route53.amazonaws.com/doc/2013-04-01/';
  const created = await request.post('/2013-04-01/hostedzone', {
    headers: { 'Content-Type': 'application/xml' },
    data: `<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="${ns}"><Name>${zone}.</Name><CallerReference>${Date.now()}-${zone}</CallerReference></CreateHostedZoneRequest>`,
  });
  expect(created.status(), await created.text()).toBe(201);
  const zoneId = /<Id>\/hostedzone\/([^<]+)<\/Id>/.exec(await created.text())?.[1];
  expect(zoneId).toBeDefined();
  const changed = await request.post(`/2013-04-01/hostedzone/${zoneId ?? ''}/rrset`, {
    headers: { 'Content-Type': 'application/xml' },
    data: `<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="${ns}"><ChangeBatch><Changes><Change><Action>UPSERT</Action><ResourceRecordSet><Name>${name}</Name><Type>TXT</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>"${value}"</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`,
  });
  expect(changed.status(), await changed.text()).toBe(200);
}

test('operator to branded reseller: invite, sign-up and accept, license, brand, hostname, branded console', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const reseller = `Journey ${suffix}`;
  const brand = `Nimbus ${suffix}`;
  const invitee = `owner-${suffix}@example.test`;
  const password = `Journey-${suffix}-Aa1!`;
  const zone = `j${suffix}.test`;
  const host = `console.${zone}`;

  // 1. the operator signs in and creates the reseller in the tree
  await page.goto('/');
  await page.getByLabel('Email').fill(env.operatorEmail);
  await page.getByLabel('Password', { exact: true }).fill(env.operatorPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
  await page.getByRole('link', { name: 'Organization tree' }).click();
  await page.getByRole('button', { name: `Add child under ${env.rootName}` }).click();
  const create = page.getByRole('form', { name: `New organization under ${env.rootName}` });
  await create.getByLabel('Name').fill(reseller);
  await create.getByLabel('Slug', { exact: true }).fill(`journey-${suffix}`);
  await create.getByLabel('Type').selectOption({ label: 'Reseller' });
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('button', { name: `Expand ${reseller}` })).toBeVisible();

  // 2. opens it and invites its owner by e-mail
  await page.getByRole('button', { name: `Open ${reseller}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: reseller })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Place in the tree' })).toContainText(env.rootName);
  await page.getByRole('link', { name: 'Members', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Members of ${reseller}` })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(invitee);
  await page.getByLabel('Role', { exact: true }).selectOption('owner');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status')).toContainText(`${invitee} invited as Owner`);

  // 3. the invitee opens the mailed link in their own browser, signs up, confirms and accepts
  const invitation = await mailTo(request, invitee, /invited/i);
  const link = /\/invitations\/[A-Za-z0-9_-]+/.exec(`${invitation.text ?? ''} ${invitation.html ?? ''}`)?.[0];
  expect(link, invitation.text).toBeDefined();
  const theirs = await browser.newContext({ baseURL: env.baseUrl });
  const owner = await theirs.newPage();
  await owner.goto(link ?? '/');
  await expect(owner).toHaveURL(/\/sign-in\?next=/);
  await owner.getByRole('link', { name: 'Create an account' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: /^Create your .+ account$/ })).toBeVisible();
  await owner.getByLabel('Email').fill(invitee);
  await owner.getByLabel('Password', { exact: true }).fill(password);
  await owner.getByLabel('Repeat the password').fill(password);
  await owner.getByRole('button', { name: 'Create account' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'Confirm your email address' })).toBeVisible();
  const codeMail = await mailTo(request, invitee, /verification code/i);
  const code = /\b(\d{6})\b/.exec(codeMail.text ?? '')?.[1] ?? '';
  await owner.getByLabel('Confirmation code').fill(code);
  await owner.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(owner.getByText('Your email address is confirmed. Sign in to continue.')).toBeVisible();
  await owner.getByLabel('Email').fill(invitee);
  await owner.getByLabel('Password', { exact: true }).fill(password);
  await owner.getByRole('button', { name: 'Sign in' }).click();
  await expect(owner.getByRole('status')).toHaveText(`You joined ${reseller} as Owner.`);
  await atRest(owner, 'accept-invitation');
  await owner.getByRole('button', { name: `Open ${reseller}` }).click();
  await expect(owner.getByRole('heading', { level: 1, name: reseller })).toBeVisible();

  // 4. the operator, back on the root, licenses the reseller with white_label
  await page.goto('/');
  await page.getByRole('region', { name: 'Your organizations' }).getByRole('button', { name: env.rootName }).click();
  await expect(page.getByRole('heading', { level: 1, name: env.rootName })).toBeVisible();
  await page.getByRole('link', { name: 'Licenses', exact: true }).click();
  await page.getByRole('link', { name: 'Issue a license' }).click();
  const form = page.getByRole('form', { name: 'New license' });
  await form.getByLabel('Organization', { exact: true }).selectOption({ label: reseller });
  await form.getByLabel('License type').selectOption('subscription');
  await form.getByLabel('Tier').selectOption('professional');
  await form.getByLabel('White label').check();
  await form.getByLabel('Users', { exact: true }).fill('10');
  await form.getByLabel('Domains', { exact: true }).fill('5');
  await form.getByRole('button', { name: 'Issue license' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'License issued' })).toBeVisible();

  // 5. the reseller's owner brands it: name, colour, the origin hidden, a favicon
  await owner.getByRole('link', { name: 'Branding', exact: true }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'Branding' })).toBeVisible();
  await owner.getByLabel('Platform name', { exact: true }).fill(brand);
  await owner.getByLabel('Short name', { exact: true }).fill('Nimbus');
  await owner.getByLabel('Primary color', { exact: true }).fill('#0f766e');
  await owner.getByLabel("Hide the origin platform's branding").check();
  await owner.getByRole('button', { name: 'Save branding' }).click();
  await expect(owner.getByRole('status')).toHaveText('Branding saved.');
  const uploaded = owner.waitForResponse((r) => r.url().endsWith('/branding/favicon') && r.request().method() === 'PUT');
  await owner.getByLabel('Favicon', { exact: true }).setInputFiles({
    name: 'favicon.png',
    mimeType: 'image/png',
    buffer: solidPng([15, 118, 110]),
  });
  const favicon = ((await (await uploaded).json()) as { effective: { faviconIcoUrl: string } }).effective.faviconIcoUrl;
  expect(favicon).toMatch(/^\/v1\/branding\/assets\/[0-9A-Z]+\/favicon-[0-9a-f]+\.ico$/);

  // 6. claims its hostname, publishes the TXT record it is shown, and verifies it
  await owner.getByLabel('Hostname', { exact: true }).fill(host);
  await owner.getByRole('button', { name: 'Claim hostname' }).click();
  const claim = owner.getByRole('listitem', { name: host });
  await expect(claim.getByText('Pending')).toBeVisible();
  const record = claim.locator('dd code');
  const [, name, value] = await record.allTextContents();
  expect(name).toBe(`_domain-verification.${host}`);
  await publishTxt(request, zone, name ?? '', value ?? '');
  await claim.getByRole('button', { name: 'Verify' }).click();
  await expect(claim.getByText('Verified')).toBeVisible();
  await atRest(owner, 'journey-branding');
  await theirs.close();

  // 7. the console opened on that hostname: the reseller's brand, nothing of the origin
  const branded = await chromium.launch(chromiumLaunchOptions([`--host-resolver-rules=MAP ${host} 127.0.0.1`]));
  try {
    const origin = `http://${host}:${env.port}`;
    const visitor = await (await branded.newContext()).newPage();
    const requested: string[] = [];
    visitor.on('request', (r) => requested.push(r.url()));
    await visitor.goto(`${origin}/`);
    await expect(visitor.getByRole('heading', { name: `Sign in to ${brand}` })).toBeVisible();
    await expect(visitor).toHaveTitle(brand);
    await expect(visitor.locator('link[rel="icon"][type="image/x-icon"]')).toHaveAttribute('href', favicon);
    const icon = await visitor.evaluate(async (url) => {
      const answer = await fetch(url);
      return `${answer.status} ${answer.headers.get('content-type') ?? ''}`;
    }, favicon);
    expect(icon).toBe('200 image/x-icon');
    const button = visitor.getByRole('button', { name: 'Sign in' });
    await expect(button).toHaveCSS('background-color', 'rgb(15, 118, 110)');

    // and signed in there, the reseller's owner works under the reseller's name only
    await visitor.getByLabel('Email').fill(invitee);
    await visitor.getByLabel('Password', { exact: true }).fill(password);
    await button.click();
    await expect(visitor.getByRole('heading', { level: 1, name: reseller })).toBeVisible();
    await visitor.waitForLoadState('networkidle');
    expect(await visitor.evaluate(() => document.documentElement.outerHTML)).not.toMatch(ORIGIN_NAME);
    expect(await visitor.title()).not.toMatch(ORIGIN_NAME);
    expect(requested.filter((url) => ORIGIN_NAME.test(url))).toEqual([]);
    await atRest(visitor, 'journey-branded-dashboard');
  } finally {
    await branded.close();
  }
});
