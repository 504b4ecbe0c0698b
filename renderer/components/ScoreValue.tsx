import { DEFAULT_RISK_SETTINGS, type RiskSettings } from '../../electron/domain/risk';
import './ScoreValue.css';

/** The two numbers that read opposite ways. */
export type ScoreKind = 'control' | 'residual';

/** What each number is called, which way is good, and what it means, in one line. */
export const SCORE_MEANINGS: Record<ScoreKind, { label: string; direction: string; meaning: string }> = {
  control: {
    label: 'Control score',
    direction: 'higher is better',
    meaning: 'How well the vendor’s answers meet our controls, 0–100.',
  },
  residual: {
    label: 'Residual risk',
    direction: 'higher is worse',
    meaning: 'Risk from what the vendor touches, less what its controls take away, 0–100.',
  },
};

/** A colour step, from good to bad (the same tones as the tiers). */
export type ScoreTone = 'low' | 'medium' | 'high' | 'critical';

/**
 * The tone of a number: a control score is good when high (75+ good, 50+ fair, 25+ poor,
 * else bad); residual risk is bad when high, by the tier thresholds (default ones unless given).
 */
export function scoreTone(
  kind: ScoreKind,
  value: number,
  thresholds: RiskSettings['thresholds'] = DEFAULT_RISK_SETTINGS.thresholds,
): ScoreTone {
  if (kind === 'control')
    return value >= 75 ? 'low' : value >= 50 ? 'medium' : value >= 25 ? 'high' : 'critical';
  return value >= thresholds.critical
    ? 'critical'
    : value >= thresholds.high
      ? 'high'
      : value >= thresholds.medium
        ? 'medium'
        : 'low';
}

/**
 * A control score or residual risk with its label, its direction ("higher is better / worse")
 * and, unless `compact`, its one-line meaning; coloured good-to-bad the right way round, or
 * greyed and marked "provisional" while the score is built on too few answers.
 */
export function ScoreValue({
  kind,
  value,
  provisional = false,
  compact = false,
  tight = false,
  large = false,
  testId,
}: {
  kind: ScoreKind;
  value: number | null;
  provisional?: boolean;
  /** Only the number (and "provisional"): for table cells. */
  compact?: boolean;
  /** With compact, for narrow columns: a provisional number is greyed and italic, "provisional" only in its tooltip. */
  tight?: boolean;
  large?: boolean;
  testId?: string;
}) {
  const m = SCORE_MEANINGS[kind];
  const tone = value === null ? 'none' : provisional ? 'provisional' : scoreTone(kind, value);
  const number = (
    <span
      className={`score-value-number score-tone-${tone}${tight && tone === 'provisional' ? ' score-value-tight' : ''}`}
      data-testid={testId}
      title={
        tone === 'provisional'
          ? `${m.label} (${m.direction}), provisional: too few questions answered`
          : undefined
      }
    >
      {value === null ? '—' : value.toFixed(1)}
      {large && <span className="score-value-scale">/ 100</span>}
      {provisional && value !== null && !tight && (
        <span className="score-value-provisional"> provisional</span>
      )}
    </span>
  );
  if (compact) return number;
  return (
    <div className={`score-value${large ? ' score-value-large' : ''}`} data-kind={kind}>
      <span className="score-value-label">
        {m.label} · {m.direction}
      </span>
      {number}
      <span className="score-value-meaning">{m.meaning}</span>
    </div>
  );
}

/** "Provisional — 12 of 37 questions answered (32%); needs 60%": why a score sets no tier yet. */
export function provisionalText(s: {
  answered: number;
  applicable: number;
  provisionalBelow: number;
}): string {
  const needs = `needs ${Math.round(s.provisionalBelow * 100)}%`;
  if (s.applicable === 0)
    return `Provisional — from contract clauses and devices only, no questions answered; ${needs}`;
  const percent = Math.floor((s.answered / s.applicable) * 100);
  return `Provisional — ${s.answered} of ${s.applicable} questions answered (${percent}%); ${needs}`;
}
