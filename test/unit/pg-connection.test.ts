import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectionRefused, isLoopbackHost, teamConnection } from '../../electron/storage/pg/connection';
import { findPgBin } from '../pg/server';

describe('team database URLs and TLS', () => {
  it('connects plainly on this machine and with verify-full elsewhere unless told', () => {
    const local = teamConnection('postgresql://owner:pw@127.0.0.1:5433/team');
    expect(local).toMatchObject({
      host: '127.0.0.1',
      port: 5433,
      database: 'team',
      user: 'owner',
      tls: 'disable',
    });
    expect(local.config).toMatchObject({
      password: 'pw',
      ssl: false,
      options: '-c search_path=vendor_risk -c idle_in_transaction_session_timeout=30000',
    });
    expect(local.display).toBe('postgresql://owner@127.0.0.1:5433/team');

    const remote = teamConnection('postgresql://dana@db.example.internal/team');
    expect(remote.tls).toBe('verify-full');
    expect(remote.config.ssl).toEqual({ rejectUnauthorized: true });
  });

  it.each([
    ['require', { rejectUnauthorized: false }],
    ['verify-full', { rejectUnauthorized: true, ca: 'CA:/etc/team-ca.pem' }],
  ])('sslmode=%s means what libpq means', (mode, ssl) => {
    const c = teamConnection(
      `postgresql://dana@db.example.internal/team?sslmode=${mode}&sslrootcert=/etc/team-ca.pem`,
      (p) => `CA:${p}`,
    );
    expect(c.tls).toBe(mode);
    expect(c.config.ssl).toMatchObject(ssl);
  });

  it('verify-ca checks the chain but not the host name', () => {
    const c = teamConnection('postgresql://dana@10.0.0.5/team?sslmode=verify-ca', () => 'CA');
    const ssl = c.config.ssl as { rejectUnauthorized: boolean; checkServerIdentity: () => undefined };
    expect(ssl.rejectUnauthorized).toBe(true);
    expect(ssl.checkServerIdentity()).toBeUndefined();
  });

  it.each(['disable', 'allow', 'prefer'])('refuses sslmode=%s for a host off this machine', (mode) => {
    expect(() => teamConnection(`postgresql://dana@10.0.0.5/team?sslmode=${mode}`)).toThrow(
      new ConnectionRefused(
        `TLS is required for 10.0.0.5 (not this machine): use sslmode=verify-full (or require), not ${mode}`,
      ),
    );
  });

  it('refuses what is not a team database URL, saying what is wrong', () => {
    expect(() => teamConnection('mysql://x@y/z')).toThrow(/must start with postgresql:\/\//);
    expect(() => teamConnection('postgresql://x@localhost')).toThrow(/names no database/);
    expect(() => teamConnection('postgresql://x@localhost/db?sslmode=maybe')).toThrow(
      /unknown sslmode 'maybe'/,
    );
    expect(() => teamConnection('not a url')).toThrow(/is not a URL/);
  });

  it('knows loopback hosts and socket folders', () => {
    expect(
      ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '/var/run/postgresql'].every(isLoopbackHost),
    ).toBe(true);
    expect(['10.0.0.5', 'db.example.internal', '127.0.0.1.example.com'].some(isLoopbackHost)).toBe(false);
  });
});

describe('the throwaway server for the team edition tests', () => {
  it('says why the tests skip when PostgreSQL is not installed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'vendor-risk-nopg-'));
    try {
      const found = findPgBin({}, empty);
      expect(found).toEqual({
        reason: expect.stringMatching(
          /^PostgreSQL server binaries not found .*install Debian's postgresql package/,
        ),
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
