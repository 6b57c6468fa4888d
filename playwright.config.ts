// End-to-end tests against the BUILT app (`npm run e2e` builds first) served by `vite preview`,
// in Debian's Chromium. Screenshots go under test-results/screenshots/.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

// E2E_PORT_OFFSET lets several checkouts run their e2e suites at once without sharing servers.
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const PREVIEW_PORT = 4173 + PORT_OFFSET;
export const WEFT_PORT = 9173 + PORT_OFFSET;
const WEFT_DATA = `/tmp/weft-e2e-data-${WEFT_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PREVIEW_PORT}`,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
  webServer: [
    {
      command: `npx vite preview --port ${PREVIEW_PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${PREVIEW_PORT}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The weft server (ingestion, /api, /captures, live feed) for the live-view spec: an empty
      // store each run, no sample seeded.
      command: `rm -rf ${WEFT_DATA} && node bin/weft.js serve --port ${WEFT_PORT} --data ${WEFT_DATA} --no-sample`,
      url: `http://127.0.0.1:${WEFT_PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
