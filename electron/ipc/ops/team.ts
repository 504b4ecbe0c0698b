/** The team database: Settings → Team database connects the app to it, and back to this computer's data. */
import { z } from 'zod';
import { EmptyRequestSchema } from '../../domain/primitives';
import {
  TeamConnectionSettingsSchema,
  TeamLoginSchema,
  TeamPasswordSchema,
  TeamStatusSchema,
} from '../../domain/team-connection';
import { op } from './op';

const ConnectRequestSchema = z
  .object({ settings: TeamConnectionSettingsSchema, password: TeamPasswordSchema })
  .strict();

export const teamOps = {
  'team.status': op({
    summary: 'Whether the app works on a team database (login, roles), and the connection remembered',
    request: EmptyRequestSchema,
    response: TeamStatusSchema,
  }),
  'team.test': op({
    summary: 'Tries a team database connection: the login, its team roles and the team schema version',
    request: ConnectRequestSchema,
    response: TeamLoginSchema,
  }),
  'team.connect': op({
    summary: 'Switches the app to a team database and remembers it (the password in the OS keychain)',
    request: ConnectRequestSchema,
    response: TeamStatusSchema,
  }),
  'team.disconnect': op({
    summary: "Switches the app back to this computer's own data and forgets the team connection",
    request: EmptyRequestSchema,
    response: TeamStatusSchema,
  }),
  'team.chooseCaFile': op({
    summary: "Asks for the team's CA certificate (PEM) with the open dialog; null when cancelled",
    request: EmptyRequestSchema,
    response: z.object({ path: z.string().nullable() }),
  }),
  'team.resume': op({
    summary:
      'Tries the remembered team database again when it could not be reached at start, switching to it once it answers',
    request: EmptyRequestSchema,
    response: TeamStatusSchema,
  }),
  'team.ping': op({
    summary: 'A cheap read that says whether the database answers (the window retries it while offline)',
    request: EmptyRequestSchema,
    response: z.object({ answered: z.literal(true) }),
  }),
} as const;
