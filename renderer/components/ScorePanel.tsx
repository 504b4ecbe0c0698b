import type { ResponseOf } from '../../electron/ipc/contract';
import { TIER_LABELS } from '../../electron/domain/risk';
import { isAssessed } from '../../electron/domain/portfolio';
import { domainScoreChart } from '../../electron/domain/charts';
import { SvgChart } from './SvgChart';
import { Badge } from './Badge';
import { FlagItem, FlagList, FlagSeverity } from './Flags';
import './ScorePanel.css';

type VendorScore = ResponseOf<'scores.vendor'>;
type Trend = ResponseOf<'scores.trend'>;

/** A vendor's score and risk: red flags first, then domains, then why the score is what it is. */
export function ScorePanel({ score, trend }: { score: VendorScore; trend: Trend }) {
  const percent = Math.floor(score.completeness * 100);
  // Nothing scored to go on: no tier of its own (as on the dashboard and the list), only its profile's.
  const assessed = isAssessed(score);
  return (
    <section className="score-panel" aria-label="Risk and score">
      <div className="score-head">
        <div className="score-number" data-testid="vendor-score">
          {score.score === null ? '—' : score.score.toFixed(1)}
          <span className="score-scale">/ 100</span>
        </div>
        <div className="score-facts">
          {assessed ? (
            <Badge tone={score.tier} testId="vendor-tier">
              {TIER_LABELS[score.tier]} risk
            </Badge>
          ) : (
            <Badge tone="muted" testId="vendor-tier">
              Not assessed
            </Badge>
          )}
          {score.cappedByKnockout && <span className="cell-muted">raised by a knockout</span>}
          <span className="cell-muted">
            {score.assessment
              ? `${percent}% complete (${score.answered} of ${score.applicable})`
              : 'No assessment started'}
          </span>
          <span className="cell-muted">
            {assessed
              ? `Inherent ${score.inherent.value} · residual ${score.residual}`
              : `Inherent risk ${score.inherent.value}: ${TIER_LABELS[score.tier].toLowerCase()} on its profile alone`}
          </span>
          {score.nextReassessment && (
            <span className={score.overdue ? 'overdue' : 'cell-muted'}>
              {score.overdue ? 'Reassessment overdue since ' : 'Next reassessment '}
              {score.nextReassessment}
            </span>
          )}
        </div>
      </div>
      {score.assessment && score.assessment.status === 'in-progress' && (
        <p className="cell-muted">From the assessment in progress; it counts fully once submitted.</p>
      )}
      {score.flags.length > 0 && (
        <FlagList label="Red flags">
          {score.flags.map((f) => (
            <FlagItem key={`${f.questionnaireId}/${f.ruleId}`} flag={f}>
              <FlagSeverity flag={f} /> {f.message}
              {f.reason === 'refused' && <span className="cell-muted"> (the vendor refused to answer)</span>}
            </FlagItem>
          ))}
        </FlagList>
      )}
      {score.domains.some((d) => d.applicable > 0) && (
        <SvgChart model={domainScoreChart(score.domains, 360)} />
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
                <td className="num">{t.score === null ? '—' : t.score.toFixed(1)}</td>
                <td>
                  {TIER_LABELS[t.tier]}
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
