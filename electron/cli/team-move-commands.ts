/**
 * `team import` and `team export`: moving a portfolio from a local data folder into an
 * empty team database, and from a team database out to a new local data folder (for an
 * auditor, or to leave). Both work at the storage level (storage/pg/move-in.ts,
 * move-out.ts); the PostgreSQL client is loaded only when one of them runs.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { done, failure, usageError, type Outcome } from './outcome';
import type { CliIo } from './io';
import type { CommandSpec } from './spec';
import { defaultDataDir } from './data-dir';
import { resolveDataDir } from '../storage/data-dir';
import { DATABASE_FILE } from '../storage/database';
import { KEY_FILE } from '../storage/keyfile';
import { DATABASE_OPTION, databaseUrl, missingDatabase } from './team-commands';
import type { EncryptedFolder, MoveProgress, MoveReport } from '../storage/pg/move-in';
import { passphraseFor } from './passphrase';

/** Tables with at least this many rows report their progress on stderr. */
const BIG_TABLE = 5000;

/** Progress lines on stderr for big tables: every BIG_TABLE rows and when one is done. */
function progressLines(io: CliIo, verb: string): (p: MoveProgress) => void {
  let last = { table: '', shown: 0 };
  return (p) => {
    if (p.total < BIG_TABLE) return;
    if (last.table !== p.table) last = { table: p.table, shown: 0 };
    if (p.done < p.total && p.done - last.shown < BIG_TABLE) return;
    last.shown = p.done;
    io.stderr(`${verb} ${p.table}: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')}\n`);
  };
}

/** The report in a sentence. */
function summary(r: MoveReport): string {
  const rows = r.tables.reduce((n, t) => n + t.rows, 0);
  const vendors = r.tables.find((t) => t.table === 'vendors')?.rows ?? 0;
  return (
    `${vendors} vendors, ${rows.toLocaleString('en')} rows in ${r.tables.length} tables, ` +
    `${r.evidenceFiles} evidence files, ${r.auditEntries} audit entries (head ${r.auditHead.slice(0, 12)}…)`
  );
}

/**
 * Runs a move, turning refusals and database errors into one line (exit 2). `undone` says
 * what a failure leaves (the import's transaction, the export's folder removed): added to a
 * database's or connection's own words, which do not say it.
 */
