import type { ResponseOf } from '../../electron/ipc/contract';
import { TIER_LABELS } from '../../electron/domain/risk';
import { isAssessed } from '../../electron/domain/portfolio';
import { domainScoreChart } from '../../electron/domain/charts';
import { SvgChart } from './SvgChart';
import { useElementWidth } from '../hooks/useElementWidth';
import { worstFlagsFirst } from '../../electron/domain/evaluate-assessment';
import { TierBadge } from './Badge';
import { ScoreValue, provisionalText } from './ScoreValue';
import { FlagItem, FlagList, FlagSeverity } from './Flags';
import './ScorePanel.css';

type VendorScore = ResponseOf<'scores.vendor'>;
type Trend = ResponseOf<'scores.trend'>;

/**
 * A vendor's score and risk: the control score (higher is better) and residual risk (higher
 * is worse), each coloured its own way round, and the tier; a provisional score greyed with
 * why. Then red flags, domains, and why the score is what it is.
 */
export function ScorePanel({ score, trend }: { score: VendorScore; trend: Trend }) {
  const percent = Math.floor(score.completeness * 100);
  // Nothing scored to go on, or a provisional score: no tier of its own unless a knockout set one.
  const tier = isAssessed(score) ? score.tier : null;
  // The domain chart takes the panel's width: its names are cut only where there is no room.
  const [chartBox, chartWidth] = useElementWidth(360, 300, 640);
  return (
    <section
      className={`score-panel${score.provisional ? ' score-panel-provisional' : ''}`}
      aria-label="Risk and score"
    >
      <div className="score-head">
        <ScoreValue
          kind="control"
          value={score.score}
          provisional={score.provisional}
          large
          testId="vendor-score"
        />
        <ScoreValue
          kind="residual"
          value={tier || score.provisional ? score.residual : null}
          provisional={score.provisional || !tier}
          testId="vendor-residual"
        />
        <div className="score-facts">
          <TierBadge value={tier} provisional={score.provisional} testId="vendor-tier" />
          {score.cappedByKnockout && !score.provisional && (
            <span className="cell-muted">raised by a knockout</span>
          )}
          <span className="cell-muted">
            {score.assessment
              ? `${percent}% complete (${score.answered} of ${score.applicable})`
              : 'No assessment started'}
          </span>
          <span
            className="cell-muted"
            title="Inherent risk: how much the vendor could hurt us before any control, from what it is critical for and the data it touches (0–100, higher is worse)"
          >
            {tier || score.provisional
              ? `Inherent risk ${score.inherent.value}`
              : `Inherent risk ${score.inherent.value} on its profile alone; no tier until assessed`}
          </span>
          {score.nextReassessment && (
            <span className={score.overdue ? 'overdue' : 'cell-muted'}>
              {score.overdue ? 'Reassessment overdue since ' : 'Next reassessment '}
              {score.nextReassessment}
            </span>
          )}
        </div>
      </div>
      {score.provisional && (
        <p className="score-provisional" data-testid="score-provisional">
          {provisionalText(score)}.{' '}
          {tier
            ? 'The tier is the knockout’s; the score sets none until enough is answered.'
            : 'It sets no tier until enough is answered.'}
        </p>
      )}
      {score.assessment && score.assessment.status === 'in-progress' && (
        <p className="cell-muted">From the assessment in progress; it counts fully once submitted.</p>
      )}
      {score.flags.length > 0 && (
        <FlagList label="Red flags">
          {worstFlagsFirst(score.flags).map((f) => (
            <FlagItem key={`${f.questionnaireId}/${f.ruleId}`} flag={f}>
              <FlagSeverity flag={f} /> {f.message}
              {f.reason === 'refused' && <span className="cell-muted"> (the vendor refused to answer)</span>}
            </FlagItem>
          ))}
        </FlagList>
      )}
      {score.domains.some((d) => d.applicable > 0) && (
        <div ref={chartBox}>
          <SvgChart model={domainScoreChart(score.domains, chartWidth)} />
        </div>
      )}
      {trend.length > 1 && (
        <table className="explanation-table trend" aria-label="Score over time">
          <thead>
            <tr>
              <th scope="col">Assessment</th>
              <th scope="col">Score</th>
              <th scope="col">Tier</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((t) => (
              <tr key={t.assessmentId}>
                <td>
                  {t.date} <span className="cell-muted">({t.status})</span>
                </td>
                <td className="num">
                  <ScoreValue kind="control" value={t.score} provisional={t.provisional} compact />
                </td>
                <td>
                  {t.tier ? `${TIER_LABELS[t.tier]} risk` : 'No tier (provisional)'}
                  {t.knockouts ? ' · knockout' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {score.contributions.length > 0 && (
        <details className="explanation">
          <summary>Why this score</summary>
          <p className="cell-muted">
            Each answer adds its share of the score; the shares add up to {score.score?.toFixed(1)}. Answers
            that cost the most come first.
          </p>
          <table className="explanation-table">
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Answer</th>
                <th scope="col">Adds</th>
                <th scope="col">Costs</th>
              </tr>
            </thead>
            <tbody>
              {score.contributions.map((c) => (
                <tr key={`${c.questionnaireId}/${c.questionId}`}>
                  <td>{c.question}</td>
                  <td>
                    {c.answer}
                    {c.reason && <span className="cell-muted"> — {c.reason}</span>}
                  </td>
                  <td className="num">{c.contribution.toFixed(1)}</td>
                  <td className="num">{c.lost > 0 ? `−${c.lost.toFixed(1)}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
