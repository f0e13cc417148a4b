import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Component } from 'vue';
import { createMemoryHistory } from 'vue-router';
import ConfirmSignUpPage from '../src/features/auth/ConfirmSignUpPage.vue';
import ResetPasswordPage from '../src/features/auth/ResetPasswordPage.vue';
import SignInPage from '../src/features/auth/SignInPage.vue';
import SignUpPage from '../src/features/auth/SignUpPage.vue';
import { createConsoleI18n } from '../src/i18n';
import { createConsoleRouter } from '../src/router';

const COGNITO = 'http://localhost:9229/';

interface Call {
  readonly target: string;
  readonly body: Record<string, unknown>;
}

/** /v1/auth/config and a Cognito answering each call with the next of `answers`. */
function fakeCognito(answers: (() => Response)[]) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (url === '/v1/auth/config') {
      return Response.json({ region: 'eu-west-1', userPoolId: 'pool-1', clientId: 'client-1', endpoint: COGNITO });
    }
    if (url === COGNITO) {
      const headers = init.headers as Record<string, string>;
      calls.push({
        target: (headers['X-Amz-Target'] ?? '').split('.')[1] ?? '',
        body: JSON.parse(init.body as string) as Record<string, unknown>,
      });
      return (answers.shift() ?? (() => new Response('{}', { status: 500 })))();
    }
    return new Response('not found', { status: 404 });
  });
  return calls;
}

const refusal = (type: string) => () => new Response(JSON.stringify({ __type: type, message: type }), { status: 400 });

async function open(page: Component, path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createConsoleRouter(createMemoryHistory());
  await router.push(path);
  const wrapper = mount(page, { global: { plugins: [pinia, router, createConsoleI18n()] } });
  return { wrapper, router };
}

/** The error shown beside the field named `name`, read through its aria-describedby. */
function fieldError(wrapper: ReturnType<typeof mount>, name: string): string | null {
  const input = wrapper.get(`input[name=${name}]`);
  const ids = input.attributes('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((id) => wrapper.find(`[id="${id}"]`)).find((el) => el.exists() && el.classes('auth-field__error'));
  return error ? error.text() : null;
}

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('SignUpPage', () => {
  async function signUp(answers: (() => Response)[], repeated = 'Secret-pass-123') {
    const calls = fakeCognito(answers);
    const { wrapper, router } = await open(SignUpPage, '/sign-up?next=/branding');
    await wrapper.get('input[name=email]').setValue(' ada@example.com ');
    await wrapper.get('input[name=password]').setValue('Secret-pass-123');
    await wrapper.get('input[name=confirm]').setValue(repeated);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    return { wrapper, router, calls };
  }

  it('givenANewAddress_signsUp_andAsksForTheMailedCode_keepingTheWantedPage', async () => {
    const { router, calls } = await signUp([
      () => Response.json({ UserConfirmed: false, CodeDeliveryDetails: { Destination: 'a***', DeliveryMedium: 'EMAIL' } }),
    ]);

    expect(calls.map((c) => c.target)).toEqual(['SignUp']);
    expect(calls[0]?.body['Username']).toBe('ada@example.com');
    expect(router.currentRoute.value.name).toBe('confirm-sign-up');
    expect(router.currentRoute.value.query).toEqual({ email: 'ada@example.com', next: '/branding' });
  });

  it('givenATakenAddress_saysSoBesideTheEmail', async () => {
    const { wrapper, router } = await signUp([refusal('UsernameExistsException')]);

    expect(fieldError(wrapper, 'email')).toBe('An account with this email address already exists.');
    expect(fieldError(wrapper, 'password')).toBeNull();
    expect(wrapper.get('input[name=email]').attributes('aria-invalid')).toBe('true');
    expect(router.currentRoute.value.name).toBe('sign-up');
  });

  it('givenAWeakPassword_saysSoBesideThePassword', async () => {
    const { wrapper } = await signUp([refusal('InvalidPasswordException')]);

    expect(fieldError(wrapper, 'password')).toMatch(/^The password is too weak/);
    expect(fieldError(wrapper, 'email')).toBeNull();
  });

  it('givenTwoDifferentPasswords_saysSoBesideTheRepeat_withoutAskingCognito', async () => {
    const { wrapper, calls } = await signUp([], 'Other-pass-123');

    expect(fieldError(wrapper, 'confirm')).toBe('The two passwords differ.');
    expect(calls).toHaveLength(0);
  });
});

describe('ConfirmSignUpPage', () => {
  it('givenAWrongCode_saysSoBesideTheCode', async () => {
    fakeCognito([refusal('CodeMismatchException')]);
    const { wrapper, router } = await open(ConfirmSignUpPage, '/confirm?email=ada@example.com');
    expect((wrapper.get('input[name=email]').element as HTMLInputElement).value).toBe('ada@example.com');

    await wrapper.get('input[name=code]').setValue('000000');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fieldError(wrapper, 'code')).toBe('That code is not right. Check it and try again.');
    expect(router.currentRoute.value.name).toBe('confirm-sign-up');
  });

  it('givenTheRightCode_sendsToSignIn_withTheAddressAndANotice', async () => {
    const calls = fakeCognito([() => Response.json({})]);
    const { wrapper, router } = await open(ConfirmSignUpPage, '/confirm?email=ada@example.com');

    await wrapper.get('input[name=code]').setValue(' 123456 ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(calls[0]?.body).toEqual({ ClientId: 'client-1', Username: 'ada@example.com', ConfirmationCode: '123456' });
    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query).toEqual({ email: 'ada@example.com', confirmed: '1' });
  });
});

