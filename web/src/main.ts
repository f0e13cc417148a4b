import { createPinia } from 'pinia';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { getAuthConfig } from './features/auth/api';
import { installAuthGuard, signInRoute } from './features/auth/guard';
import { useSession } from './features/auth/useSession';
import { useOrganizations } from './features/organizations/useOrganizations';
import { createConsoleI18n } from './i18n';
import { createConsoleRouter } from './router';
import { http } from './shared/http';
import { reapplyBrandOnChange } from './shared/liveBrand';
import { realtime, useRealtimeUrl } from './shared/realtime';
import { bootBrand } from './shared/theme';
import { useBrand } from './shared/useBrand';
import './styles.css';

async function start(): Promise<void> {
  const pinia = createPinia();
  const router = createConsoleRouter();
  const session = useSession(pinia);

  // Back to sign-in with the page the user was on, when the session ends by itself.
  const backToSignIn = (): void => {
    const here = router.currentRoute.value;
    if (!here.meta.public) {
      void router.push(signInRoute(here));
    }
  };
  session.whenEnded(backToSignIn);
  http.configure({
    token: () => session.idToken,
    // A 401 first tries the refresh token once; only a refused refresh ends the session.
    refresh: () => session.refresh(),
    onUnauthorized: () => {
      session.signOut();
      backToSignIn();
    },
  });
  installAuthGuard(router, () => session.isSignedIn);

  // The brand first: nothing is shown until its stylesheet, title and icons are in place.
  const brand = useBrand(pinia);
  try {
    brand.booted(await bootBrand(http));
  } catch (error) {
    brand.failed(error instanceof Error ? error : new Error(String(error)));
  }

  // The live channel: open while signed in, subscribed to the organization the console works in;
  // a brand changed by someone else is put on the page again.
  // Where it is comes with the sign-in configuration (its own URL in AWS, this origin locally).
  const organizations = useOrganizations(pinia);
  const located = getAuthConfig(http).then(
    (config) => useRealtimeUrl(config.realtimeUrl ?? null),
    () => useRealtimeUrl(null),
  );
  // Signed in or not, not which token: a silent refresh keeps the open channel (a reconnect reads
  // the current token through the getter).
  watch(
    () => session.idToken !== null,
    (signedIn) => void located.then(() => (signedIn ? realtime.connect(() => session.idToken) : realtime.close())),
    { immediate: true },
  );
  watch(
    () => organizations.current?.organization.id ?? null,
    (orgId) => realtime.subscribe(orgId),
    { immediate: true },
  );
  reapplyBrandOnChange(realtime, http, (manifest) => brand.booted(manifest));

  createApp(App).use(pinia).use(router).use(createConsoleI18n()).mount('#app');
}

void start();
