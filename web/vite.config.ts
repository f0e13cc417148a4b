import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// The console is served from the API's own origin (the local runtime, CloudFront in AWS), so every
// request is same-origin; `npm run dev` proxies the API to a local runtime on TOPGUN_API.
const api = process.env['TOPGUN_API'] ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [vue()],
  // vue-i18n's bundler build asks for these; the Composition API alone keeps the bundle smaller.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
  },
  server: {
    proxy: { '/v1': api },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
  },
});
