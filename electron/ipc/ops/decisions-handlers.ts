/** The handler table of the decision operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { decisionOps } from './decisions';

/** The service call behind each decision operation. */
export function decisionHandlers({ services }: HandlerContext): HandlerTable<typeof decisionOps> {
  return {
    'decisions.record': (input) => services.decisions.record(input),
    'decisions.list': ({ vendorId }) => services.decisions.list(vendorId),
  };
}
