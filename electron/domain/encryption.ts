/** Requests and responses of the encryption operations (the IPC contract imports these). */
import { z } from 'zod';

export const PassphraseSchema = z
  .string()
  .min(10, 'A passphrase has at least 10 characters')
  .max(200, 'A passphrase has at most 200 characters');

export const EncryptionStatusSchema = z.object({
  enabled: z.boolean(),
  unlocked: z.boolean(),
  /** The OS keychain the app found, and whether it really protects secrets. */
  keychain: z.object({ backend: z.string(), secure: z.boolean() }).nullable(),
  protectedBy: z.object({ keychain: z.boolean(), passphrase: z.boolean() }),
  /** Snapshots in backups/ that may hold data from before encryption was on. */
  plainSnapshots: z.number().int(),
});
export type EncryptionStatus = z.infer<typeof EncryptionStatusSchema>;
