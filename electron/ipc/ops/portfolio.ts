/** The portfolio dashboard. */
import { EmptyRequestSchema } from '../../domain/primitives';
import { PortfolioSummarySchema } from '../../domain/portfolio';
import { op } from './op';

export const portfolioOps = {
  'portfolio.summary': op({
    summary: 'The dashboard: tiers, top risks, knockouts, reassessments due, expiring evidence',
    request: EmptyRequestSchema,
    response: PortfolioSummarySchema,
  }),
} as const;
