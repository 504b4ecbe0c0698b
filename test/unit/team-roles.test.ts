import { describe, expect, it } from 'vitest';
import { roleMayWrite, whyRoleCannot, ROLE_WRITES } from '../../electron/domain/team-roles';
import { WRITES } from '../../electron/storage/pg/roles';

describe('what a role cannot do, as the window says it', () => {
  it.each([
    [null, 'answers', null],
    [[], 'answers', null],
    [['admin'], 'answers', null],
    [['procurement'], 'vendors', null],
    [['security'], 'answers', null],
    [['legal'], 'answers', 'Legal cannot change answers'],
    [['legal'], 'vendors', 'Legal cannot change vendors'],
    [['viewer'], 'legal_signoffs', 'Viewer cannot sign off clauses'],
    [['security'], 'assessments', 'Security cannot start or close assessments'],
    [['legal', 'viewer'], 'devices', 'Legal and Viewer cannot change devices'],
    [['legal', 'security'], 'answers', null],
    [['security'], 'clause_comments', 'Security cannot comment on clauses'],
    [['procurement'], 'clause_library', 'Procurement cannot change the clause library'],
    [['legal'], 'exchange_responses', 'Legal cannot import vendors’ responses'],
    [['viewer'], 'sboms', 'Viewer cannot import SBOMs'],
    [['procurement'], 'device_acceptances', 'Procurement cannot accept device findings'],
  ] as const)('%j writing %s: %s', (roles, table, reason) => {
    expect(whyRoleCannot(roles, table)).toBe(reason);
    expect(roleMayWrite(roles, table)).toBe(reason === null);
  });

  it('is the matrix the database grants from', () => {
    for (const [role, tables] of Object.entries(ROLE_WRITES))
      expect(WRITES[role as keyof typeof ROLE_WRITES]).toEqual(tables);
  });
});
