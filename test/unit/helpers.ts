import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import Conf from 'conf';
import { afterEach, it } from 'vitest';
import { openAppCore } from '../../electron/ipc/app-core';
import { main } from '../../electron/cli';
import { PREFERENCES_FILE } from '../../electron/services/preferences';
import { DATABASE_FILE } from '../../electron/storage/database';
import { openTeamDatabase } from '../../electron/storage/pg/team-database';
import type { OperationName, ProgressEvent, RequestOf, ResponseOf } from '../../electron/ipc/contract';
import type { Desktop } from '../../electron/ipc/handlers';
import type { EncryptionOptions } from '../../electron/services/encryption';
import type { VendorInput } from '../../electron/domain/vendor';
import { auditHash } from '../../electron/domain/audit-chain';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

declare global {
  /** Set by test/pg/team-backend.ts when the suite runs on a team database. */
  var vendorRiskTeamBackend:
    | {
        /** A team database of the test's own, as the actor's login; dropped after the test. */
        database(actor: string, cleanups: (() => void)[]): string;
        /** The same database's URL as another login (made if needed). */
        as(url: string, actor: string): string;
        /** Runs SQLite-spelled SQL on the database as the server's owner, its triggers off. */
        behindTheBack(url: string, sql: string, params?: unknown[]): Record<string, unknown>[];
      }
    | undefined;
}

/**
 * `it` for a test that holds only for the data folder's own SQLite file; on the team suite it is
 * skipped, saying why.
 */
export function itOnSolo(reason: string): typeof it {
  if (!globalThis.vendorRiskTeamBackend) return it;
  return ((name: string) => {
    console.warn(`skipped on the team database: "${name}" (${reason})`);
    it.skip(`${name} — solo only: ${reason}`, () => undefined);
  }) as unknown as typeof it;
}

/**
 * `it` for a test of what only a team database does (a refusal of what is the data folder's
 * own); on the solo suite it is skipped, saying why.
 */
export function itOnTeam(reason: string): typeof it {
  if (globalThis.vendorRiskTeamBackend) return it;
  return ((name: string) => {
    console.warn(`skipped on this computer's own data: "${name}" (${reason})`);
    it.skip(`${name} — team only: ${reason}`, () => undefined);
  }) as unknown as typeof it;
}

/** The team database of each data folder `openApp` gave one (the pg-services project). */
const teamDatabases = new Map<string, string>();

/** A fresh temporary data folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Real services and dispatcher on a fresh data folder. */
export function openApp(
  options: {
    actor?: string;
    dataDir?: string;
    now?: () => Date;
    desktop?: Desktop;
    encryption?: EncryptionOptions;
    /**
     * A colleague of the app opened on this data folder: the same portfolio through a second
     * connection (the same SQLite file; on the team suite, the same team database as `actor`'s login).
     */
    colleagueOf?: string;
  } = {},
) {
  const backend = globalThis.vendorRiskTeamBackend;
  const shared = options.colleagueOf;
  const dataDir = options.dataDir ?? (shared && !backend ? shared : tempDir());
  const preferences = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: PREFERENCES_FILE.configName,
  });
  const progress: ProgressEvent[] = [];
  const internalErrors: unknown[] = [];
  const actor = options.actor ?? 'Unit Tester';
  // The `pg-services` project runs these tests on a team database of their own (test/pg/team-backend.ts);
  // an app opened again on the same data folder, or as a colleague of another one, finds the same one.
  const known = teamDatabases.get(shared ?? dataDir);
  const database = known ? backend!.as(known, actor) : backend?.database(actor, cleanups);
  if (database) teamDatabases.set(dataDir, database);
  const { services, handlers, dispatcher, close } = openAppCore({
    dataDir,
    database,
    preferences,
    appVersion: '0.0.0-test',
    actorOverride: actor,
    now: options.now,
    isTrustedPageUrl: (url) => url.startsWith('app://vendor-risk/'),
    onProgress: (e) => progress.push(e),
    onInternalError: (_op, e) => internalErrors.push(e),
    desktop: options.desktop,
    encryption: options.encryption,
  });
  cleanups.push(close);
  return {
    team: database !== undefined,
    dataDir,
    services,
    handlers,
    dispatcher,
    progress,
    internalErrors,
    preferences,
  };
}

