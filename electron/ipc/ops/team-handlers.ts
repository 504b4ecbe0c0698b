/** The handler table of the team database operations. */
import { AppError } from '../../domain/errors';
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { teamOps } from './team';
import type { TeamController } from '../team-switch';

/** The team connection exists only in the app's data host; the CLI names it with --database. */
function noController(): never {
  throw new AppError(
    'INVALID_INPUT',
    'Connecting to a team database is done in the app (Settings → Team database); on the command line give --database postgresql://… or VENDOR_RISK_DATABASE_URL',
  );
}

/** The service call behind each team operation. */
export function teamHandlers(
  { services, desktop }: HandlerContext,
  team: TeamController | undefined,
): HandlerTable<typeof teamOps> {
  const controller = () => team ?? noController();
  return {
    'team.status': () => {
      const status = controller().status();
      // Opened on a team database from the start (HostConfig.database), not through Settings: say so too.
      const open = services.team;
      if (status.connected || !open) return status;
      return {
        ...status,
        connected: {
          login: open.user,
          roles: [...open.roles],
          schemaVersion: open.teamSchemaVersion,
          where: open.path.replace(/^postgres(ql)?:\/\/([^@/]*@)?/, '').replace(/\?.*$/, ''),
        },
      };
    },
    'team.test': ({ settings, password }) => controller().test(settings, password),
    'team.connect': ({ settings, password }) => controller().connect(settings, password),
    'team.disconnect': () => controller().disconnect(),
    'team.resume': () => controller().resume(),
    'team.chooseCaFile': async () => {
      const path = await desktop().chooseOpenPath('.pem');
      if (path) controller().chosenCaFile(path);
      return { path };
    },
    'team.ping': () => {
      // One small read over the database's connection: it throws OFFLINE while the server is away.
      services.storage.settings.get('company');
      return { answered: true as const };
    },
  };
}
