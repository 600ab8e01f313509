import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests: the built renderer against the station backend in serve mode, in Debian's Chromium
 * (never a downloaded browser). Each test gets its own server and data directory (tests/e2e/fixtures.ts).
 * Screenshots that tests save explicitly land in test-results/screens/ and are kept.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Specs of the staff console alone (antd, desktop conventions). They run at the smaller kiosk screen, the
 * one where a layout runs out of room; resident screens run at both sizes, as kiosk-ux.md asks.
 */
const STAFF_CONSOLE_SPECS = [
  '**/staff.spec.ts',
  '**/consultations.spec.ts',
  '**/roster.spec.ts',
  '**/duty.spec.ts',
  '**/reception.spec.ts',
  '**/assessment.spec.ts',
  '**/reports.spec.ts',
  '**/county-console.spec.ts',
]

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  // CI shares two cores between two browsers and their servers: one retry absorbs a timing slip there,
  // and the list reporter still names every test that needed it (flaky), so it is seen and fixed.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: 'kiosk-1920',
      use: { viewport: { width: 1920, height: 1080 } },
      testIgnore: STAFF_CONSOLE_SPECS,
    },
    { name: 'kiosk-1366', use: { viewport: { width: 1366, height: 768 } } },
  ],
})
