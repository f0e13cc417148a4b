import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import SignInPage from '../src/features/auth/SignInPage.vue';
import { installAuthGuard } from '../src/features/auth/guard';
import { useSession } from '../src/features/auth/useSession';
import { createConsoleI18n } from '../src/i18n';
import { createConsoleRouter } from '../src/router';

const COGNITO = 'http://localhost:9229/';

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** The API's /v1/auth/config and Cognito's InitiateAuth, answered as the fake is told. */
function fakeBackend(cognitoAnswer: () => Response) {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({
      url,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    if (url === '/v1/auth/config') {
      return Response.json({ region: 'eu-west-1', userPoolId: 'pool-1', clientId: 'client-1', endpoint: COGNITO });
    }
    if (url === COGNITO) {
      return cognitoAnswer();
    }
    return new Response('not found', { status: 404 });
  });
  return sent;
}

function cognitoError(type: string, message: string): Response {
  return new Response(JSON.stringify({ __type: type, message }), {
    status: 400,
    headers: { 'Content-Type': 'application/x-amz-json-1.1' },
  });
}

async function signIn(next?: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createConsoleRouter(createMemoryHistory());
  installAuthGuard(router, () => useSession(pinia).isSignedIn);
  await router.push(next ? { path: '/sign-in', query: { next } } : '/sign-in');
  const wrapper = mount(SignInPage, { global: { plugins: [pinia, router, createConsoleI18n()] } });
  await wrapper.get('input[name=email]').setValue('  ada@example.com ');
  await wrapper.get('input[name=password]').setValue('wrong horse');
  await wrapper.get('form').trigger('submit');
  await flushPromises();
  return { wrapper, router, session: useSession(pinia) };
}

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('SignInPage', () => {
  it('givenWrongPassword_showsTheRefusalInTheConsolesWords', async () => {
    // given
    const sent = fakeBackend(() => cognitoError('NotAuthorizedException', 'Incorrect username or password.'));

    // when
    const { wrapper, session } = await signIn();

    // then
    expect(wrapper.get('[role=alert]').text()).toBe('Incorrect email or password.');
    expect(session.isSignedIn).toBe(false);
    const initiate = sent.find((s) => s.url === COGNITO);
    expect(initiate?.headers['X-Amz-Target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(initiate?.headers['Content-Type']).toBe('application/x-amz-json-1.1');
    expect(initiate?.body).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'client-1',
      AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'wrong horse' },
    });
  });

  it('givenCognitoLocalsWrongPasswordRefusal_showsTheSameWordsAsCognitos', async () => {
    // cognito-local answers a wrong password with InvalidPasswordException, "Invalid password".
    fakeBackend(() => cognitoError('InvalidPasswordException', 'Invalid password'));

    const { wrapper, session } = await signIn();

    expect(wrapper.get('[role=alert]').text()).toBe('Incorrect email or password.');
    expect(session.isSignedIn).toBe(false);
  });

  it('givenARefusalTheConsoleDoesNotKnow_showsCognitosMessage', async () => {
    fakeBackend(() => cognitoError('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'));

    const { wrapper } = await signIn();

    expect(wrapper.get('[role=alert]').text()).toBe('USER_PASSWORD_AUTH flow not enabled for this client');
  });

  it('givenRightPassword_storesTheTokensForThisTab_andGoesToTheWantedPage', async () => {
    // given
    fakeBackend(() =>
      Response.json({ AuthenticationResult: { IdToken: 'id-1', AccessToken: 'access-1', ExpiresIn: 3600 } }),
    );

    // when
    const { wrapper, router, session } = await signIn('/?view=members');

    // then
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
    expect(session.idToken).toBe('id-1');
    expect(JSON.parse(sessionStorage.getItem('console.session') ?? '{}').tokens.idToken).toBe('id-1');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/?view=members'));
  });
});
