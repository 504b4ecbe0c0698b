/**
 * The app's services on a team database whose server goes down in the middle of a save
 * that spans a transaction (issue 21, "When the server is away"): the caller is told the
 * database is offline, nothing of the save remains, and the same services work again once
 * the server is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyChain } from '../../electron/domain/audit-chain';
import { AppError } from '../../electron/domain/errors';
import { loadBuiltinQuestionnaires } from '../../electron/services/builtin-questionnaires';
import { createServices, type AppServices } from '../../electron/services/services';
import { readAuditChain } from '../../electron/storage/pg/audit-trail';
import { addTeamUser, initTeamDatabase } from '../../electron/storage/pg/team-setup';
import { answersFor } from '../fixtures/generated-answers';
import { startThrowawayServer, type ThrowawayServer } from './server';
import { serverUrl, uniqueName, urlWith } from './support';

// A server of its own: this file stops it.
const bin = serverUrl() ? inject('pgBin') : null;
const PASSWORD = 'crash test password 1';

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: '-c search_path=vendor_risk' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!bin)('the services when the server goes down mid-save', () => {
  let server: ThrowawayServer | undefined;
  let services: AppServices | undefined;
  let owner: string | undefined;
  let vendorId: string | undefined;
  // The services call `now` once or twice per answer they save, inside the transaction: the
  // tests stop the server from there, so it goes down mid-save whatever the machine's speed.
  let calls = 0;
  let stopAt = Infinity;
  let onCall: (n: number) => void = () => undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-crash-'));
  afterAll(() => {
    services?.close();
    server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the save as offline, keeps none of it, and saves again once the server is back', async () => {
    server = await startThrowawayServer(bin!);
    const login = uniqueName('crash');
    await withClient(server.url, (c) => c.query('CREATE DATABASE crash_team'));
    owner = urlWith(server.url, { database: 'crash_team' });
    await withClient(owner, async (c) => {
      await initTeamDatabase(c);
      await addTeamUser(c, login, 'procurement', PASSWORD);
    });
    // Stopped in the second answer of the bulk save, after the first is written.
    onCall = (n) => {
      if (n === stopAt) server!.crash();
    };
    services = createServices({
      dataDir,
      preferences: new Conf({ cwd: dataDir, configName: 'preferences' }),
      appVersion: '0.0.0-test',
      database: urlWith(owner, { user: login, password: PASSWORD }),
      now: () => {
        calls += 1;
        onCall(calls);
        return new Date('2026-12-07T10:00:00Z');
      },
    });
    await loadBuiltinQuestionnaires();
    const vendor = services.vendors.create({
      name: 'Acme Scanners',
      category: 'robotics-iot',
      services: 'Handheld scanners',
      dataTouched: [],
      criticality: 'high',
      status: 'active',
      owner: 'Dana',
      tags: [],
      notes: '',
    });
    vendorId = vendor.id;
    const assessment = services.assessments.start(vendor.id, ['quick-triage']);
    const triage = services.questionnaires.pinned('quick-triage', '1.0.0');
    const answers = answersFor(triage, 0);
    expect(answers.length).toBeGreaterThan(5);
    const before = await withClient(owner, async (c) => ({
      answers: Number((await c.query('SELECT count(*) AS n FROM answers')).rows[0].n),
      assessment: (
        await c.query('SELECT updated_at, row_version FROM assessments WHERE id = $1', [assessment.id])
      ).rows[0] as unknown,
      trail: (await readAuditChain(c)).entries.length,
    }));

    calls = 0;
    stopAt = 4;
    let refused: unknown;
    try {
      services.assessments.answerMany(assessment.id, answers, 'crash-test');
    } catch (error) {
      refused = error;
    }
    expect(calls).toBeGreaterThanOrEqual(4); // the server was stopped mid-save, not before it
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('OFFLINE');
    expect((refused as AppError).message).toMatch(/team database .* cannot be reached .*nothing was saved/);

    // While it is away, the next request is told the same, and nothing is written anywhere.
    stopAt = Infinity;
    expect(() => services!.assessments.answer(assessment.id, answers[0]!)).toThrow(
      expect.objectContaining({ code: 'OFFLINE' }),
    );

    server.restart();
    await withClient(owner, async (c) => {
      // None of the bulk save: no answer, the assessment as it was, the trail as it was and intact.
      expect(Number((await c.query('SELECT count(*) AS n FROM answers')).rows[0].n)).toBe(before.answers);
      expect(
        (await c.query('SELECT updated_at, row_version FROM assessments WHERE id = $1', [assessment.id]))
          .rows[0],
      ).toEqual(before.assessment);
      const { entries, recorded } = await readAuditChain(c);
      expect(entries).toHaveLength(before.trail);
      expect(entries.filter((e) => e.entity === 'answer')).toEqual([]);
      expect(verifyChain(entries, { recorded })).toMatchObject({ ok: true, entries: before.trail });
    });

    // The same services object saves again: its connection comes back by itself.
    const saved = services.assessments.answerMany(assessment.id, answers, 'crash-test');
    expect(saved.applied).toBe(answers.length);
    await withClient(owner, async (c) => {
      const rows = await c.query<{ updated_by: string }>(
        'SELECT updated_by FROM answers WHERE assessment_id = $1',
        [assessment.id],
      );
      expect(rows.rows).toHaveLength(answers.length);
      expect(new Set(rows.rows.map((r) => r.updated_by))).toEqual(new Set([login]));
      const { entries, recorded } = await readAuditChain(c);
      expect(entries.filter((e) => e.entity === 'answer')).toHaveLength(answers.length);
      expect(verifyChain(entries, { recorded })).toMatchObject({ ok: true });
    });
  });

  it('keeps none of a save whose server restarted in its middle (the rest is not saved on a new connection)', async () => {
    const assessment = services!.assessments.start(vendorId!, ['quick-triage']);
    const answers = answersFor(services!.questionnaires.pinned('quick-triage', '1.0.0'), 1);
    const trail = await withClient(owner!, async (c) => (await readAuditChain(c)).entries.length);
    // Stopped and started again between two answers: the connection is new, the transaction gone.
    calls = 0;
    onCall = (n) => {
      if (n === 4) {
        server!.crash();
        server!.restart();
      }
    };
    expect(() => services!.assessments.answerMany(assessment.id, answers, 'crash-test')).toThrow(
      expect.objectContaining({ code: 'OFFLINE' }),
    );
    onCall = () => undefined;
    await withClient(owner!, async (c) => {
      const saved = await c.query('SELECT count(*) AS n FROM answers WHERE assessment_id = $1', [
        assessment.id,
      ]);
      expect(Number(saved.rows[0].n)).toBe(0);
      const { entries, recorded } = await readAuditChain(c);
      expect(entries).toHaveLength(trail);
      expect(verifyChain(entries, { recorded })).toMatchObject({ ok: true, entries: trail });
    });
    // And the next save goes through whole.
    expect(services!.assessments.answerMany(assessment.id, answers, 'crash-test').applied).toBe(
      answers.length,
    );
  });
});
