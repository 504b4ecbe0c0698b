/**
 * A throwaway PostgreSQL server for the team edition's tests: its own data folder under
 * the system's temp folder, a free port on loopback only, scram passwords, stopped with
 * `pg_ctl -m immediate stop` and removed at the end. As root (CI containers) the server
 * runs as the `postgres` user, since initdb refuses root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running throwaway server: the owner's URL, and how to stop it. */
export interface ThrowawayServer {
  /** postgresql://owner:PASSWORD@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  binDir: string;
  /** The CA that signed the server's certificate (for `localhost`), or null when openssl is missing. */
  caFile: string | null;
  /** Stops the server as a crash would (`-m immediate`: no checkpoint, WAL replayed on start). */
  crash(): void;
  /** Starts it again on the same folder and port. */
  restart(): void;
  /** Stops it and removes its folder. */
  stop(): void;
}

/** Where PostgreSQL's server binaries are, or why there are none. */
export function findPgBin(
  env: NodeJS.ProcessEnv = process.env,
  root = '/usr/lib/postgresql',
): { binDir: string } | { reason: string } {
  const candidates: string[] = [];
  if (env.VENDOR_RISK_PG_BIN) candidates.push(env.VENDOR_RISK_PG_BIN);
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (found) return { binDir: found };
  return {
    reason:
      'PostgreSQL server binaries not found (no initdb/pg_ctl in $VENDOR_RISK_PG_BIN or /usr/lib/postgresql/*/bin); ' +
      "install Debian's postgresql package (.ci/run does) to run the team edition's tests",
  };
}

/** A port nobody listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server as `postgres` when we are root, else as ourselves. */
export async function startThrowawayServer(binDir: string): Promise<ThrowawayServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-risk-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined;
  const ownerGroup = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) : undefined;
  chmodSync(dir, 0o700);
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner !== undefined && ownerGroup !== undefined) {
    chownSync(dir, owner, ownerGroup);
    chownSync(pwfile, owner, ownerGroup);
  }
  const run = (bin: string, args: string[]) => {
    const command = join(binDir, bin);
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`${bin} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').trim()}`);
  };
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      'owner',
      '--auth=scram-sha-256',
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    rmSync(pwfile);
    const tls = makeCertificates(dir, owner, ownerGroup);
    const port = await freePort();
    const options =
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60` +
      (tls ? ` -c ssl=on -c ssl_cert_file=${tls.cert} -c ssl_key_file=${tls.key}` : '');
    const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
    const crash = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    start();
    let stopped = false;
    let running = true;
    return {
      url: `postgresql://owner:${password}@127.0.0.1:${port}/postgres`,
      port,
      binDir,
      caFile: tls?.ca ?? null,
      crash() {
        crash();
        running = false;
      },
      restart() {
        start();
        running = true;
      },
      stop() {
        if (stopped) return;
        stopped = true;
        try {
          if (running) crash();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A CA and a server certificate for `localhost` signed by it, so the tests can connect with
 * sslmode=require and verify-full; null (and the server runs without TLS) without openssl.
 */
function makeCertificates(
  dir: string,
  owner: number | undefined,
  group: number | undefined,
): { ca: string; cert: string; key: string } | null {
  const openssl = (args: string[]) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (openssl(['version']).status !== 0) return null;
  const steps = [
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=vendor-risk test CA',
    ],
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=localhost',
    ],
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'san.cnf',
    ],
  ];
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName = DNS:localhost\n');
  for (const step of steps) {
    const r = openssl(step);
    if (r.status !== 0) throw new Error(`openssl ${step[0]} failed: ${r.stderr.trim()}`);
  }
  const key = join(dir, 'server.key');
  chmodSync(key, 0o600);
  if (owner !== undefined && group !== undefined)
    for (const f of ['server.key', 'server.pem', 'ca.pem']) chownSync(join(dir, f), owner, group);
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key };
}
