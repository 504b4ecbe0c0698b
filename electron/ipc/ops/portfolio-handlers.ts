/** The handler table of the portfolio dashboard. */
import type { HandlerContext } from '../handler-context';
import type { HandlerTable } from './op';
import type { portfolioOps } from './portfolio';

/** The service calls behind the dashboard (they wait for the devices' index: postures count). */
export function portfolioHandlers({
  services,
  withDevices,
}: HandlerContext): HandlerTable<typeof portfolioOps> {
  return {
    // As for the vendor list: stale standings (the figures the summary reads) are computed a few at a time first.
    'portfolio.summary': withDevices(async () => {
      if (services.portfolio.standingsStale()) await services.portfolio.refreshStandingsInSteps();
      return services.portfolio.summary(services.devices.openFindings());
    }),
    'portfolio.trend': withDevices(() => services.portfolio.tierTrend()),
  };
}
