import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import Conf from 'conf';
import { afterEach } from 'vitest';
import { openAppCore } from '../../electron/ipc/app-core';
import { main } from '../../electron/cli';
import { PREFERENCES_FILE } from '../../electron/services/preferences';
import { DATABASE_FILE } from '../../electron/storage/database';
import type { OperationName, ProgressEvent, RequestOf, ResponseOf } from '../../electron/ipc/contract';
import type { Desktop } from '../../electron/ipc/handlers';
import type { EncryptionOptions } from '../../electron/services/encryption';
import type { VendorInput } from '../../electron/domain/vendor';
import { auditHash } from '../../electron/domain/audit-chain';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

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
  } = {},
) {
  const dataDir = options.dataDir ?? tempDir();
  const preferences = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: PREFERENCES_FILE.configName,
  });
  const progress: ProgressEvent[] = [];
  const internalErrors: unknown[] = [];
  const { services, handlers, dispatcher, close } = openAppCore({
    dataDir,
    preferences,
    appVersion: '0.0.0-test',
    actorOverride: options.actor ?? 'Unit Tester',
    now: options.now,
    isTrustedPageUrl: (url) => url.startsWith('app://vendor-risk/'),
    onProgress: (e) => progress.push(e),
    onInternalError: (_op, e) => internalErrors.push(e),
    desktop: options.desktop,
    encryption: options.encryption,
  });
  cleanups.push(close);
  return { dataDir, services, handlers, dispatcher, progress, internalErrors, preferences };
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
  const code = await main(['--data-dir', dataDir, ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env,
  });
  return { code, stdout, stderr };
}

/** Changes the database file behind the app's back, as someone with the data folder would. */
export function tamper(dataDir: string, sql: string): void {
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
  db.exec(sql);
  db.close();
}

/**
 * Rewrites entry `id`'s actor to "Mallory" and recomputes every hash after it (and the
 * trail's record of its head), as someone with the file but without a key can.
 */
export function forgeAuditEntry(dataDir: string, id: number): void {
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE));
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
  db.close();
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
