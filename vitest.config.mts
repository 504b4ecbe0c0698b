import { defineConfig } from 'vitest/config';

/** The service test files that run on both backends (docs/team.md says what is not covered yet). */
const TEAM_SUITE = [
  'test/unit/vendors-service.test.ts',
  'test/unit/portfolio.test.ts',
  'test/unit/assessments.test.ts',
  'test/unit/clauses.test.ts',
  'test/unit/vendor-standings.test.ts',
  'test/unit/scoring.test.ts',
  'test/unit/devices.test.ts',
  'test/unit/device-import.test.ts',
  'test/unit/sboms-service.test.ts',
  'test/unit/vulnerabilities/advisories-service.test.ts',
  'test/unit/vulnerabilities/vulnerabilities-service.test.ts',
  'test/unit/vulnerabilities/vulnerability-views.test.ts',
  'test/unit/vulnerabilities/cli-vulnerabilities.test.ts',
  'test/unit/vulnerabilities/window-import.test.ts',
  'test/unit/trust.test.ts',
  'test/unit/reconcile.test.ts',
  'test/unit/exchange.test.ts',
  'test/unit/exchange-form.test.ts',
  'test/unit/exchange-sbom.test.ts',
  'test/unit/sample-warehouse.test.ts',
  'test/unit/reports.test.ts',
  'test/unit/board-pack-render.test.ts',
  'test/unit/vendor-import.test.ts',
  'test/unit/assessment-review.test.ts',
  'test/unit/vendor-self-reports.test.ts',
  'test/unit/risk.test.ts',
  'test/unit/cli-score.test.ts',
  'test/unit/portfolio-today-service.test.ts',
  'test/unit/dispatch.test.ts',
];

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
      {
        // The same service tests as `unit`, each on a team database of its own
        // (test/pg/team-backend.ts): one suite, both backends.
        extends: true,
        test: {
          name: 'pg-services',
          include: TEAM_SUITE,
          setupFiles: ['test/pg/team-backend.ts'],
          globalSetup: ['test/pg/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60000,
          hookTimeout: 60000,
        },
      },
    ],
  },
});
