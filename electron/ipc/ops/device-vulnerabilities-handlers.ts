/** The handler table of the device vulnerability operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { deviceVulnerabilityOps } from './device-vulnerabilities';

/** The service call behind each device vulnerability operation. */
export function deviceVulnerabilityHandlers(
  ctx: HandlerContext,
): HandlerTable<typeof deviceVulnerabilityOps> {
  const { services } = ctx;
  return {
    'devices.vulnerabilities': (q) => services.vulnerabilities.list(q),
    'devices.vendorVulnerabilities': ({ vendorId }) => services.vulnerabilities.vendor(vendorId),
    'devices.rematch': (_request, job) => services.vulnerabilities.rematch(job),
    'devices.links': () => services.vulnerabilities.links(),
  };
}
