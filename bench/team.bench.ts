/**
 * The team edition's numbers (issue 21) over PostgreSQL on loopback, on a throwaway server
 * of the bench's own (test/pg/server.ts):
 * - 10 CLI processes, each logged in as a different person (procurement and security
 *   reviewers), saving 200 answers each to one assessment at the same time: no lost update,
 *   the audit chain intact, the total time;
 * - `vendors list --json` of 5,000 vendors with the built CLI (goal: under 0.5 s), as a ratio
 *   to `node -e ''`;
 * - the answer round trip through the dispatcher and services on the team database (goal:
 *   p95 under 30 ms), against `app.info` in the same run;
 * - the portfolio summary of 2,000 vendors through the dispatcher (goal: under 300 ms).
 * Skipped, saying why, where PostgreSQL's server binaries are missing.
 */
import { test } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import pg from 'pg';
import { verifyChain } from '../electron/domain/audit-chain';
import { DEFAULT_VENDOR_QUERY } from '../electron/domain/vendor-list';
import type { TeamRole } from '../electron/domain/team-roles';
import { openAppCore, type AppCore } from '../electron/ipc/app-core';
import { PREFERENCES_FILE } from '../electron/services/preferences';
import { readAuditChain } from '../electron/storage/pg/audit-trail';
import { openBlockingConnection } from '../electron/storage/pg/blocking-connection';
import { addTeamUser, initTeamDatabase } from '../electron/storage/pg/team-setup';
import { findPgBin, startThrowawayServer, type ThrowawayServer } from '../test/pg/server';
import { benchQuestionnaire } from './questionnaire';
import { seedAssessedVendors, seedVendors } from './seed';
import { median, medianWallMs, nodeWallMs, report } from './report';

const BIN = resolve(__dirname, '../bin/vendor-risk.cjs');
const PASSWORD = 'team bench password 1';
const found = findPgBin();

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** The URL with another login and/or database. */
function urlAs(url: string, change: { user?: string; database?: string }): string {
  const u = new URL(url);
  if (change.user !== undefined) {
    u.username = change.user;
    u.password = encodeURIComponent(PASSWORD);
  }
  if (change.database !== undefined) u.pathname = `/${change.database}`;
  return u.toString();
}

/** Runs `fn` with a client connected to `url` on the team schema. */
async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: '-c search_path=vendor_risk' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let server: ThrowawayServer | undefined;
let made = 0;

