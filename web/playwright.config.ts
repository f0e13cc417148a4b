import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, e2eEnv } from './e2e/env';

// The console's browser tests, run by local/runtime's ConsoleE2EIT against a local runtime it
// starts (`npm run e2e` with TOPGUN_E2E_* set; see e2e/env.ts). Chromium is Debian's, never a
// browser Playwright downloads. Not part of `npm test`: Vitest includes only test/**.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'target/e2e-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: e2eEnv().baseUrl,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
