/** The handler table of the clause operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { clauseOps } from './clauses';

/** The service call behind each clause operation. */
export function clauseHandlers({ services }: HandlerContext): HandlerTable<typeof clauseOps> {
  return {
    'clauses.library': () => services.clauses.library(),
    'clauses.saveClause': (clause) => services.clauses.saveClause(clause),
    'clauses.removeClause': ({ id }) => services.clauses.removeClause(id),
    'clauses.forVendor': ({ vendorId }) => services.clauses.forVendor(vendorId),
    'clauses.set': (input) => services.clauses.set(input),
    'clauses.comment': ({ vendorId, clauseId, text }) => services.clauses.comment(vendorId, clauseId, text),
    'clauses.signOff': ({ vendorId }) => services.clauses.signOff(vendorId),
    'clauses.matrix': ({ needsReview }) => services.clauses.matrix(needsReview),
    'clauses.exportCsv': ({ needsReview }) => services.clauses.exportCsv(needsReview),
  };
}
