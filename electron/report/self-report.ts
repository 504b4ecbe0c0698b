/**
 * The self-assessment report: maturity by area as a chart, then the roadmap of missing
 * controls, quick wins first.
 */
import { maturityChart } from '../domain/charts';
import { PHASES, type Phase } from '../domain/roadmap';
import type { SelfReportData } from './model';
import {
  chart,
  cover,
  dataTable,
  figures,
  heading,
  pageFrame,
  type Content,
  type DocDefinition,
} from './layout';

const PHASE_TITLES: Record<Phase, string> = {
  'quick-win': 'Quick wins — low effort, do these first',
  next: 'Next — moderate effort',
  project: 'Projects — plan and budget these',
};

/** The self-assessment report's pdfmake document. */
export function selfReport(d: SelfReportData): DocDefinition {
  const { result, assessment } = d;
  return pageFrame({
    title: `Self-assessment — ${assessment.title}`,
    generated: d.generated,
    trailHead: d.trailHead,
    content: [
      ...cover({
        kind: 'Self-assessment',
        title: assessment.title,
        lines: [
          ['Date', d.generated],
          ['Prepared by', d.author],
          [
            'Questionnaires',
            assessment.questionnaires.map((q) => `${q.title}, version ${q.version}`).join('\n'),
          ],
          ['Status', assessment.status],
        ],
      }),
      figures([
        { value: result.score === null ? '—' : result.score.toFixed(0), label: 'Overall score (0–100)' },
        { value: `${Math.round(result.completeness * 100)}%`, label: 'Questions answered' },
        { value: String(result.roadmap.length), label: 'Controls on the roadmap' },
        { value: String(result.unanswered), label: 'Not yet answered' },
      ]),
      heading('Maturity by area'),
      result.maturity.length
        ? chart(maturityChart(result.maturity, 499))
        : { text: 'Nothing answered yet.', style: 'muted' },
      dataTable(
        ['Area', 'Score', 'Level'],
        result.maturity.map((m) => [m.area, m.score === null ? '—' : m.score.toFixed(0), m.level]),
        ['*', 50, 90],
      ),
      {
        text: 'Levels: Managed 75 and over, Defined 50–74, Developing 25–49, Initial under 25.',
        style: 'note',
      },
      heading('Roadmap'),
      ...roadmap(d),
    ],
  });
}

function roadmap(d: SelfReportData): Content[] {
  if (!d.result.roadmap.length)
    return [
      {
        text: d.result.unanswered
          ? 'Answer the remaining questions to see what to improve.'
          : 'Every control is in place. Nothing on the roadmap.',
        style: 'muted',
      },
    ];
  return PHASES.flatMap((phase) => {
    const items = d.result.roadmap.filter((r) => r.phase === phase);
    if (!items.length) return [];
    return [
      { text: PHASE_TITLES[phase], style: 'h3' },
      dataTable(
        ['Control', 'Area', 'Now', 'Effort', 'Gain'],
        items.map((r) => [
          r.control,
          r.area,
          r.answer,
          `${r.complexity}, ~${r.weeks} wk`,
          `+${r.gain.toFixed(1)}`,
        ]),
        ['*', 90, 80, 70, 35],
      ),
    ];
  });
}
