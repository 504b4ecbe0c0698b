/** The handler table of the score operations. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { scoreOps } from './scores';

/** The service call behind each score operation (a score waits for the devices' index: postures count). */
export function scoreHandlers({ services, withDevices }: HandlerContext): HandlerTable<typeof scoreOps> {
  return {
    'scores.vendor': withDevices(({ id }) => services.scores.vendor(id)),
    'scores.trend': ({ id }) => services.scores.trend(id),
  };
}
