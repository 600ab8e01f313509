import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // The county hub's tests run against a real PostgreSQL started for the run.
          globalSetup: ['tests/fixtures/postgres-global.ts'],
          // Real SQLite files and child processes: give slow disks room, and keep files apart per test.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
