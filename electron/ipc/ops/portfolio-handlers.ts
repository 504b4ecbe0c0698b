/** The handler table of the portfolio dashboard. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { portfolioOps } from './portfolio';

/** The service call behind the dashboard (it waits for the devices' index: postures count). */
export function portfolioHandlers({
  services,
  withDevices,
}: HandlerContext): HandlerTable<typeof portfolioOps> {
  return {
    'portfolio.summary': withDevices(() => services.portfolio.summary()),
  };
}
