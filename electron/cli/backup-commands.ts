import { formatBytes as size } from '../domain/backups';
import { formatTable, printable } from './format';
import { done, failureFromError } from './outcome';
import { request } from './session';
import type { CommandSpec } from './spec';

/** `backup create`: a consistent copy of the database. */
export const backupCreate: CommandSpec = {
  words: ['backup', 'create'],
  summary: 'Copy the whole database to a file',
  description:
    'A consistent copy (SQLite online backup), safe while the app is open; without --out, a snapshot in the ' +
    'data folder’s backups/ (the oldest beyond the setting are removed).',
  args: [],
  options: { out: { type: 'string', value: 'FILE', description: 'Where to write the copy' } },
  examples: ['vendor-risk backup create --out vendor-risk-2026-11-24.db', 'vendor-risk backup create'],
  async run({ dispatcher, flags }) {
    const out = flags.string('out');
    if (out === undefined) {
      const r = await request(dispatcher, 'backups.snapshot', { jobId: 'cli-backup' });
      if (!r.ok) return failureFromError(r.error);
      return done(`Took a snapshot: ${printable(r.value.path)} (${size(r.value.bytes)})`, r.value);
    }
    const r = await request(dispatcher, 'backups.save', { path: out, jobId: 'cli-backup' });
    if (!r.ok) return failureFromError(r.error);
    return done(`Backed up to ${printable(r.value.path)} (${size(r.value.bytes)})`, r.value);
  },
};

/** `backup restore`: replace the data with a backup's, after checking it. */
export const backupRestore: CommandSpec = {
  words: ['backup', 'restore'],
  summary: 'Replace the data with a backup, after checking it',
  description:
    'Checks FILE first (integrity, a schema this version can open, an intact audit trail) and changes nothing if ' +
    'any check fails; otherwise keeps the current data as a snapshot in backups/ and restores FILE. FILE may be a ' +
    'path or the name of a snapshot listed by `backup list`. Close the app first: it would keep showing the old data.',
  args: ['FILE'],
  options: {},
  examples: [
    'vendor-risk backup restore vendor-risk-2026-11-24.db',
    'vendor-risk backup restore vendor-risk-20261124-090000-daily.db',
  ],
  writes: true,
  async run({ dispatcher, args }) {
    const file = args[0] ?? '';
    const listed = await request(dispatcher, 'backups.list', {});
    if (!listed.ok) return failureFromError(listed.error);
    const snapshot = listed.value.snapshots.find((s) => s.file === file);
    const r = snapshot
      ? await request(dispatcher, 'backups.restoreSnapshot', { file, jobId: 'cli-restore' })
      : await request(dispatcher, 'backups.restorePath', { path: file, jobId: 'cli-restore' });
    if (!r.ok) return failureFromError(r.error);
    return done(
      `Restored ${printable(r.value.restoredFrom)} (${r.value.vendors} vendors). The data before it is kept in ${printable(r.value.keptAs)}.`,
      r.value,
    );
  },
};

/** `backup list`: the snapshots in the data folder. */
export const backupList: CommandSpec = {
  words: ['backup', 'list'],
  summary: 'List the snapshots kept in the data folder',
  description: 'Newest first, with why each was taken (manual, migration, import, daily, before-restore).',
  args: [],
  options: {},
  examples: ['vendor-risk backup list --json'],
  async run({ dispatcher }) {
    const r = await request(dispatcher, 'backups.list', {});
    if (!r.ok) return failureFromError(r.error);
    const { snapshots, dir, keep } = r.value;
    return done(
      () =>
        snapshots.length
          ? [
              formatTable(
                ['SNAPSHOT', 'TAKEN (UTC)', 'WHY', 'SIZE'],
                snapshots.map((s) => [s.file, s.at.replace('T', ' ').slice(0, 19), s.reason, size(s.bytes)]),
              ),
              `${snapshots.length} snapshots in ${printable(dir)} (keeping the newest ${keep})`,
            ].join('\n')
          : `No snapshots yet in ${printable(dir)}.`,
      r.value,
    );
  },
};
