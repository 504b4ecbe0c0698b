/**
 * The roles through the app's own services (not only psql): a security reviewer saves an
 * answer, legal is refused naming its role, and a security reviewer still cannot change
 * the rest of an assessment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinQuestionnaires } from '../../electron/services/builtin-questionnaires';
import { createServices, type AppServices } from '../../electron/services/services';
import { addTeamUser, initTeamDatabase } from '../../electron/storage/pg/team-setup';
import type { TeamRole } from '../../electron/domain/team-roles';
import { VendorListQuerySchema } from '../../electron/domain/vendor-list';
import { answersFor } from '../fixtures/generated-answers';
import { connect, freshDatabase, psql, serverUrl, uniqueName, urlWith } from './support';

const server = serverUrl();
const PASSWORD = 'roles services password 1';

describe.skipIf(!server)('roles through the services', () => {
  const opened: AppServices[] = [];
  const dirs: string[] = [];
  afterAll(() => {
    for (const s of opened) s.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('lets a security reviewer answer and refuses legal, naming the role', async () => {
    const url = await freshDatabase(server!);
    const owner = await connect(url);
    await initTeamDatabase(owner);
    const logins = {} as Record<TeamRole, string>;
    for (const role of ['admin', 'security', 'legal'] as const) {
      logins[role] = uniqueName(role);
      await addTeamUser(owner, logins[role], role, PASSWORD);
    }
    const open = (role: TeamRole) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-roles-'));
      dirs.push(dataDir);
      const services = createServices({
        dataDir,
        preferences: new Conf({ cwd: dataDir, configName: 'preferences' }),
        appVersion: '0.0.0-test',
        database: urlWith(url, { user: logins[role], password: PASSWORD }),
      });
      opened.push(services);
      return services;
    };
    await loadBuiltinQuestionnaires();
    const admin = open('admin');
    const vendor = admin.vendors.create({
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
    const assessment = admin.assessments.start(vendor.id, ['quick-triage']);
    const input = answersFor(admin.questionnaires.pinned('quick-triage', '1.0.0'), 0)[0]!;

    const saved = open('security').assessments.answer(assessment.id, input);
    expect(saved.answer).toMatchObject({ updatedBy: logins.security, answer: input.answer });
    expect(() => open('legal').assessments.answer(assessment.id, { ...input, note: 'legal' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/legal role/) }),
    );
    // The stamp is all a security reviewer may change of an assessment.
    const r = psql(
      urlWith(url, { user: logins.security, password: PASSWORD }),
      `UPDATE assessments SET title = 'renamed' WHERE id = '${assessment.id}'`,
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/permission denied/);
  });

  it('lets a viewer list a fresh database before anyone who may write the clause library has', async () => {
    const url = await freshDatabase(server!);
    const owner = await connect(url);
    await initTeamDatabase(owner);
    const viewer = uniqueName('viewer');
    await addTeamUser(owner, viewer, 'viewer', PASSWORD);
    const dataDir = mkdtempSync(join(tmpdir(), 'vendor-risk-roles-'));
    dirs.push(dataDir);
    const services = createServices({
      dataDir,
      preferences: new Conf({ cwd: dataDir, configName: 'preferences' }),
      appVersion: '0.0.0-test',
      database: urlWith(url, { user: viewer, password: PASSWORD }),
    });
    opened.push(services);
    // The built-in clauses are there to read, though a viewer may not store them.
    expect(services.clauses.library().length).toBeGreaterThan(5);
    expect(services.vendors.list(VendorListQuerySchema.parse({})).items).toEqual([]);
    expect((await owner.query('SELECT count(*)::int AS n FROM clause_library')).rows[0].n).toBe(0);
  });
});
