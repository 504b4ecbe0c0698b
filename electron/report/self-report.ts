/**
 * The self-assessment report: a headline, maturity by area against the previous
 * self-assessment (chart and table), then the roadmap of missing controls with effort
 * and owner, quick wins first.
 */
import { ASSESSMENT_STATUS_LABELS } from '../domain/assessment';
import { maturityChart } from '../domain/charts';
import { PHASES, type Phase } from '../domain/roadmap';
import { maturityComparison, selfHeadline, signed, type MaturityChange } from '../domain/report-headlines';
import type { SelfReportData } from './model';
import {
  chart,
  cover,
  figures,
  heading,
  headline,
  legend,
  pageFrame,
  titledTable,
  together,
  type Content,
  type DocDefinition,
} from './layout';

/** What the maturity chart's bars and colours mean. */
export const MATURITY_LEGEND =
  'Each bar is an area’s score, 0–100 (higher is better), with the score and its level written at its end. ' +
  'Colour: green 75 and over, amber 50–74, orange 25–49, red under 25.';

const PHASE_TITLES: Record<Phase, string> = {
  'quick-win': 'Quick wins — low effort, do these first',
  next: 'Next — moderate effort',
  project: 'Projects — plan and budget these',
};

/** The self-assessment report's pdfmake document. */
export function selfReport(d: SelfReportData): DocDefinition {
  const { result, assessment, previous } = d;
  const areas = maturityComparison(result.maturity, previous?.maturity ?? null);
  const prevDay = previous?.date.slice(0, 10);
  return pageFrame({
    // The assessment's own title often says so already ("Self-assessment — 2026-08-29").
    title: /^self-assessment\b/i.test(assessment.title)
      ? assessment.title
      : `Self-assessment — ${assessment.title}`,
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
          ['Status', ASSESSMENT_STATUS_LABELS[assessment.status]],
          [
            'Compared with',
            previous
              ? `${previous.title}, submitted ${prevDay}`
              : 'Nothing: this is the first self-assessment',
          ],
          ['Roadmap owner', d.roadmapOwner || 'Unassigned'],
        ],
      }),
      heading('Summary'),
      headline(
        selfHeadline({
          score: result.score,
          previous: previous ? { score: previous.score, date: previous.date } : null,
          areas,
          quickWins: result.roadmap.filter((r) => r.phase === 'quick-win').map((r) => r.control),
          unanswered: result.unanswered,
        }),
      ),
      figures([
        {
          value: result.score === null ? '—' : result.score.toFixed(0),
          label: `Overall score (0–100, higher is better)${
            previous?.score != null ? `; was ${previous.score.toFixed(0)} on ${prevDay}` : ''
          }`,
        },
        { value: `${Math.round(result.completeness * 100)}%`, label: 'Questions answered' },
        { value: String(result.roadmap.length), label: 'Controls on the roadmap' },
        { value: String(result.unanswered), label: 'Not yet answered' },
      ]),
      maturityTable(areas, prevDay ?? null),
      ...(result.maturity.length
        ? [
            together(
              { text: 'Maturity by area, drawn', style: 'h3' },
              chart(maturityChart(result.maturity, 499)),
              legend(MATURITY_LEGEND),
            ),
          ]
        : []),
      heading('Roadmap', true),
      ...roadmap(d),
    ],
  });
}

function maturityTable(areas: readonly MaturityChange[], prevDay: string | null): Content {
  const num = (n: number | null) => (n === null ? '—' : n.toFixed(0));
  const levels = 'Levels: Managed 75 and over, Defined 50–74, Developing 25–49, Initial under 25.';
  if (!prevDay)
    return titledTable({
      title: 'Maturity by area',
      empty: 'Nothing answered yet.',
      intro: [
        legend(`This is the first self-assessment: there is nothing earlier to compare with. ${levels}`),
      ],
      headers: ['Area', 'Now', 'Level'],
      rows: areas.map((m) => [m.area, num(m.now), m.level]),
      widths: ['*', 50, 90],
    });
  return titledTable({
    title: 'Maturity by area',
    empty: 'Nothing answered yet.',
    intro: [
      legend(
        `Now against the previous self-assessment, submitted ${prevDay}. Change: now less previous, in points (higher is better). ${levels}`,
      ),
    ],
    headers: ['Area', `Previous (${prevDay})`, 'Now', 'Change', 'Level'],
    rows: areas.map((m) => [
      m.area,
      num(m.previous),
      num(m.now),
      m.change === null ? '—' : { text: signed(m.change), bold: m.change !== 0 },
      m.level,
    ]),
    widths: ['*', 80, 40, 45, 70],
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
  const owner = d.roadmapOwner || 'Unassigned';
  const defaults = new Set(d.defaultEffort);
  const effortNote = d.defaultEffort.length
    ? ' “(default)” marks a control whose questionnaire gives no estimate: medium, about 8 weeks is assumed.'
    : '';
  return [
    legend(
      'Effort: how hard the control is (low, medium, high) and about how many weeks it takes to put in place, as the ' +
        'questionnaire estimates it.' +
        effortNote +
        ' Gain: points the overall score rises by once the control is fully in place. Owner: who answers for the ' +
        'roadmap (“Unassigned” until someone is named).',
    ),
    ...PHASES.flatMap((phase) => {
      const items = d.result.roadmap.filter((r) => r.phase === phase);
      if (!items.length) return [];
      return [
        titledTable({
          title: PHASE_TITLES[phase],
          level: 'h3',
          headers: ['Control', 'Area', 'Now', 'Effort', 'Owner', 'Gain'],
          rows: items.map((r) => [
            r.control,
            r.area,
            r.answer,
            `${r.complexity}, ~${r.weeks} wk${defaults.has(`${r.questionnaireId}/${r.questionId}`) ? ' (default)' : ''}`,
            owner,
            `+${r.gain.toFixed(1)}`,
          ]),
          widths: ['*', 80, 62, 55, 60, 30],
        }),
      ];
    }),
  ];
}
