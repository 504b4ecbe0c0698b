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

/**
 * Whether the team database has left a request unanswered for a few seconds (the server or
 * the network may be away; the request goes on waiting until it is answered or given up),
 * and how long it had waited when this was told.
 */
export const TeamWaitingSchema = z.object({ waiting: z.boolean(), waitedMs: z.number() });
export type TeamWaiting = z.infer<typeof TeamWaitingSchema>;

export const teamLiveOps = {
  'team.session': op({
    summary: 'The team database login and its roles (null in the solo app)',
    request: EmptyRequestSchema,
    response: TeamSessionSchema,
  }),
};
