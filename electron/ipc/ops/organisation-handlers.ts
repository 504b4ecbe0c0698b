/** The handler table of the organisation operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { organisationOps } from './organisation';

/** The service call behind each organisation operation. */
export function organisationHandlers({ services }: HandlerContext): HandlerTable<typeof organisationOps> {
  return {
    'settings.getCompany': () => ({ company: services.organisation.company() }),
    'settings.setCompany': ({ company }) => services.organisation.setCompany(company),
    'settings.getRoadmapOwner': () => ({ owner: services.organisation.roadmapOwner() }),
    'settings.setRoadmapOwner': ({ owner }) => services.organisation.setRoadmapOwner(owner),
  };
}