/** A new database on the bench's server prepared with `team init`, and logins in it (made once per server). */
async function teamDatabase(
  logins: [string, TeamRole][],
): Promise<{ url: string; as(user: string): string }> {
  const name = `vrbench_${++made}`;
  await withClient(server!.url, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = urlAs(server!.url, { database: name });
  await withClient(url, async (c) => {
    await initTeamDatabase(c);
    for (const [login, role] of logins) {
      const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
      if (!exists.rowCount) await addTeamUser(c, login, role, PASSWORD);
    }
  });
  return { url, as: (user) => urlAs(url, { user }) };
}

/** The dispatcher and services on a team database, as one login (the app's data host opens the same). */
function openTeamApp(dataDir: string, database: string): AppCore {
  return openAppCore({
    dataDir,
    preferences: new Conf({ cwd: dataDir, configName: PREFERENCES_FILE.configName }),
    appVersion: 'bench',
    database,
    isTrustedPageUrl: () => false,
  });
}

/** Runs the built CLI; its exit code, output and wall time. */
function cliRun(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

test.describe('team database on PostgreSQL (loopback)', () => {
  test.skip(!('binDir' in found), 'reason' in found ? found.reason : '');
  if ('reason' in found) console.log(`bench team: skipped: ${found.reason}`);

  let dataDir: string;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startThrowawayServer((found as { binDir: string }).binDir);
    dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-bench-team-'));
  });
  test.afterAll(() => {
    server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('team: 10 CLI processes as 10 people, 200 answers each, at once', async () => {
    test.setTimeout(600_000);
    // Five procurement staff and five security reviewers, each a login of their own.
    const people = Array.from({ length: 10 }, (_, i): [string, TeamRole] =>
      i < 5 ? [`procurement${i + 1}`, 'procurement'] : [`security${i - 4}`, 'security'],
    );
    const db = await teamDatabase([['bench-admin', 'admin'], ...people]);
    // The admin prepares the vendor, a 2,000-question questionnaire and the assessment.
    const admin = openTeamApp(dataDir, db.as('bench-admin'));
    let assessmentId: string;
    try {
      seedVendors(admin.services, 1);
      const vendor = admin.services.vendors.list(DEFAULT_VENDOR_QUERY).items[0]!;
      const imported = await admin.dispatcher.call('questionnaires.import', {
        content: JSON.stringify(benchQuestionnaire('bench-team', 20, 100)),
      });
      if (!imported.ok) throw new Error(imported.error.message);
      const started = await admin.dispatcher.call('assessments.start', {
        vendorId: vendor.id,
        questionnaireIds: ['bench-team'],
      });
      if (!started.ok) throw new Error(started.error.message);
      assessmentId = started.value.id;
    } finally {
      admin.close();
    }
    // Person i answers questions i*200 … i*200+199 (sections 2i and 2i+1), each with a value of their own.
    const valueOf = (person: number, k: number) => ['yes', 'no', 'partial'][(person + k) % 3]!;
    const files = people.map(([login], person) => {
      const file = join(dataDir, `answers-${login}.json`);
      const answers = Array.from({ length: 200 }, (_, k) => {
        const n = person * 200 + k;
        return { question: `q${Math.floor(n / 100)}_${n % 100}`, answer: valueOf(person, k) };
      });
      writeFileSync(file, JSON.stringify({ questionnaire: 'bench-team', answers }));
      return file;
    });

    const started = performance.now();
    const runs = await Promise.all(
      people.map(([login], person) =>
        cliRun([
          '--data-dir',
          dataDir,
          '--database',
          db.as(login),
          'assess',
          'answer',
          assessmentId,
          '--file',
          files[person]!,
          '--json',
        ]),
      ),
    );
    const totalMs = performance.now() - started;
    const load = loadavg()[0]!;
    const failed = runs.map((r, i) => ({ ...r, login: people[i]![0] })).filter((r) => r.code !== 0);
    for (const f of failed) console.log(`bench team: ${f.login} exit ${f.code}: ${f.stderr.trim()}`);

    // Every answer there, with its person's value and name; the chain one chain, intact.
    const check = await withClient(db.url, async (c) => {
      const rows = await c.query<{ question_id: string; answer: string; updated_by: string }>(
        'SELECT question_id, answer, updated_by FROM answers WHERE assessment_id = $1',
        [assessmentId],
      );
      const byQuestion = new Map(rows.rows.map((r) => [r.question_id, r]));
      let right = 0;
      people.forEach(([login], person) => {
        for (let k = 0; k < 200; k++) {
          const n = person * 200 + k;
          const row = byQuestion.get(`q${Math.floor(n / 100)}_${n % 100}`);
          const saved = row?.answer ? (JSON.parse(row.answer) as { value?: unknown }).value : undefined;
          if (saved === valueOf(person, k) && row?.updated_by === login) right += 1;
        }
      });
      const { entries, recorded } = await readAuditChain(c);
      const verdict = verifyChain(entries, { recorded });
      const answerEntries = entries.filter((e) => e.entity === 'answer');
      return {
        rows: rows.rowCount ?? 0,
        right,
        chainOk: verdict.ok,
        chainProblem: verdict.ok ? '' : (verdict.problem?.message ?? 'broken'),
        chainEntries: entries.length,
        answerEntries: answerEntries.length,
        actors: new Set(answerEntries.map((e) => e.actor)).size,
      };
    });
    report('team-10-writers-200-answers', {
      processes: people.length,
      answers_each: 200,
      failed_processes: failed.length,
      total_ms: totalMs,
      slowest_process_ms: Math.max(...runs.map((r) => r.ms)),
      fastest_process_ms: Math.min(...runs.map((r) => r.ms)),
      answers_saved: check.rows,
      answers_right: check.right,
      no_lost_update: check.right === 2000,
      chain_ok: check.chainOk,
      chain_problem: check.chainProblem,
      chain_entries: check.chainEntries,
      chain_answer_entries: check.answerEntries,
      chain_actors: check.actors,
      load_average: load,
      goal_met: failed.length === 0 && check.right === 2000 && check.chainOk && check.answerEntries === 2000,
    });
  });

  test('team: vendors list --json over 5,000 vendors with the built CLI', async () => {
    test.setTimeout(600_000);
    const db = await teamDatabase([
      ['bench-admin', 'admin'],
      ['bench-viewer', 'viewer'],
    ]);
    const admin = openTeamApp(dataDir, db.as('bench-admin'));
    try {
      seedVendors(admin.services, 5000);
    } finally {
      admin.close();
    }
    const listAs = (login: string) => [
      BIN,
      '--data-dir',
      dataDir,
      '--database',
      db.as(login),
      'vendors',
      'list',
      '--json',
    ];
    const list = listAs('bench-viewer');
    nodeWallMs(['-e', '']);
    // The first list of a day computes every vendor's standing (tier, score …) and writes it,
    // and fills the clause library: a viewer may write neither (refused today), so an admin lists first.
    const cold = nodeWallMs(listAs('bench-admin'));
    const out = spawnSync(process.execPath, list, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const parsed = JSON.parse(out.stdout) as { items: unknown[] };
    if (parsed.items.length !== 5000) throw new Error(`expected 5000 vendors, got ${parsed.items.length}`);
    const [baseline, cli] = medianWallMs([['-e', ''], list], 9) as [number, number];
    report('team-cli-vendors-list-5000', {
      cli_ms: cli,
      node_baseline_ms: baseline,
      ratio: cli / baseline,
      goal_ms: 500,
      goal_met: cli < 500,
      first_list_ms: cold,
      load_average: loadavg()[0]!,
    });
  });

  test('team: answer round trip and portfolio summary over 2,000 vendors', async () => {
    test.setTimeout(600_000);
    const db = await teamDatabase([
      ['bench-admin', 'admin'],
      ['procurement1', 'procurement'],
    ]);
    const seeding = openTeamApp(dataDir, db.as('bench-admin'));
    try {
      seedVendors(seeding.services, 1800);
      await seedAssessedVendors(seeding.services, 200);
    } finally {
      seeding.close();
    }
    const app = openTeamApp(dataDir, db.as('procurement1'));
    try {
      const summary = async () => {
        const t = performance.now();
        const r = await app.dispatcher.call('portfolio.summary', {});
        if (!r.ok) throw new Error(r.error.message);
        return performance.now() - t;
      };
      const firstSummary = await summary();
      const summaries: number[] = [];
      for (let i = 0; i < 9; i++) summaries.push(await summary());

      const imported = await app.dispatcher.call('questionnaires.import', {
        content: JSON.stringify(benchQuestionnaire('bench-large', 10, 30)),
      });
      if (!imported.ok) throw new Error(imported.error.message);
      const vendor = app.services.vendors.list(DEFAULT_VENDOR_QUERY).items[0]!;
      const started = await app.dispatcher.call('assessments.start', {
        vendorId: vendor.id,
        questionnaireIds: ['bench-large'],
      });
      if (!started.ok) throw new Error(started.error.message);
      const answerTimes: number[] = [];
      const baseTimes: number[] = [];
      for (let i = 0; i < 300; i++) {
        const value = ['yes', 'no', 'partial'][i % 3]!;
        let t = performance.now();
        const r = await app.dispatcher.call('assessments.answer', {
          id: started.value.id,
          answer: {
            questionnaireId: 'bench-large',
            questionId: `q${Math.floor(i / 30)}_${i % 30}`,
            answer: { status: 'answered', value },
          },
        });
        answerTimes.push(performance.now() - t);
        if (!r.ok) throw new Error(r.error.message);
        t = performance.now();
        await app.dispatcher.call('app.info', {});
        baseTimes.push(performance.now() - t);
      }
      // What one statement costs through the blocking connection (the floor under each of the
      // answer's statements), in the same run.
      const probe = openBlockingConnection({ connectionString: db.as('procurement1') }, { display: 'bench' });
      const selectTimes: number[] = [];
      try {
        for (let i = 0; i < 300; i++) {
          const t = performance.now();
          probe.query('SELECT 1');
          selectTimes.push(performance.now() - t);
        }
      } finally {
        probe.close();
      }
      const p95 = percentile(answerTimes, 0.95);
      report('team-answer-round-trip', {
        select1_p50_ms: percentile(selectTimes, 0.5),
        select1_p95_ms: percentile(selectTimes, 0.95),
        answer_p50_ms: percentile(answerTimes, 0.5),
        answer_p95_ms: p95,
        app_info_p95_ms: percentile(baseTimes, 0.95),
        goal_ms: 30,
        goal_met: p95 < 30,
        load_average: loadavg()[0]!,
      });
      const warm = median(summaries);
      report('team-portfolio-summary-2000', {
        summary_ms: warm,
        first_summary_ms: firstSummary,
        goal_ms: 300,
        goal_met: warm < 300,
        load_average: loadavg()[0]!,
      });
    } finally {
      app.close();
    }
  });
});