async function moving(
  url: string,
  undone: string,
  fn: (
    client: import('pg').Client,
    where: string,
    m: typeof import('../storage/pg/move-in') & typeof import('../storage/pg/move-out'),
  ) => Promise<Outcome>,
): Promise<Outcome> {
  const [{ withTeamClient }, moveIn, moveOut] = await Promise.all([
    import('../storage/pg/client'),
    import('../storage/pg/move-in'),
    import('../storage/pg/move-out'),
  ]);
  try {
    return await withTeamClient(url, (client, connection) =>
      fn(client, connection.display, { ...moveIn, ...moveOut }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failure(/nothing was (copied|written)/.test(message) ? message : `${message}; ${undone}`);
  }
}

/** `team import`: the local data folder into an empty team database. */
export const teamImport: CommandSpec = {
  words: ['team', 'import'],
  summary: 'Copy the local portfolio into an empty team database',
  description:
    'Copies every table of the data folder (--data-dir) into a team database prepared by `team init` that holds ' +
    'no portfolio yet: the audit trail with its numbers, actors, hashes and signatures as they are, and the ' +
    'evidence files into the database (SHA-256 checked). One transaction: on any failure nothing is copied. ' +
    'Commits only when the copied chain verifies and ends where the local one ends. Run it as the database ' +
    'owner. An encrypted folder is opened with its passphrase (VENDOR_RISK_PASSPHRASE, or asked), which becomes the ' +
    'team passphrase: sealed values stay sealed, and the colleagues given it read them.',
  args: [],
  options: DATABASE_OPTION,
  examples: [
    'vendor-risk team import --data-dir ~/vendor-risk --database postgresql://owner@db.internal/vendor_risk',
  ],
  async standalone({ io, flags }) {
    const url = await databaseUrl(flags, io);
    if (!url) return missingDatabase();
    const dataDir = resolveDataDir({
      flag: flags.string('data-dir'),
      env: io.env,
      fallback: defaultDataDir(process.platform, io.env),
    });
    if (!existsSync(join(dataDir, DATABASE_FILE)))
      return failure(`there is no portfolio in ${dataDir} (no ${DATABASE_FILE}): nothing was copied`);
    const encrypted = existsSync(join(dataDir, KEY_FILE)) ? await unlockFolder(dataDir, io) : undefined;
    if (typeof encrypted === 'string') return failure(encrypted);
    const { openDatabase } = await import('../storage/database');
    const db = openDatabase(dataDir);
    try {
      return await moving(
        url,
        'nothing was copied: the team database is as it was',
        async (client, where, m) => {
          const report = await m.importPortfolio(
            client,
            db.sqlite,
            dataDir,
            progressLines(io, 'copied'),
            encrypted,
          );
          return done(
            `Copied ${dataDir} into ${where}: ${summary(report)}. The team database's audit trail verifies and ends where the local one ends.`,
            { from: dataDir, to: where, ...report },
          );
        },
      );
    } finally {
      db.close();
    }
  },
};

/**
 * An encrypted folder's key, unlocked with its passphrase (which becomes the team passphrase),
 * or the sentence refusing it.
 */
async function unlockFolder(dataDir: string, io: CliIo): Promise<EncryptedFolder | string> {
  const passphrase = await passphraseFor(dataDir, io);
  if (!passphrase)
    return `${dataDir} is encrypted: give its passphrase (VENDOR_RISK_PASSPHRASE), which becomes the team passphrase; nothing was copied`;
  const { readKeyFile, unlockWithPassphrase, newKeyFile } = await import('../storage/keyfile');
  const { createCipher } = await import('../storage/cipher');
  const { place } = await import('../storage/places');
  let dataKey: Buffer;
  try {
    dataKey = unlockWithPassphrase(readKeyFile(dataDir)!, passphrase);
  } catch (error) {
    return `${error instanceof Error ? error.message : String(error)}; nothing was copied`;
  }
  const cipher = createCipher(() => true);
  cipher.setKey(dataKey, true);
  return {
    keyRecord: newKeyFile(dataKey, { passphrase }, new Date()),
    openFile: (bytes, id) => Buffer.from(cipher.openFile(bytes, place.evidenceFile(id))),
    sealFile: (bytes, id) => Buffer.from(cipher.sealFile(bytes, place.evidenceFile(id))),
  };
}

/** `team export --to DIR`: a team database out to a new local data folder. */
export const teamExport: CommandSpec = {
  words: ['team', 'export'],
  summary: 'Write the team database to a new local data folder',
  description:
    'Writes a new data folder (DIR must be new or empty) whose database holds every table of the team database ' +
    'at this version’s schema, the audit trail as it is, and the evidence files with their SHA-256 checked. Read ' +
    'in one snapshot; on any failure the folder is removed. Check it with `vendor-risk --data-dir DIR audit verify`.',
  args: [],
  options: {
    ...DATABASE_OPTION,
    to: { type: 'string', value: 'DIR', description: 'The new data folder (new or empty)' },
  },
  examples: [
    'vendor-risk team export --to ./for-the-auditor --database postgresql://dana@db.internal/vendor_risk',
  ],
  check: (_args, flags) => (flags.string('to') ? undefined : 'missing --to DIR (a new or empty folder)'),
  async standalone({ io, flags }) {
    const url = await databaseUrl(flags, io);
    if (!url) return missingDatabase();
    const to = flags.string('to');
    if (!to) return usageError('missing --to DIR (a new or empty folder)');
    const dir = resolve(to);
    return moving(url, 'nothing was written', async (client, where, m) => {
      const report = await m.exportPortfolio(client, dir, progressLines(io, 'exported'));
      return done(
        `Exported ${where} to ${dir}: ${summary(report)}.\nCheck it: vendor-risk --data-dir ${dir} audit verify`,
        { from: where, to: dir, ...report },
      );
    });
  },
};
