/** A team login's password asked for on the terminal instead of typed into the URL (which `ps` shows). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withAskedPassword } from '../../electron/cli/team-commands';
import type { CliIo } from '../../electron/cli/io';

function io(env: Record<string, string>, terminal = true) {
  const asked: string[] = [];
  const value = {
    env,
    askSecret: terminal
      ? (question: string) => {
          asked.push(question);
          return Promise.resolve('s3cret pass/word');
        }
      : undefined,
  } as unknown as CliIo;
  return { value, asked };
}

describe('the team login password', () => {
  const home = mkdtempSync(join(tmpdir(), 'vr-home-'));

  it('is asked for on a terminal when the URL names a login but no password, and goes into the URL', async () => {
    const t = io({ HOME: home });
    const url = await withAskedPassword(
      'postgresql://pat@db.internal:5433/vendor_risk?sslmode=verify-full',
      t.value,
    );
    expect(t.asked).toEqual(['Password for pat@db.internal: ']);
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe('s3cret pass/word');
    expect(parsed.username).toBe('pat');
    expect(parsed.search).toBe('?sslmode=verify-full');
  });

  it('is not asked for when PostgreSQL has one (URL, PGPASSWORD, ~/.pgpass) or there is no terminal', async () => {
    const withPass = home + '-pgpass';
    const pgpass = mkdtempSync(join(tmpdir(), 'vr-pgpass-'));
    writeFileSync(join(pgpass, '.pgpass'), 'db.internal:5433:*:pat:x\n', { mode: 0o600 });
    const cases: [string, Record<string, string>, boolean][] = [
      ['postgresql://pat:given@db.internal/vr', { HOME: home }, true],
      ['postgresql://pat@db.internal/vr', { HOME: home, PGPASSWORD: 'env' }, true],
      ['postgresql://pat@db.internal/vr', { HOME: pgpass }, true],
      ['postgresql://pat@db.internal/vr', { HOME: withPass, PGPASSFILE: join(pgpass, '.pgpass') }, true],
      ['postgresql://pat@db.internal/vr', { HOME: home }, false],
      ['not a url', { HOME: home }, true],
    ];
    for (const [url, env, terminal] of cases) {
      const t = io(env, terminal);
      expect(await withAskedPassword(url, t.value)).toBe(url);
      expect(t.asked).toEqual([]);
    }
  });
});
