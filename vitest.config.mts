import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'] },
      },
      {
        // The team edition against a throwaway PostgreSQL server, started only when one of
        // these files runs (test/pg/global-setup.ts); one file at a time, as roles are the server's.
        extends: true,
        test: {
          name: 'pg',
          include: ['test/pg/**/*.test.ts'],
          globalSetup: ['test/pg/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60000,
          hookTimeout: 60000,
        },
      },
    ],
  },
});
