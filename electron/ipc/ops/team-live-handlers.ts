/** The handler table of the team session operation. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { teamLiveOps } from './team-live';

/** The login and roles of the team database the services run on, or null (solo). */
export function teamLiveHandlers({ services }: HandlerContext): HandlerTable<typeof teamLiveOps> {
  return {
    'team.session': () => {
      const team = services.team;
      return team ? { user: team.user, roles: [...team.roles], database: team.path } : null;
    },
  };
}