/** A complete vendor input with overrides. */
export function vendorInput(overrides: Partial<VendorInput> = {}): VendorInput {
  return {
    name: 'Acme Yard Systems',
    category: 'wms-saas',
    services: 'Yard management SaaS',
    dataTouched: ['pii'],
    criticality: 'high',
    owner: 'Dana Whitfield (Operations)',
    status: 'active',
    tags: ['yard'],
    notes: '',
    ...overrides,
  };
}

/** Runs the CLI in-process on a data folder, capturing what it prints. */
export async function runCli(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = { VENDOR_RISK_USER: 'CLI Tester' },
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // On a team database the CLI logs in as the person it names (the login is who acts).
  const team = teamDatabases.get(dataDir);
  const database = team
    ? ['--database', globalThis.vendorRiskTeamBackend!.as(team, env.VENDOR_RISK_USER ?? 'Unit Tester')]
    : [];
  const code = await main(['--data-dir', dataDir, ...database, ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env,
  });
  return { code, stdout, stderr };
}

/**
 * Changes the database file behind the app's back, as someone with the data folder would
 * (on the team suite: the team database, as someone with the server's owner login).
 */
export function tamper(dataDir: string, sql: string): void {
  const team = teamDatabases.get(dataDir);
  if (team) {
    globalThis.vendorRiskTeamBackend!.behindTheBack(team, sql);
    return;
  }
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
  db.exec(sql);
  db.close();
}

/** Runs one statement on the data folder's database behind the app's back (either backend); its rows. */
function behindTheBack(
  dataDir: string,
  sql: string,
  ...params: (string | number)[]
): Record<string, unknown>[] {
  const team = teamDatabases.get(dataDir);
  if (team) return globalThis.vendorRiskTeamBackend!.behindTheBack(team, sql, params);
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
  try {
    const stmt = db.prepare(sql);
    return stmt.columns().length ? stmt.all(...params) : (stmt.run(...params), []);
  } finally {
    db.close();
  }
}

/**
 * Changes a stored row behind the services' back, in whichever database the data folder's
 * app runs on: the SQLite file (as `tamper`), or its team database as the test's login (the
 * SQL read as PostgreSQL reads it, storage/pg/dialect.ts).
 */
export function changeStored(dataDir: string, sql: string): void {
  const team = teamDatabases.get(dataDir);
  if (!team) return tamper(dataDir, sql);
  const db = openTeamDatabase(team);
  try {
    db.sql.exec(sql);
  } finally {
    db.close();
  }
}

/**
 * Rewrites entry `id`'s actor to "Mallory" and recomputes every hash after it (and the
 * trail's record of its head), as someone with the file but without a key can.
 */
export function forgeAuditEntry(dataDir: string, id: number): void {
  const db = {
    prepare: (sql: string) => ({
      run: (...p: (string | number)[]) => behindTheBack(dataDir, sql, ...p),
      get: (...p: (string | number)[]) => behindTheBack(dataDir, sql, ...p)[0],
      all: (...p: (string | number)[]) => behindTheBack(dataDir, sql, ...p),
    }),
  };
  db.prepare(`UPDATE audit_log SET actor = 'Mallory' WHERE id = ?`).run(id);
  let prev = (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id - 1) as { hash: string }).hash;
  const rows = db.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').all(id) as Record<
    string,
    string
  >[];
  for (const row of rows) {
    const hash = auditHash(
      {
        id: Number(row.id),
        at: row.at!,
        actor: row.actor!,
        entity: row.entity!,
        entityId: row.entity_id ?? null,
        action: row.action!,
        beforeJson: row.before_json ?? null,
        afterJson: row.after_json ?? null,
      },
      prev,
    );
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, Number(row.id));
    prev = hash;
  }
  db.prepare('UPDATE audit_record SET hash = ?').run(prev);
}

/** Calls an operation through the app's dispatcher; its value, or the error thrown. */
export async function call<K extends OperationName>(
  app: ReturnType<typeof openApp>,
  operation: K,
  request: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const r = await app.dispatcher.call(operation, request);
  if (!r.ok) throw new Error(`${operation}: ${r.error.message}`);
  return r.value;
}
