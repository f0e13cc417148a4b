import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { installAuthGuard, signInRoute } from './features/auth/guard';
import { useSession } from './features/auth/useSession';
import { createConsoleI18n } from './i18n';
import { createConsoleRouter } from './router';
import { http } from './shared/http';
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

  createApp(App).use(pinia).use(router).use(createConsoleI18n()).mount('#app');
}

void start();
