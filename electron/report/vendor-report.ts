/**
 * The vendor assessment report: cover, executive summary, red flags, domain scores,
 * contract clauses, device findings, evidence, and every answer in an appendix.
 */
import { domainScoreChart } from '../domain/charts';
import { CATEGORY_LABELS, CRITICALITY_LABELS, DATA_KIND_LABELS, STATUS_LABELS } from '../domain/vendor';
import { TIER_LABELS } from '../domain/risk';
import { DECISION_LABELS } from '../domain/decision';
import { CLAUSE_STATUS_LABELS } from '../domain/clauses';
import { DEVICE_CHECK_INFO, DEVICE_CHECKS } from '../domain/device-checks';
import { vendorHeadline } from '../domain/report-headlines';
import type { FlagLine } from '../domain/flag-words';
import { EVIDENCE_KIND_LABELS } from '../domain/questionnaire';
import { isAssessed } from '../domain/portfolio';
import { ASSESSMENT_STATUS_LABELS } from '../domain/assessment';
import type { VendorReportData } from './model';
import {
  chart,
  cover,
  headline,
  legend,
  dataTable,
  figures,
  heading,
  keyValues,
  titledTable,
  together,
  pageFrame,
  TIER_COLOURS,
  type Content,
  type DocDefinition,
} from './layout';

const pct = (n: number) => `${Math.round(n * 100)}%`;

/** What the colours of tiers and severities mean, printed beside the figures and the flags. */
export const TIER_LEGEND =
  'Colours: red = critical, orange = high, amber = medium, green = low, grey = not assessed. ' +
  'Control score: 0–100, higher is better. Residual risk: 0–100, higher is worse.';
/** How to read the red flags table. */
export const FLAGS_LEGEND =
  'Severity: critical, high, medium or low (the colour says the same); a KNOCKOUT sets the tier to at least high ' +
  'whatever the score. Under each flag: the question and the answer given. Next step: the decision’s condition ' +
  'where one covers the flag, otherwise a suggested step and date.';
/** What the domain chart's bars and colours mean. */
export const DOMAIN_LEGEND =
  'Each bar is a domain’s control score, 0–100 (higher is better), with the number written at its end. ' +
  'Colour: green 75 and over, amber 50–74, orange 25–49, red under 25; “—”: no scored question answered yet.';

/** The vendor report's pdfmake document. */
export function vendorReport(d: VendorReportData): DocDefinition {
  const { vendor, score } = d;
  const title = `Vendor assessment — ${vendor.name}`;
  // A provisional score sets no tier (tier null) unless a knockout raised it.
  const tier = isAssessed(score) ? score.tier : null;
  const provisionalNote = score.provisional ? ' (provisional: too few questions answered)' : '';
  return pageFrame({
    title,
    generated: d.generated,
    trailHead: d.trailHead,
    content: [
      ...cover({
        kind: 'Vendor assessment',
        title: vendor.name,
        lines: [
          ...(d.company ? [['Company', d.company] as [string, string]] : []),
          ['Date', d.generated],
          ['Assessor', d.assessor],
          [
            'Assessment',
            d.assessment
              ? `${d.assessment.title} (${ASSESSMENT_STATUS_LABELS[d.assessment.status].toLowerCase()})`
              : 'None yet',
          ],
          [
            'Questionnaires',
            d.assessment?.questionnaires.map((q) => `${q.title}, version ${q.version}`).join('\n') ?? '—',
          ],
          ['Category', CATEGORY_LABELS[vendor.category]],
          ['Criticality', CRITICALITY_LABELS[vendor.criticality]],
          ['Status', STATUS_LABELS[vendor.status]],
          ['Data touched', vendor.dataTouched.map((k) => DATA_KIND_LABELS[k]).join(', ') || 'None recorded'],
          ['Owner', vendor.owner],
        ],
      }),
      heading('Executive summary'),
      headline(
        vendorHeadline({
          tier,
          score: score.score,
          provisional: score.provisional,
          residual: score.residual,
          flags: d.flagLines,
          decision: d.decision,
          today: d.generated.slice(0, 10),
        }),
      ),
      figures([
        {
          value: score.score === null ? '—' : score.score.toFixed(0),
          label: `Control score (0–100, higher is better)${provisionalNote}`,
        },
        {
          value: tier ? TIER_LABELS[tier] : score.provisional ? 'No tier yet' : 'Not assessed',
          label: score.provisional && tier ? 'Risk tier (knockout, score provisional)' : 'Risk tier',
          colour: tier ? TIER_COLOURS[tier] : TIER_COLOURS.unassessed,
        },
        { value: pct(score.completeness), label: 'Questions answered' },
        {
          value: String(score.flags.length),
          label: `Red flags (${score.knockouts} knockout${score.knockouts === 1 ? '' : 's'})`,
        },
      ]),
      legend(TIER_LEGEND),
      keyValues([
        ['Inherent risk', `${score.inherent.value} of 100 (from data touched, criticality and access)`],
        [
          'Residual risk',
          `${score.residual} of 100 (higher is worse)${score.provisional ? ', provisional' : ''}` +
            (score.cappedByKnockout ? ' — tier raised by a knockout flag' : ''),
        ],
        ['Last assessed', score.lastAssessed ?? 'Not yet'],
        ['Next reassessment', score.nextReassessment ?? '—'],
      ]),
      ...decisionPart(d),
      flagsPart(d),
      domainsPart(d),
      clausesPart(d),
      devicesPart(d),
      evidencePart(d),
      heading('Appendix — every answer', true),
      ...appendixPart(d),
    ],
  });
}

