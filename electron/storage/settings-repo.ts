import type { Database } from './database';

/** Portfolio-wide settings stored with the data (not per user, unlike preferences). */
export interface SettingsRepo {
  get(key: string): unknown;
  set(key: string, value: unknown, at: string): void;
  /** Sets `key` only if no one has: whether this call did (a claim other connections see at once). */
  claim(key: string, value: unknown, at: string): boolean;
}

/** Creates the settings repository. */
export function createSettingsRepo(db: Database): SettingsRepo {
  const getStmt = db.sql.prepare('SELECT value FROM settings WHERE key = ?');
  const setStmt = db.sql.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const claimStmt = db.sql.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
  );
  return {
    get(key) {
      const row = getStmt.get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },
    set(key, value, at) {
      setStmt.run(key, JSON.stringify(value), at);
    },
    claim(key, value, at) {
      return Number(claimStmt.run(key, JSON.stringify(value), at).changes) > 0;
    },
  };
}
