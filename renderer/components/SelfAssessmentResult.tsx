import { useEffect, useState } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import { maturityChart } from '../../electron/domain/charts';
import { SvgChart } from './SvgChart';
import { ExportReportButton } from './ReportExport';
import './SelfAssessmentResult.css';

type Result = ResponseOf<'assessments.selfResult'>;
const PHASE_TITLES = { 'quick-win': 'Quick wins', next: 'Next', project: 'Longer projects' } as const;

/** Maturity per area and the roadmap of missing controls, quick wins first. */
export function SelfAssessmentResult({ assessmentId }: { assessmentId: string }) {
  const [result, setResult] = useState<Result | null>(null);
  useEffect(() => {
    void call('assessments.selfResult', { id: assessmentId }).then((r) => r.ok && setResult(r.value));
  }, [assessmentId]);
  if (!result) return null;
  return (
    <section className="self-result" aria-label="Self-assessment result">
      <div className="page-title-row">
        <h2>
          Maturity {result.score === null ? '' : `· ${result.score.toFixed(0)} / 100`}{' '}
          <span className="cell-muted">({Math.floor(result.completeness * 100)}% answered)</span>
        </h2>
        <ExportReportButton
          target={{ kind: 'self', assessmentId }}
          label="Exporting the self-assessment report"
          text="PDF report…"
        />
      </div>
      <SvgChart model={maturityChart(result.maturity, 520)} />
      <h2>Roadmap</h2>
      {result.roadmap.length === 0 ? (
        <p className="cell-muted">
          {result.unanswered
            ? `Answer the remaining ${result.unanswered} questions to see your roadmap.`
            : 'Every control is in place.'}
        </p>
      ) : (
        (['quick-win', 'next', 'project'] as const).map((phase) => {
          const items = result.roadmap.filter((r) => r.phase === phase);
          if (!items.length) return null;
          return (
            <section key={phase} aria-label={PHASE_TITLES[phase]}>
              <h3>{PHASE_TITLES[phase]}</h3>
              <ol className="roadmap">
                {items.map((r) => (
                  <li key={`${r.questionnaireId}/${r.questionId}`}>
                    <span>{r.control}</span>
                    <span className="cell-muted">
                      {r.area} · now: {r.answer} · {r.complexity} complexity, about {r.weeks} week
                      {r.weeks === 1 ? '' : 's'} · +{r.gain.toFixed(1)} points
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          );
        })
      )}
      {result.unanswered > 0 && result.roadmap.length > 0 && (
        <p className="cell-muted">
          {result.unanswered} questions are not answered yet and are not on the roadmap.
        </p>
      )}
    </section>
  );
}
