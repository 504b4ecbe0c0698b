/**
 * The vendor assessment report: cover, executive summary, red flags, domain scores,
 * contract clauses, device findings, evidence, and every answer in an appendix.
 */
import { domainScoreChart } from '../domain/charts';
import { CATEGORY_LABELS, CRITICALITY_LABELS, DATA_KIND_LABELS, STATUS_LABELS } from '../domain/vendor';
import { TIER_LABELS } from '../domain/risk';
import { DECISION_LABELS } from '../domain/decision';
import { CLAUSE_STATUS_LABELS, CLAUSE_QUESTIONNAIRE_ID } from '../domain/clauses';
import { DEVICE_CHECK_INFO, DEVICE_CHECKS, DEVICE_QUESTIONNAIRE_ID } from '../domain/device-checks';
import { EVIDENCE_KIND_LABELS } from '../domain/questionnaire';
import { isAssessed } from '../domain/portfolio';
import type { VendorReportData } from './model';
import {
  chart,
  cover,
  dataTable,
  figures,
  heading,
  keyValues,
  pageFrame,
  TIER_COLOURS,
  type Content,
  type DocDefinition,
} from './layout';

const pct = (n: number) => `${Math.round(n * 100)}%`;
const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

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
          ['Assessment', d.assessment ? `${d.assessment.title} (${d.assessment.status})` : 'None yet'],
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
        { value: String(score.flags.length), label: `Red flags (${score.knockouts} knockout)` },
      ]),
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
      heading('Red flags'),
      flagsPart(d),
      heading('Scores by domain'),
      ...domainsPart(d),
      heading('Contract clauses'),
      ...clausesPart(d),
      heading('Device findings'),
      ...devicesPart(d),
      heading('Evidence'),
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
  const flags = [...d.score.flags].sort(
    (a, b) =>
      Number(b.knockout) - Number(a.knockout) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return dataTable(
    ['Severity', 'Red flag', 'Why'],
    flags.map((f) => [
      {
        text: `${f.severity}${f.knockout ? '\nKNOCKOUT' : ''}`,
        bold: f.knockout,
        color: TIER_COLOURS[f.severity],
      },
      f.message,
      flagSource(f),
    ]),
    [62, '*', 130],
  );
}

/** Where a flag comes from, in a few words. */
function flagSource(f: VendorReportData['score']['flags'][number]): string {
  if (f.questionnaireId === CLAUSE_QUESTIONNAIRE_ID) return 'Contract clause';
  if (f.questionnaireId === DEVICE_QUESTIONNAIRE_ID) return 'Device inventory';
  const where = f.questionId ?? f.questionnaireId;
  return f.reason === 'refused' ? `Refused: ${where}` : `Answer: ${where}`;
}

function domainsPart(d: VendorReportData): Content[] {
  const domains = d.score.domains.filter((x) => x.applicable > 0);
  if (!domains.length) return [{ text: 'Nothing scored yet.', style: 'muted' }];
  return [
    chart(domainScoreChart(domains, 499)),
    dataTable(
      ['Domain', 'Score', 'Answered'],
      domains.map((x) => [
        x.title,
        x.score === null ? '—' : x.score.toFixed(0),
        `${x.answered} of ${x.applicable}`,
      ]),
      ['*', 50, 70],
    ),
  ];
}

function clausesPart(d: VendorReportData): Content[] {
  if (!d.clauses) return [{ text: 'No contract clause recorded yet.', style: 'muted' }];
  const c = d.clauses;
  return [
    { text: c.signOff, margin: [0, 0, 0, 4] },
    dataTable(
      ['Clause', 'Status', 'Agreed value', 'Deviations and notes'],
      c.clauses.map((x) => [
        x.title,
        CLAUSE_STATUS_LABELS[x.status],
        x.value ?? '—',
        [...x.problems, ...(x.waiver ? [`Waived: ${x.waiver}`] : [])].join('\n') || '—',
      ]),
      [130, 62, 100, '*'],
    ),
  ];
}

function devicesPart(d: VendorReportData): Content[] {
  if (!d.devices) return [{ text: 'No device of this vendor is in the inventory.', style: 'muted' }];
  const { posture, devices } = d.devices;
  return [
    {
      text: `${devices} device${devices === 1 ? '' : 's'} of this vendor in the inventory.`,
      margin: [0, 0, 0, 4],
    },
    dataTable(
      ['Check', 'Open', 'Accepted', 'Pass', 'Unknown'],
      DEVICE_CHECKS.map((c) => [
        DEVICE_CHECK_INFO[c].label,
        String(posture[c].fail),
        String(posture[c].accepted),
        String(posture[c].pass),
        String(posture[c].unknown),
      ]),
      ['*', 45, 55, 45, 55],
    ),
  ];
}

function evidencePart(d: VendorReportData): Content {
  return dataTable(
    ['File', 'Type', 'Period', 'Expires', 'SHA-256'],
    d.evidence.map((e) => [
      e.fileName,
      EVIDENCE_KIND_LABELS[e.kind],
      e.periodStart || e.periodEnd ? `${e.periodStart ?? '…'} – ${e.periodEnd ?? '…'}` : '—',
      e.expiresAt ?? '—',
      { text: e.sha256, style: 'mono' },
    ]),
    [95, 75, 70, 60, '*'],
  );
}

function appendixPart(d: VendorReportData): Content[] {
  const { sections, shown, total } = d.appendix;
  if (!total) return [{ text: 'No answers recorded yet.', style: 'muted' }];
  const out: Content[] = [];
  if (shown < total)
    out.push({
      text: `This appendix shows the first ${shown} of ${total} answers; the rest are in the app and in its JSON export.`,
      style: 'note',
      margin: [0, 0, 0, 8],
    });
  for (const s of sections) {
    out.push({ text: `${s.questionnaire} — ${s.title}`, style: 'h3' });
    out.push(
      dataTable(
        ['Question', 'Answer', 'Note'],
        s.rows.map((r) => [r.question, r.answer, r.note || '—']),
        ['*', 120, 130],
      ),
    );
  }
  return out;
}
