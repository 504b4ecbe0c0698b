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
    /** The CA of the server's TLS certificate (for localhost), or null when it runs without TLS. */
    pgCaFile: string | null;
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
    project.provide('pgCaFile', process.env.VENDOR_RISK_TEST_DATABASE_CA ?? null);
    return;
  }
  if (!('binDir' in bin)) {
    console.warn(`team edition tests skipped: ${bin.reason}`);
    project.provide('pgUrl', null);
    project.provide('pgBin', null);
    project.provide('pgSkipReason', bin.reason);
    project.provide('pgCaFile', null);
    return;
  }
  server = await startThrowawayServer(bin.binDir);
  // A run that ends without its teardown (an error, Ctrl-C) still stops the server.
  const started = server;
  process.once('exit', () => started.stop());
  project.provide('pgUrl', server.url);
  project.provide('pgBin', bin.binDir);
  project.provide('pgSkipReason', '');
  project.provide('pgCaFile', server.caFile);
  if (!server.caFile)
    console.warn('team edition TLS tests skipped: openssl not found, the test server runs without TLS');
}

export function teardown(): void {
  server?.stop();
  server = undefined;
}
