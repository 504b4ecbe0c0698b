/**
 * A team database's key file: the data key that seals sensitive fields, wrapped by the team
 * passphrase, in the settings row `encryption` (only an admin may write it; every login
 * reads it, and only those given the passphrase can unwrap it). docs/team.md says who holds
 * the passphrase and how to change it.
 */
import { AppError } from '../../domain/errors';
import type { Database } from '../database';
import { KeyFileSchema, type KeyFile, type KeyStore } from '../keyfile';

const KEY = 'encryption';

/** The team database's key file as a {@link KeyStore}. */
export function teamKeyStore(db: Pick<Database, 'sql'>, now: () => Date = () => new Date()): KeyStore {
  const get = db.sql.prepare('SELECT value FROM settings WHERE key = ?');
  const create = db.sql.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
  );
  const replace = db.sql.prepare('UPDATE settings SET value = ?, updated_at = ? WHERE key = ?');
  return {
    keychain: false,
    read() {
      const row = get.get(KEY) as { value: string } | undefined;
      if (!row) return null;
      try {
        return KeyFileSchema.parse(JSON.parse(row.value));
      } catch (error) {
        throw new AppError(
          'DATA_DAMAGED',
          `The team database's encryption key record is damaged (${(error as Error).message.slice(0, 120)})`,
        );
      }
    },
    write(file: KeyFile, isNew = false) {
      const text = JSON.stringify(file);
      const at = now().toISOString();
      if (isNew) {
        if (Number(create.run(KEY, text, at).changes) === 0)
          throw new AppError(
            'CONFLICT',
            'Encryption was just turned on for this team database by a colleague',
          );
        return;
      }
      replace.run(text, at, KEY);
    },
  };
}
