import { PASSPHRASE_ENV } from './passphrase';
import { done, failure, failureFromError, type Outcome } from './outcome';
import type { CliIo } from './io';
import { request } from './session';
import type { CommandSpec } from './spec';

/** `encryption status`: whether sensitive data is encrypted, and what opens it. */
export const encryptionStatus: CommandSpec = {
  words: ['encryption', 'status'],
  summary: 'Show whether sensitive data is encrypted, and what unlocks it',
  description:
    'Notes, contract values and comments, and evidence files are encrypted (AES-256-GCM) once encryption is on. ' +
    `The app unlocks them with the OS keychain; the command line with the passphrase from ${PASSPHRASE_ENV} or a prompt.`,
  args: [],
  options: {},
  examples: ['vendor-risk encryption status --json'],
  async run({ dispatcher }) {
    const r = await request(dispatcher, 'encryption.status', {});
    if (!r.ok) return failureFromError(r.error);
    const s = r.value;
    const by = [
      s.protectedBy.keychain && 'the app’s keychain',
      s.protectedBy.passphrase && 'a passphrase',
    ].filter(Boolean);
    return done(
      s.enabled
        ? `Encryption is on (${s.unlocked ? 'unlocked' : 'locked'}); the data key is kept by ${by.join(' and ')}.` +
            (s.plainSnapshots
              ? ` ${s.plainSnapshots} snapshots in backups/ are older and may hold data unencrypted.`
              : '')
        : 'Encryption is off: notes, contract values, comments and evidence files are stored as they are.',
      s,
    );
  },
};

/** `encryption enable`: turn encryption on with a passphrase. */
export const encryptionEnable: CommandSpec = {
  words: ['encryption', 'enable'],
  summary: 'Turn encryption of sensitive data on, with a passphrase',
  description:
    `Takes the passphrase (at least 10 characters) from ${PASSPHRASE_ENV} or asks for it twice, makes a new data ` +
    'key sealed under it, and encrypts the notes, contract values, comments and evidence files already stored. ' +
    'Keep the passphrase: without it (or the app’s keychain) the encrypted data cannot be read.',
  args: [],
  options: {},
  examples: [`${PASSPHRASE_ENV}='correct horse battery staple' vendor-risk encryption enable`],
  writes: true,
  async run({ dispatcher, io }) {
    const passphrase = await newPassphrase(io, PASSPHRASE_ENV, 'passphrase');
    if (typeof passphrase !== 'string') return passphrase;
    const r = await request(dispatcher, 'encryption.enable', { passphrase });
    if (!r.ok) return failureFromError(r.error);
    return done(
      `Encryption is on: ${r.value.sealedValues} stored values and ${r.value.sealedFiles} evidence files encrypted.` +
        (r.value.plainSnapshots
          ? ` ${r.value.plainSnapshots} older snapshots in backups/ still hold data unencrypted: delete them once you have a new backup.`
          : ''),
      r.value,
    );
  },
};

/** Where a script gives the new passphrase of `encryption passphrase` (else it is asked twice). */
export const NEW_PASSPHRASE_ENV = 'VENDOR_RISK_NEW_PASSPHRASE';

/** `encryption passphrase`: seal the same data key under a new passphrase (after a leak, a departure). */
export const encryptionPassphrase: CommandSpec = {
  words: ['encryption', 'passphrase'],
  summary: 'Change the passphrase that unlocks the encrypted data',
  description:
    `Unlocks with the current passphrase (${PASSPHRASE_ENV} or a prompt), then seals the same data key under a new ` +
    `one, from ${NEW_PASSPHRASE_ENV} or asked twice (at least 10 characters). The old passphrase stops opening the ` +
    'data at once; copies of the key taken before (a backup, an export) still open with it, and the data key itself ' +
    'is not changed.',
  args: [],
  options: {},
  examples: [
    `${PASSPHRASE_ENV}='old one' ${NEW_PASSPHRASE_ENV}='a new long one' vendor-risk encryption passphrase`,
  ],
  writes: true,
  async run({ dispatcher, io }) {
    const passphrase = await newPassphrase(io, NEW_PASSPHRASE_ENV, 'new passphrase');
    if (typeof passphrase !== 'string') return passphrase;
    const r = await request(dispatcher, 'encryption.setPassphrase', { passphrase });
    if (!r.ok) return failureFromError(r.error);
    return done(
      'The passphrase is changed: the old one no longer opens the data here (copies of the key taken before, in backups and exports, still open with it).',
      r.value,
    );
  },
};

/** A new passphrase from the environment variable `env`, else typed twice on the terminal; or why not. */
async function newPassphrase(io: CliIo, env: string, what: string): Promise<string | Outcome> {
  const given = io.env[env];
  if (given) return given;
  if (!io.askSecret) return failure(`no ${what}: set ${env} (no terminal to ask on)`);
  const passphrase = await io.askSecret('New passphrase: ');
  if ((await io.askSecret('The same passphrase again: ')) !== passphrase)
    return failure('the two passphrases differ; nothing was changed');
  return passphrase;
}
