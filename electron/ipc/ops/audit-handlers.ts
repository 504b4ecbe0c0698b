/** The handler table of the audit trail's operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { auditOps } from './audit';

/** The service call behind each audit operation. */
export function auditHandlers({ services }: HandlerContext): HandlerTable<typeof auditOps> {
  return {
    'audit.list': (query) => services.audit.list(query),
    'audit.verify': ({ expectedHead }, job) => services.audit.verify(job, expectedHead),
    'audit.exportCsv': (query) => services.audit.exportCsv(query),
    'audit.exportJson': (query) => services.audit.exportJson(query),
  };
}
