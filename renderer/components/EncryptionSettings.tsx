import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import { useToast } from './Toasts';
import { useOperation } from '../hooks/useOperation';
import './EncryptionSettings.css';

type Status = ResponseOf<'encryption.status'>;

/**
 * Encryption in Settings: whether notes, contract values, comments and evidence files are
 * encrypted, with what; turning it on (with the OS keychain, or a passphrase where the
 * keychain protects nothing); adding a passphrase for the command line.
 */
export function EncryptionSettings() {
  const toast = useToast();
  const [status, setStatus] = useState<Status | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lock = useOperation('encryption.lock');

  useEffect(() => {
    void call('encryption.status', {}).then((r) => r.ok && setStatus(r.value));
  }, []);
  if (!status) return null;

  const keychainUsable = status.keychain?.secure === true;
  const submit = async (e: FormEvent, kind: 'enable' | 'passphrase') => {
    e.preventDefault();
    if (passphrase !== again) return setError('The two passphrases differ');
    setBusy(true);
    const r =
      kind === 'enable'
        ? await call('encryption.enable', passphrase ? { passphrase } : {})
        : await call('encryption.setPassphrase', { passphrase });
    setBusy(false);
    if (!r.ok) return setError(r.error.details?.map((d) => d.message).join('; ') || r.error.message);
    setError(null);
    setPassphrase('');
    setAgain('');
    setStatus(r.value);
    toast('success', kind === 'enable' ? 'Encryption is on' : 'Passphrase saved');
  };

  const fields = (required: boolean) => (
    <>
      <label htmlFor="enc-pass">
        Passphrase {required ? '' : '(optional: also opens the data on the command line)'}
      </label>
      <input
        id="enc-pass"
        type="password"
        autoComplete="new-password"
        value={passphrase}
        required={required}
        minLength={10}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <label htmlFor="enc-again">The same passphrase again</label>
      <input
        id="enc-again"
        type="password"
        autoComplete="new-password"
        value={again}
        required={required || passphrase !== ''}
        onChange={(e) => setAgain(e.target.value)}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );

  return (
    <section className="settings-section" aria-label="Encryption">
      <h2>Encryption</h2>
      {status.enabled ? (
        <>
          <p>
            <strong>Encryption is on.</strong> Notes, contract values and comments, and evidence files are
            encrypted (AES-256-GCM); the key is kept by{' '}
            {[
              status.protectedBy.keychain && `the keychain (${status.keychain?.backend ?? 'OS'})`,
              status.protectedBy.passphrase && 'your passphrase',
            ]
              .filter(Boolean)
              .join(' and ')}
            .
          </p>
          {status.plainSnapshots > 0 && (
            <p className="notice">
              {status.plainSnapshots} snapshot{status.plainSnapshots === 1 ? '' : 's'} in the backups folder
              predate encryption and hold data unencrypted; delete them once a new backup exists.
            </p>
          )}
          <form className="field" onSubmit={(e) => void submit(e, 'passphrase')}>
            <p className="cell-muted">
              {status.protectedBy.passphrase ? 'Change the passphrase' : 'Add a passphrase'}: it opens the
              data on the command line (VENDOR_RISK_PASSPHRASE) and on another computer.
            </p>
            {fields(true)}
            <div className="inline">
              <button type="submit" className="button" disabled={busy}>
                Save passphrase
              </button>
              {status.protectedBy.passphrase && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void lock.run({}).then((r) => r.ok && window.location.reload())}
                >
                  Lock now
                </button>
              )}
            </div>
          </form>
        </>
      ) : (
        <form className="field" onSubmit={(e) => void submit(e, 'enable')}>
          <p>
            Encryption is off. Turned on, notes, contract values and comments, and evidence files are
            encrypted on this computer. Changes recorded in the audit trail before then keep their text
            (rewriting them would break the trail&apos;s hash chain).{' '}
            {keychainUsable
              ? `The key is kept by this computer's keychain (${status.keychain!.backend}).`
              : status.keychain
                ? `This computer's keychain (${status.keychain.backend}) does not really protect secrets, so a passphrase keeps the key: without it the data cannot be read.`
                : 'A passphrase keeps the key: without it the data cannot be read.'}
          </p>
          {fields(!keychainUsable)}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Encrypting…' : 'Turn encryption on'}
          </button>
        </form>
      )}
    </section>
  );
}

/** Asks for the passphrase before anything else when the data is encrypted and locked. */
export function UnlockScreen({ onUnlocked }: { onUnlocked(): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await call('encryption.unlock', { passphrase });
    if (r.ok) onUnlocked();
    else setError(r.error.message);
  };
  return (
    <main className="unlock">
      <form className="unlock-form" onSubmit={(e) => void submit(e)} aria-label="Unlock">
        <h1>Vendor Risk Desk</h1>
        <p>Your data is encrypted. Enter your passphrase to open it.</p>
        <label htmlFor="unlock-pass">Passphrase</label>
        <input
          id="unlock-pass"
          type="password"
          autoFocus
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary">
          Unlock
        </button>
      </form>
    </main>
  );
}
