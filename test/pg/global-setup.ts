/**
 * Vitest global setup of the `pg` project: one throwaway PostgreSQL server per test run,
 * its owner's URL handed to the tests with `provide`. VENDOR_RISK_TEST_DATABASE_URL points
 * the tests at a server someone else started instead (an owner's connection to an empty
 * cluster). Without PostgreSQL the tests skip, and say why here and in each file.
 */
import type { TestProject } from 'vitest/node';
import { findPgBin, startThrowawayServer, type ThrowawayServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The owner's URL of the test server, or null when there is none. */
    pgUrl: string | null;
    /** Where psql is, for role tests through psql. */
    pgBin: string | null;
    /** Why there is no server. */
    pgSkipReason: string;
  }
}

let server: ThrowawayServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.VENDOR_RISK_TEST_DATABASE_URL;
  const bin = findPgBin();
  if (given) {
    project.provide('pgUrl', given);
    project.provide('pgBin', 'binDir' in bin ? bin.binDir : null);
    project.provide('pgSkipReason', '');
    return;
  }
  if (!('binDir' in bin)) {
    console.warn(`team edition tests skipped: ${bin.reason}`);
    project.provide('pgUrl', null);
    project.provide('pgBin', null);
    project.provide('pgSkipReason', bin.reason);
    return;
  }
  server = await startThrowawayServer(bin.binDir);
  project.provide('pgUrl', server.url);
  project.provide('pgBin', bin.binDir);
  project.provide('pgSkipReason', '');
}

export function teardown(): void {
  server?.stop();
  server = undefined;
}