function decisionPart(d: VendorReportData): Content[] {
  if (!d.decision) return [{ text: 'No decision recorded yet.', style: 'muted' }];
  const dec = d.decision;
  return [
    {
      text: [
        { text: 'Decision: ', bold: true },
        DECISION_LABELS[dec.decision],
        ` — ${dec.decidedBy}, ${dec.decidedAt.slice(0, 10)}`,
      ],
      margin: [0, 4, 0, 4],
    },
    ...(dec.notes ? [{ text: dec.notes, style: 'muted' }] : []),
    ...(dec.conditions.length
      ? [
          { text: 'Conditions', style: 'h3' },
          dataTable(
            ['Condition', 'Owner', 'Due'],
            dec.conditions.map((c) => [c.text, c.owner, c.due]),
            ['*', 110, 70],
          ),
        ]
      : []),
  ];
}

function flagsPart(d: VendorReportData): Content {
  return titledTable({
    title: 'Red flags',
    intro: [legend(FLAGS_LEGEND)],
    headers: ['Severity', 'Red flag and why', 'Owner and next step'],
    rows: d.flagLines.map((f) => [
      {
        text: `${f.severity}${f.knockout ? '\nKNOCKOUT' : ''}`,
        bold: f.knockout,
        color: TIER_COLOURS[f.severity],
      },
      { stack: [{ text: f.message, bold: true }, ...flagWhy(f)] },
      {
        stack: [
          { text: [{ text: 'Owner: ', style: 'muted' }, f.owner] },
          { text: f.nextStep, margin: [0, 2, 0, 0] },
        ],
      },
    ]),
    widths: [62, '*', 150],
    empty: 'No red flag raised.',
  });
}

/** Why a flag was raised: its source and each question with the answer given. */
function flagWhy(f: FlagLine): Content[] {
  const source =
    f.source === 'contract'
      ? 'From the contract clauses'
      : f.source === 'devices'
        ? 'From the vendor’s devices in our inventory'
        : 'From the vendor’s answers';
  return [
    { text: source, style: 'small', margin: [0, 2, 0, 0] },
    ...f.reasons.map((r) => ({
      text: [r.question, ' — ', { text: 'Answer: ', style: 'muted' }, { text: r.answer, bold: true }],
      margin: [0, 2, 0, 0],
    })),
  ];
}

