/** Who this window works as on a team database (login and roles), for showing what a role cannot do. */
import { z } from 'zod';
import { EmptyRequestSchema } from '../../domain/primitives';
import { TeamRoleSchema } from '../../domain/team-roles';
import { op } from './op';

/** The login and its team roles, or null in the solo app (nothing is limited). */
export const TeamSessionSchema = z
  .object({
    user: z.string(),
    roles: z.array(TeamRoleSchema),
    /** Where the team database is (no password). */
    database: z.string(),
  })
  .nullable();
export type TeamSession = z.infer<typeof TeamSessionSchema>;

/** A colleague's committed change, as the window hears of it (the table and the login). */
export const TeamChangeSchema = z.object({ table: z.string(), op: z.string(), by: z.string() });
export type TeamChange = z.infer<typeof TeamChangeSchema>;

export { TeamWaitingSchema, type TeamWaiting } from '../../domain/team-connection';

export const teamLiveOps = {
  'team.session': op({
    summary: 'The team database login and its roles (null in the solo app)',
    request: EmptyRequestSchema,
    response: TeamSessionSchema,
  }),
};
