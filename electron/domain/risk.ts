/**
 * Inherent risk from what a vendor touches, residual risk after its controls, the
 * risk tier (capped by knockout flags) and the reassessment date it sets.
 */
import { z } from 'zod';
import type { Criticality, DataKind, VendorCategory } from './vendor';
import { addMonths } from './scoring';

export const TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type Tier = (typeof TIERS)[number];

/** Human labels for {@link TIERS}. */
export const TIER_LABELS: Record<Tier, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** Tier thresholds (on residual risk, 0–100), reassessment intervals and the knockout cap. */
export const RiskSettingsSchema = z
  .object({
    thresholds: z
      .object({
        critical: z.number().min(0).max(100),
        high: z.number().min(0).max(100),
        medium: z.number().min(0).max(100),
      })
      .strict()
      .refine(
        (t) => t.critical > t.high && t.high > t.medium,
        'Thresholds must fall: critical > high > medium',
      ),
    reassessMonths: z
      .object({
        critical: z.number().int().min(1).max(60),
        high: z.number().int().min(1).max(60),
        medium: z.number().int().min(1).max(60),
        low: z.number().int().min(1).max(60),
      })
      .strict(),
    /** A knockout flag makes the tier at least this. */
    knockoutTier: z.enum(TIERS),
    /** How much of the inherent risk perfect controls take away (0–1). */
    controlEffect: z.number().min(0).max(1),
    /**
     * A score built on less than this share (0–1) of the applicable questions is provisional:
     * shown greyed and it sets no tier (knockouts found so far still do). Settings saved before
     * it existed read as the default.
     */
    provisionalBelow: z.number().min(0).max(1).default(0.6),
  })
  .strict();
export type RiskSettings = z.infer<typeof RiskSettingsSchema>;

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  thresholds: { critical: 60, high: 40, medium: 20 },
  reassessMonths: { critical: 6, high: 12, medium: 24, low: 36 },
  knockoutTier: 'high',
  controlEffect: 0.8,
  provisionalBelow: 0.6,
};

/** How sensitive each kind of data is (the guide: PII and contracts highest, then pricing, then telemetry). */
export const DATA_SENSITIVITY: Record<DataKind, number> = {
  pii: 100,
  'customer-contracts': 90,
  'supplier-pricing': 70,
  'operational-telemetry': 50,
  none: 0,
};
/** How much access a vendor of each category usually has into our systems and floor. */
export const CATEGORY_ACCESS: Record<VendorCategory, number> = {
  'wms-saas': 80,
  'robotics-iot': 80,
  'cloud-ml': 70,
  payments: 70,
  '3pl': 60,
  other: 30,
};
export const CRITICALITY_LEVEL: Record<Criticality, number> = {
  low: 25,
  medium: 50,
  high: 75,
  critical: 100,
};
export const INHERENT_WEIGHTS = { data: 0.4, criticality: 0.35, access: 0.25 } as const;

/** Inherent risk, 0–100, with its three parts. */
export function inherentRisk(v: {
  dataTouched: readonly DataKind[];
  criticality: Criticality;
  category: VendorCategory;
}) {
  const data = Math.max(0, ...v.dataTouched.map((k) => DATA_SENSITIVITY[k]));
  const criticality = CRITICALITY_LEVEL[v.criticality];
  const access = CATEGORY_ACCESS[v.category];
  const value =
    INHERENT_WEIGHTS.data * data +
    INHERENT_WEIGHTS.criticality * criticality +
    INHERENT_WEIGHTS.access * access;
  return { value: Math.round(value * 10) / 10, data, criticality, access };
}

/**
 * Residual risk: inherent risk less what the controls take away. With no control score
 * (nothing assessed) the residual risk is the inherent risk.
 */
export function residualRisk(inherent: number, controlScore: number | null, settings: RiskSettings): number {
  if (controlScore === null) return inherent;
  return Math.round(inherent * (1 - settings.controlEffect * (controlScore / 100)) * 10) / 10;
}

/** The tier of a residual risk; a knockout flag makes it at least the knockout tier. */
export function tierOf(
  residual: number,
  knockouts: number,
  settings: RiskSettings,
): { tier: Tier; cappedByKnockout: boolean } {
  const t = settings.thresholds;
  const byScore: Tier =
    residual >= t.critical
      ? 'critical'
      : residual >= t.high
        ? 'high'
        : residual >= t.medium
          ? 'medium'
          : 'low';
  if (knockouts > 0 && TIERS.indexOf(byScore) < TIERS.indexOf(settings.knockoutTier)) {
    return { tier: settings.knockoutTier, cappedByKnockout: true };
  }
  return { tier: byScore, cappedByKnockout: false };
}

/** Whether a score built on this share (0–1) of the applicable questions is provisional; exactly at the threshold it is not. */
export function isProvisional(
  completeness: number,
  settings: Pick<RiskSettings, 'provisionalBelow'>,
): boolean {
  return completeness < settings.provisionalBelow;
}

/**
 * A vendor's tier as everyone shows it. A score built on enough of the applicable questions
 * ({@link isProvisional}) sets it from residual risk, raised by knockouts ({@link tierOf}); a
 * provisional one sets none — tier null — unless a knockout found so far raises it, and then
 * the knockout tier stands (cappedByKnockout: "knockout, score provisional").
 */
export function vendorTier(
  residual: number,
  knockouts: number,
  completeness: number,
  settings: RiskSettings,
): { tier: Tier | null; cappedByKnockout: boolean } {
  if (!isProvisional(completeness, settings)) return tierOf(residual, knockouts, settings);
  if (knockouts > 0) return { tier: settings.knockoutTier, cappedByKnockout: true };
  return { tier: null, cappedByKnockout: false };
}

/** When the vendor is due for its next assessment, from the last one's date and the tier. */
export function nextReassessment(lastAssessed: string, tier: Tier, settings: RiskSettings): string {
  return addMonths(lastAssessed, settings.reassessMonths[tier]);
}
