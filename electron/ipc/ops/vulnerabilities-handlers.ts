/** The handler table of the vulnerability views. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { vulnerabilityOps } from './vulnerabilities';

/** The service call behind each vulnerability view. */
export function vulnerabilityHandlers({ services }: HandlerContext): HandlerTable<typeof vulnerabilityOps> {
  return {
    'vulnerabilities.overview': () => services.vulnerabilityViews.overview(),
    'vulnerabilities.vendor': ({ vendorId }) => services.vulnerabilityViews.vendor(vendorId),
    'vulnerabilities.advisories': (request) => services.vulnerabilityViews.advisories(request),
    'vulnerabilities.advisory': ({ trackingId }) => services.vulnerabilityViews.advisory(trackingId),
  };
}
