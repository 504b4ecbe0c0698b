/** Encryption of notes, clause values, comments and evidence files. */
import { z } from 'zod';
import { CountSchema, EmptyRequestSchema } from '../../domain/primitives';
import { EncryptionStatusSchema, PassphraseSchema } from '../../domain/encryption';
import { op } from './op';

export const encryptionOps = {
  'encryption.status': op({
    summary: 'Whether encryption is on, and locked or unlocked',
    request: EmptyRequestSchema,
    response: EncryptionStatusSchema,
  }),
  'encryption.enable': op({
    summary: 'Turns encryption on (key in the OS keychain, or under a passphrase) and seals what exists',
    request: z.object({ passphrase: PassphraseSchema.optional() }).strict(),
    response: EncryptionStatusSchema.extend({ sealedValues: CountSchema, sealedFiles: CountSchema }),
  }),
  'encryption.unlock': op({
    summary: 'Unlocks encrypted data with the passphrase',
    request: z.object({ passphrase: z.string().min(1).max(200) }).strict(),
    response: EncryptionStatusSchema,
  }),
  'encryption.lock': op({
    summary: 'Locks encrypted data',
    request: EmptyRequestSchema,
    response: EncryptionStatusSchema,
  }),
  'encryption.setPassphrase': op({
    summary: 'Protects the key with a new passphrase',
    request: z.object({ passphrase: PassphraseSchema }).strict(),
    response: EncryptionStatusSchema,
  }),
} as const;