function domainsPart(d: VendorReportData): Content {
  const domains = d.score.domains.filter((x) => x.applicable > 0);
  if (!domains.length)
    return together(heading('Scores by domain'), { text: 'Nothing scored yet.', style: 'muted' });
  return {
    stack: [
      together(heading('Scores by domain'), chart(domainScoreChart(domains, 499)), legend(DOMAIN_LEGEND)),
      titledTable({
        title: 'Score and questions answered by domain',
        level: 'h3',
        headers: ['Domain', 'Score', 'Answered'],
        rows: domains.map((x) => [
          x.title,
          x.score === null ? '—' : x.score.toFixed(0),
          `${x.answered} of ${x.applicable}`,
        ]),
        widths: ['*', 50, 70],
      }),
    ],
  };
}

function clausesPart(d: VendorReportData): Content {
  const c = d.clauses;
  return titledTable({
    title: 'Contract clauses',
    intro: c ? [{ text: c.signOff, margin: [0, 0, 0, 4] }] : [],
    headers: ['Clause', 'Status', 'Agreed value', 'Deviations and notes'],
    rows: (c?.clauses ?? []).map((x) => [
      x.title,
      CLAUSE_STATUS_LABELS[x.status],
      x.value ?? '—',
      [...x.problems, ...(x.waiver ? [`Waived: ${x.waiver}`] : [])].join('\n') || '—',
    ]),
    widths: [130, 62, 100, '*'],
    empty: 'No contract clause recorded yet.',
  });
}

function devicesPart(d: VendorReportData): Content {
  if (!d.devices)
    return together(heading('Device findings'), {
      text: 'No device of this vendor is in the inventory.',
      style: 'muted',
    });
  const { posture, devices } = d.devices;
  return titledTable({
    title: 'Device findings',
    intro: [
      {
        text: `${devices} device${devices === 1 ? '' : 's'} of this vendor in the inventory.`,
        margin: [0, 0, 0, 2],
      },
      legend(
        'Devices per check. Open: failing the check, a finding to act on. Accepted: failing, with the risk accepted. ' +
          'Pass: meets the check. Unknown: the inventory lacks what the check needs.',
      ),
    ],
    headers: ['Check', 'Open', 'Accepted', 'Pass', 'Unknown'],
    rows: DEVICE_CHECKS.map((c) => [
      DEVICE_CHECK_INFO[c].label,
      String(posture[c].fail),
      String(posture[c].accepted),
      String(posture[c].pass),
      String(posture[c].unknown),
    ]),
    widths: ['*', 45, 55, 45, 55],
  });
}

function evidencePart(d: VendorReportData): Content {
  return titledTable({
    title: 'Evidence',
    headers: ['File', 'Type', 'Period', 'Expires', 'SHA-256'],
    rows: d.evidence.map((e) => [
      e.fileName,
      EVIDENCE_KIND_LABELS[e.kind],
      e.periodStart || e.periodEnd ? `${e.periodStart ?? '…'} – ${e.periodEnd ?? '…'}` : '—',
      e.expiresAt ?? '—',
      { text: e.sha256, style: 'mono' },
    ]),
    widths: [95, 75, 70, 60, '*'],
    empty: 'No evidence attached.',
  });
}

function appendixPart(d: VendorReportData): Content[] {
  const { sections, shown, total } = d.appendix;
  if (!total) return [{ text: 'No answers recorded yet.', style: 'muted' }];
  const out: Content[] = [];
  if (shown < total)
    out.push({
      text: `This appendix shows the first ${shown} of ${total} answers; every answer that raised a red flag is quoted under Red flags.`,
      style: 'note',
      margin: [0, 0, 0, 8],
    });
  for (const s of sections) {
    out.push(
      titledTable({
        title: `${s.questionnaire} — ${s.title}`,
        level: 'h3',
        headers: ['Question', 'Answer', 'Note'],
        rows: s.rows.map((r) => [r.question, r.answer, r.note || '—']),
        widths: ['*', 120, 130],
      }),
    );
  }
  return out;
}