describe('ResetPasswordPage', () => {
  it('givenAnExpiredCode_saysSoBesideTheCode', async () => {
    fakeCognito([refusal('ExpiredCodeException')]);
    const { wrapper } = await open(ResetPasswordPage, '/reset-password?email=ada@example.com');

    await wrapper.get('input[name=code]').setValue('123456');
    await wrapper.get('input[name=password]').setValue('New-pass-1234');
    await wrapper.get('input[name=confirm]').setValue('New-pass-1234');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fieldError(wrapper, 'code')).toBe('That code has expired. Ask for a new one.');
  });

  it('givenTooManyAttempts_saysSoForTheWholeForm', async () => {
    fakeCognito([refusal('LimitExceededException')]);
    const { wrapper } = await open(ResetPasswordPage, '/reset-password?email=ada@example.com');

    await wrapper.get('input[name=code]').setValue('123456');
    await wrapper.get('input[name=password]').setValue('New-pass-1234');
    await wrapper.get('input[name=confirm]').setValue('New-pass-1234');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[role=alert]').text()).toBe('Too many attempts. Wait a while and try again.');
    expect(fieldError(wrapper, 'code')).toBeNull();
  });
});

describe('the MFA steps of SignInPage', () => {
  async function signInTo(answers: (() => Response)[]) {
    const calls = fakeCognito(answers);
    const { wrapper, router } = await open(SignInPage, '/sign-in?next=/organizations');
    await wrapper.get('input[name=email]').setValue('ada@example.com');
    await wrapper.get('input[name=password]').setValue('Secret-pass-123');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    return { wrapper, router, calls };
  }
  const challenge = (name: string) => () =>
    Response.json({ ChallengeName: name, Session: 'session-1', ChallengeParameters: { USER_ID_FOR_SRP: 'u-1' } });
  const signedIn = () => Response.json({ AuthenticationResult: { IdToken: 'id-1', AccessToken: 'a', RefreshToken: 'r' } });

  it('aTotpChallenge_asksForTheCode_thenLandsOnTheWantedPage', async () => {
    const { wrapper, router, calls } = await signInTo([challenge('SOFTWARE_TOKEN_MFA'), signedIn]);
    expect(wrapper.get('h1').text()).toBe('Two-step verification');

    await wrapper.get('input[name=code]').setValue('123456');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(calls[1]?.body).toEqual({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: 'client-1',
      Session: 'session-1',
      ChallengeResponses: { USERNAME: 'u-1', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/organizations'));
  });

  it('aWrongTotpCode_isShownBesideTheCode', async () => {
    const { wrapper } = await signInTo([challenge('SOFTWARE_TOKEN_MFA'), refusal('CodeMismatchException')]);

    await wrapper.get('input[name=code]').setValue('654321');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fieldError(wrapper, 'code')).toBe('That code is not right. Check it and try again.');
  });

  it('aCodeOfOtherThanSixDigits_isRefusedHere', async () => {
    const { wrapper, calls } = await signInTo([challenge('SOFTWARE_TOKEN_MFA')]);

    await wrapper.get('input[name=code]').setValue('12a45');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fieldError(wrapper, 'code')).toBe('Enter the 6 digits your authenticator app shows.');
    expect(calls).toHaveLength(1);
  });

  it('theSetupStep_showsAQrCodeOfTheOtpauthUriAndTheSecret_thenVerifies', async () => {
    const { wrapper, router, calls } = await signInTo([
      challenge('MFA_SETUP'),
      () => Response.json({ SecretCode: 'JBSWY3DPEHPK3PXP', Session: 'session-2' }),
      () => Response.json({ Status: 'SUCCESS', Session: 'session-3' }),
      signedIn,
    ]);
    await vi.waitFor(() => expect(wrapper.find('img.mfa-setup__qr').exists()).toBe(true));

    expect(wrapper.get('h1').text()).toBe('Set up two-step verification');
    expect(wrapper.get('img.mfa-setup__qr').attributes('src')).toMatch(/^data:image\/png;base64,/);
    expect(wrapper.get('img.mfa-setup__qr').attributes('alt')).not.toBe('');
    expect(wrapper.get('.mfa-setup__secret code').text()).toBe('JBSW Y3DP EHPK 3PXP');
    expect(calls[1]).toEqual({ target: 'AssociateSoftwareToken', body: { Session: 'session-1' } });

    await wrapper.get('input[name=code]').setValue('123456');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(calls.slice(2).map((c) => [c.target, c.body['Session']])).toEqual([
      ['VerifySoftwareToken', 'session-2'],
      ['RespondToAuthChallenge', 'session-3'],
    ]);
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/organizations'));
  });
});
