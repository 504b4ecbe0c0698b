/**
 * The team edition's roles, by the name people use (`team user add --role`). What each may
 * do is enforced by the database (storage/pg/roles.ts); docs/team.md has the matrix.
 */
export const TEAM_ROLES = ['admin', 'procurement', 'security', 'legal', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
