/** The handler table of the encryption operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { encryptionOps } from './encryption';

/** The service call behind each encryption operation. */
export function encryptionHandlers({ services }: HandlerContext): HandlerTable<typeof encryptionOps> {
  return {
    'encryption.status': () => services.encryption.status(),
    'encryption.enable': ({ passphrase }) => services.encryption.enable(passphrase),
    'encryption.unlock': ({ passphrase }) => services.encryption.unlock(passphrase),
    'encryption.lock': () => services.encryption.lock(),
    'encryption.setPassphrase': ({ passphrase }) => services.encryption.setPassphrase(passphrase),
  };
}
