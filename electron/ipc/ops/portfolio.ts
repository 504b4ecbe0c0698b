/** The portfolio dashboard. */
import { EmptyRequestSchema } from '../../domain/primitives';
import { DashboardSchema } from '../../domain/portfolio-today';
import { TierTrendSchema } from '../../domain/tier-trend';
import { op } from './op';

export const portfolioOps = {
  'portfolio.summary': op({
    summary:
      'The dashboard: Today (what needs someone now), heat map, attention counts, tiers, top risks, knockouts, reassessments due, expiring evidence',
    request: EmptyRequestSchema,
    response: DashboardSchema,
  }),
  'portfolio.trend': op({
    summary:
      'Vendors per tier at the end of each of the last 8 quarters, from the assessments submitted by then',
    request: EmptyRequestSchema,
    response: TierTrendSchema,
  }),
} as const;
