/**
 * The team edition's roles, by the name people use (`team user add --role`), and what each
 * may write. The database enforces it (storage/pg/roles.ts turns `WRITES` into GRANTs and
 * policies); the window reads the same matrix to show what a login cannot do as disabled,
 * with the reason. docs/team.md has the matrix in prose.
 */
import { z } from 'zod';

export const TEAM_ROLES = ['admin', 'procurement', 'security', 'legal', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TeamRoleSchema = z.enum(TEAM_ROLES);

const PROCUREMENT = [
  'vendors',
  'questionnaires',
  'assessments',
  'assessment_questionnaires',
  'answers',
  'evidence',
  'evidence_content',
  'decisions',
  'exchange_packages',
  'exchange_responses',
  'exchange_sbom_replies',
  'settings',
] as const;
const SECURITY = [
  'answers',
  'devices',
  'device_imports',
  'device_mappings',
  'manufacturer_links',
  'device_acceptances',
  'sboms',
  'vex_documents',
  'advisories',
  'kev_catalog',
  'kev_entries',
  'device_vulnerabilities',
  'vulnerability_runs',
  'settings',
] as const;
const LEGAL = ['clause_library', 'vendor_clauses', 'clause_comments', 'legal_signoffs', 'settings'] as const;

/**
 * What each role other than admin may write (INSERT, UPDATE, DELETE); every role reads
 * everything, and admin writes every portfolio table but the audit trail (roles.ts).
 */
export const ROLE_WRITES = {
  procurement: PROCUREMENT,
  security: SECURITY,
  legal: LEGAL,
  viewer: ['settings'],
} as const satisfies Record<Exclude<TeamRole, 'admin'>, readonly string[]>;

/** A table some role other than admin writes (the renderer asks about these). */
export type WritableTable = (typeof ROLE_WRITES)[keyof typeof ROLE_WRITES][number];

/** How the window words each kind of change, for "Legal cannot change answers". */
const TABLE_WORDS: Partial<Record<WritableTable, string>> = {
  vendors: 'change vendors',
  answers: 'change answers',
  assessments: 'start or close assessments',
  evidence: 'attach evidence',
  decisions: 'record decisions',
  devices: 'change devices',
  vendor_clauses: 'change clauses',
  legal_signoffs: 'sign off clauses',
  clause_comments: 'comment on clauses',
  clause_library: 'change the clause library',
  questionnaires: 'import questionnaires',
  exchange_packages: 'send questionnaires',
  exchange_responses: 'import vendors’ responses',
  device_acceptances: 'accept device findings',
  advisories: 'import advisories',
  sboms: 'import SBOMs',
};

const ROLE_NAMES: Record<TeamRole, string> = {
  admin: 'Admin',
  procurement: 'Procurement',
  security: 'Security',
  legal: 'Legal',
  viewer: 'Viewer',
};

/**
 * Whether a login in `roles` may write `table`. Null (the solo app) and no team role at all
 * (the database's owner, who is in none) are not limited here: the database decides.
 */
export function roleMayWrite(roles: readonly TeamRole[] | null, table: WritableTable): boolean {
  if (roles === null || roles.length === 0) return true;
  return roles.some((role) => role === 'admin' || (ROLE_WRITES[role] as readonly string[]).includes(table));
}

/**
 * Why a login in `roles` cannot write `table` ("Legal cannot change answers"), or null when
 * it may. `roles` null is the solo app: nothing is refused.
 */
export function whyRoleCannot(roles: readonly TeamRole[] | null, table: WritableTable): string | null {
  if (roleMayWrite(roles, table)) return null;
  const who = roles!.map((r) => ROLE_NAMES[r]).join(' and ');
  return `${who} cannot ${TABLE_WORDS[table] ?? `change ${table.replace(/_/g, ' ')}`}`;
}
