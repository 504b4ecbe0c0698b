/**
 * The board pack's key figures and their targets: which figures page one shows, which way
 * is better for each, and the targets (a setting kept with the data, defaults below). Pure.
 */
import { z } from 'zod';

/** The key figures of the board pack, in the order page one shows them. */
export const KEY_FIGURES = [
  'critical',
  'high',
  'knockouts',
  'averageScore',
  'averageResidual',
  'criticalOnTime',
  'overdue',
  'conditionsPastDue',
] as const;
export type KeyFigureId = (typeof KEY_FIGURES)[number];

/** What each figure is, which way is better and how to read it (printed beside it). */
export const KEY_FIGURE_INFO: Record<
  KeyFigureId,
  { label: string; better: 'higher' | 'lower'; meaning: string; unit?: '%' }
> = {
  critical: { label: 'Vendors in the critical tier', better: 'lower', meaning: 'fewer is better' },
  high: { label: 'Vendors in the high tier', better: 'lower', meaning: 'fewer is better' },
  knockouts: { label: 'Open knockouts', better: 'lower', meaning: 'fewer is better' },
  averageScore: {
    label: 'Average control score',
    better: 'higher',
    meaning: '0–100, higher is better',
  },
  averageResidual: {
    label: 'Average residual risk',
    better: 'lower',
    meaning: '0–100, higher is worse',
  },
  criticalOnTime: {
    label: 'Critical vendors assessed on time',
    better: 'higher',
    meaning: 'share of critical vendors',
    unit: '%',
  },
  overdue: { label: 'Reassessments overdue', better: 'lower', meaning: 'fewer is better' },
  conditionsPastDue: { label: 'Approval conditions past due', better: 'lower', meaning: 'fewer is better' },
};

/** The targets the board pack shows beside each key figure (null: no target). */
export const BoardTargetsSchema = z
  .object({
    critical: z.number().min(0).max(100000).nullable(),
    high: z.number().min(0).max(100000).nullable(),
    knockouts: z.number().min(0).max(100000).nullable(),
    averageScore: z.number().min(0).max(100).nullable(),
    averageResidual: z.number().min(0).max(100).nullable(),
    criticalOnTime: z.number().min(0).max(100).nullable(),
    overdue: z.number().min(0).max(100000).nullable(),
    conditionsPastDue: z.number().min(0).max(100000).nullable(),
  })
  .strict();
export type BoardTargets = z.infer<typeof BoardTargetsSchema>;

/** The targets until someone sets their own: no critical vendor, no knockout, nothing late. */
export const DEFAULT_BOARD_TARGETS: BoardTargets = {
  critical: 0,
  high: 5,
  knockouts: 0,
  averageScore: 70,
  averageResidual: 40,
  criticalOnTime: 100,
  overdue: 0,
  conditionsPastDue: 0,
};

/** Stored targets read leniently: a missing or invalid one takes its default. */
export function boardTargetsOf(stored: unknown): BoardTargets {
  const out: BoardTargets = { ...DEFAULT_BOARD_TARGETS };
  if (!stored || typeof stored !== 'object') return out;
  for (const id of KEY_FIGURES) {
    const value = (stored as Record<string, unknown>)[id];
    const parsed = BoardTargetsSchema.shape[id].safeParse(value);
    if (value !== undefined && parsed.success) out[id] = parsed.data;
  }
  return out;
}

/** Whether a figure meets its target (null when there is no figure or no target). */
export function meetsTarget(id: KeyFigureId, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return KEY_FIGURE_INFO[id].better === 'higher' ? value >= target : value <= target;
}
