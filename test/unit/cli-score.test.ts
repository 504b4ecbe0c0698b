import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addMonths } from '../../electron/domain/scoring';
import { openApp, runCli, vendorInput } from './helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const EXAMPLE = readFileSync(join(__dirname, '../fixtures/questionnaire-example.json'), 'utf8');
const VENDOR = 'Robo Lift GmbH';

/** Runs the CLI in-process on a data folder (on the team suite, its team database), capturing what it prints. */
const cli = (dataDir: string, args: string[]): Promise<Run> =>
  runCli(dataDir, args, { VENDOR_RISK_USER: 'Test Runner' });

/** Asserts a failed run: the exit code, exactly one `vendor-risk:` line on stderr, nothing on stdout. */
function expectError(run: Run, code: number, message: string): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^vendor-risk: .*\n$/);
  expect(run.stderr).toContain(message);
}

/**
 * 20 yes/no controls of weight 1. c01 "no" is a knockout; c02–c12 are answered "partial",
 * c13–c19 "yes", and c20 is refused: (0 + 11 × 50 + 7 × 100 + 0) / 20 = 62.5.
 */
const CONTROLS = JSON.stringify({
  format: 'vendor-risk-questionnaire/1',
  id: 'cli-controls',
  version: '1.0.0',
  title: 'Twenty controls',
  sections: [
    {
      id: 'controls',
      title: 'Controls',
      questions: Array.from({ length: 20 }, (_x, i) => {
        const id = `c${String(i + 1).padStart(2, '0')}`;
        return {
          id,
          text: `Is control ${i + 1} in place?`,
          type: 'yes-no',
          ...(i === 0
            ? {
                redFlags: [
                  {
                    id: 'no_breach_notice',
                    when: { question: id, is: 'no' },
                    severity: 'critical',
                    knockout: true,
                    message: 'No breach-notification commitment.',
                  },
                ],
              }
            : {}),
        };
      }),
    },
  ],
});
const controlAnswers = Array.from({ length: 20 }, (_x, i) => ({
  questionnaireId: 'cli-controls',
  questionId: `c${String(i + 1).padStart(2, '0')}`,
  answer:
    i === 19
      ? ({ status: 'refused' } as const)
      : { status: 'answered' as const, value: i === 0 ? 'no' : i < 12 ? 'partial' : 'yes' },
}));

/** A data folder with a vendor assessed (and submitted) on 15 January 2020, through the dispatcher. */
async function assessedLongAgo() {
  const app = openApp({ now: () => new Date('2020-01-15T10:00:00Z') });
  const vendor = app.services.vendors.create(
    vendorInput({ name: VENDOR, category: '3pl', dataTouched: ['supplier-pricing'], criticality: 'medium' }),
  );
  const imported = await app.dispatcher.call('questionnaires.import', { content: CONTROLS });
  expect(imported.ok).toBe(true);
  const started = await app.dispatcher.call('assessments.start', {
    vendorId: vendor.id,
    questionnaireIds: ['cli-controls'],
  });
  if (!started.ok) throw new Error(started.error.message);
  const answered = await app.dispatcher.call('assessments.answerMany', {
    id: started.value.id,
    answers: controlAnswers,
  });
  expect(answered.ok).toBe(true);
  const submitted = await app.dispatcher.call('assessments.setStatus', {
    id: started.value.id,
    status: 'submitted',
  });
  expect(submitted.ok).toBe(true);
  return { ...app, vendor, assessmentId: started.value.id };
}

type ScoreJson = {
  vendorId: string;
  score: number | null;
  tier: string | null;
  provisional: boolean;
  provisionalBelow: number;
  cappedByKnockout: boolean;
  overdue: boolean;
  nextReassessment: string | null;
  contributions: { questionId: string; contribution: number; lost: number; reason?: string }[];
  flags: { ruleId: string; knockout: boolean }[];
};

describe('vendor-risk score', () => {
  it('prints score, tier raised by a knockout, completeness, risk, OVERDUE, flags first, then the explanation', async () => {
    const { dataDir, vendor } = await assessedLongAgo();
    const run = await cli(dataDir, ['score', VENDOR]);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    const out = run.stdout;
    expect(out).toContain(`Vendor:            ${VENDOR} (${vendor.id})\n`);
    expect(out).toContain(`Assessment:        ${VENDOR} — 2020-01-15 (submitted)\n`);
    expect(out).toContain('Score:             62.5 / 100 (higher is better)\n');
    // Inherent 60.5 × (1 − 0.8 × 0.625) = 30.3: medium by the thresholds, high by the knockout.
    expect(out).toContain('Tier:              high (raised by a knockout)\n');
    expect(out).toContain('Completeness:      20 of 20 applicable questions answered (100%)\n');
    expect(out).toContain('Inherent risk:     60.5 (data 70, criticality 50, access 60)\n');
    expect(out).toContain('Residual risk:     30.3 (higher is worse)\n');
    expect(out).toContain('Last assessed:     2020-01-15\n');
    expect(out).toContain('Next reassessment: 2021-01-15 (OVERDUE)\n');
    expect(out).toMatch(
      /Red flags: 1, knockouts: 1\nSEVERITY +KO +QUESTION +REASON +MESSAGE\ncritical +KO +cli-controls\/c01 +rule +No breach-notification commitment\.\n/,
    );
    expect(out).toMatch(
      /Domains:\nQUESTIONNAIRE +DOMAIN +SCORE +ANSWERED\ncli-controls +Controls +62\.5 +20\/20\n/,
    );
    expect(out.indexOf('Red flags:')).toBeLessThan(out.indexOf('Domains:'));
    expect(out.indexOf('Domains:')).toBeLessThan(out.indexOf('Explanation:'));

    const explanation = out.slice(out.indexOf('Explanation:')).trimEnd().split('\n');
    expect(explanation[0]).toBe(
      'Explanation: the contributions of 20 scored answers add up to 62.5. The answers that cost the most points:',
    );
    expect(explanation[1]).toMatch(/^QUESTION +ANSWER +LOST +REASON$/);
    const rows = explanation.slice(2, -1);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(/^c01: Is control 1 in place\? +No +5\.0$/);
    expect(rows[1]).toMatch(
      /^c20: Is control 20 in place\? +Refused +5\.0 +the vendor refused or could not answer$/,
    );
    expect(rows.slice(2).every((r) => / Partly +2\.5$/.test(r))).toBe(true);
    expect(explanation.at(-1)).toBe('… and 3 more that cost points (all are in --json)');
  });

  it('--json prints the scores.vendor value, with every contribution', async () => {
    const { dataDir, vendor } = await assessedLongAgo();
    const run = await cli(dataDir, ['score', vendor.id, '--json']);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    const s = JSON.parse(run.stdout) as ScoreJson;
    expect(s).toMatchObject({
      vendorId: vendor.id,
      score: 62.5,
      tier: 'high',
      cappedByKnockout: true,
      nextReassessment: '2021-01-15',
      overdue: true,
      flags: [{ ruleId: 'no_breach_notice', knockout: true }],
    });
    expect(s.contributions).toHaveLength(20);
    expect(s.contributions.reduce((n, c) => n + Math.round(c.contribution * 10), 0)).toBe(625);
    expect(s.contributions.filter((c) => c.lost > 0)).toHaveLength(13);
  });

  it('says "not assessed", and dates a submission today', async () => {
    const { dataDir, dispatcher } = openApp();
    const vendor = await dispatcher.call(
      'vendors.create',
      vendorInput({
        name: VENDOR,
        category: 'robotics-iot',
        dataTouched: ['operational-telemetry'],
        criticality: 'critical',
      }),
    );
    if (!vendor.ok) throw new Error(vendor.error.message);

    const none = await cli(dataDir, ['score', 'robo lift gmbh']);
    expect(none, none.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(none.stdout).toContain('Score:             not assessed\n');
    // No score: no tier either (it used to print the inherent risk's, "critical", as if it were one).
    expect(none.stdout).toContain('Tier:              none (not assessed; no scored answer yet)\n');
    expect(none.stdout).toContain('Completeness:      0 of 0 applicable questions answered (0%)\n');
    expect(none.stdout).toContain('Next reassessment: —\n');
    expect(none.stdout).toContain('Explanation: nothing scored yet.');
    expect(JSON.parse((await cli(dataDir, ['score', VENDOR, '--json'])).stdout)).toMatchObject({
      score: null,
      assessment: null,
    });

    // Worked example 4 of docs/scoring.md, but with no evidence attached.
    expect((await dispatcher.call('questionnaires.import', { content: EXAMPLE })).ok).toBe(true);
    const started = await dispatcher.call('assessments.start', {
      vendorId: vendor.value.id,
      questionnaireIds: ['example-firmware'],
    });
    if (!started.ok) throw new Error(started.error.message);
    const a = (questionId: string, value: string | number | string[]) => ({
      questionnaireId: 'example-firmware',
      questionId,
      answer: { status: 'answered' as const, value },
    });
    await dispatcher.call('assessments.answerMany', {
      id: started.value.id,
      answers: [
        a('fw_signed', 'yes'),
        a('fw_key_storage', 'kms'),
        a('fw_patch_days', 21),
        a('fw_statement', []),
      ],
    });
    const inProgress = await cli(dataDir, ['score', VENDOR]);
    expect(inProgress.stdout).toContain('Score:             73.3 / 100 (higher is better)\n');
    expect(inProgress.stdout).toContain('Next reassessment: — (set when the assessment is submitted)\n');
    expect(inProgress.stdout).toMatch(
      /fw_statement: Attach the firmware-signing statement\. +No evidence +16\.7 +no evidence attached\n/,
    );

    expect(
      (await dispatcher.call('assessments.setStatus', { id: started.value.id, status: 'submitted' })).ok,
    ).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const submitted = await cli(dataDir, ['score', VENDOR]);
    // Residual 75 × (1 − 0.8 × 0.733) = 31.0: medium, reassessed in 24 months.
    expect(submitted.stdout).toContain('Tier:              medium\n');
    expect(submitted.stdout).toContain(`Next reassessment: ${addMonths(today, 24)}\n`);
  });

  it('says a score on too few answers is provisional, in text and --json, and sets no tier', async () => {
    const { dataDir, dispatcher } = openApp();
    const vendor = await dispatcher.call(
      'vendors.create',
      vendorInput({ name: VENDOR, category: 'robotics-iot', criticality: 'critical' }),
    );
    if (!vendor.ok) throw new Error(vendor.error.message);
    expect((await dispatcher.call('questionnaires.import', { content: CONTROLS })).ok).toBe(true);
    const started = await dispatcher.call('assessments.start', {
      vendorId: vendor.value.id,
      questionnaireIds: ['cli-controls'],
    });
    if (!started.ok) throw new Error(started.error.message);
    // 11 of 20 answered "yes" (55 %, under the 60 % default): a score of 100, but provisional.
    await dispatcher.call('assessments.answerMany', {
      id: started.value.id,
      answers: controlAnswers
        .slice(1, 12)
        .map((a) => ({ ...a, answer: { status: 'answered', value: 'yes' } })),
    });
    const text = await cli(dataDir, ['score', VENDOR]);
    expect(text.stdout).toContain(
      'Score:             100.0 / 100 (higher is better) — PROVISIONAL: 55% answered, needs 60%\n',
    );
    expect(text.stdout).toContain('Tier:              none yet (score provisional)\n');
    const json = JSON.parse((await cli(dataDir, ['score', VENDOR, '--json'])).stdout) as ScoreJson;
    expect(json).toMatchObject({ score: 100, provisional: true, provisionalBelow: 0.6, tier: null });
    const list = JSON.parse((await cli(dataDir, ['vendors', 'list', '--json'])).stdout) as {
      items: { name: string; standing: { tier: string; provisional: boolean; score: number } }[];
    };
    expect(list.items[0]!.standing).toMatchObject({ tier: 'unassessed', provisional: true, score: 100 });
    expect((await cli(dataDir, ['vendors', 'list'])).stdout).toMatch(/unassessed +100\.0 \(provisional\)/);

    // One more answer makes 60 %: exactly at the threshold the score stands and sets the tier.
    await dispatcher.call('assessments.answer', {
      id: started.value.id,
      answer: { ...controlAnswers[12]!, answer: { status: 'answered', value: 'yes' } },
    });
    const final = JSON.parse((await cli(dataDir, ['score', VENDOR, '--json'])).stdout) as ScoreJson;
    expect(final).toMatchObject({ score: 100, provisional: false, tier: 'low' });
    const listed = JSON.parse((await cli(dataDir, ['vendors', 'list', '--json'])).stdout) as {
      items: { standing: { tier: string; provisional: boolean } }[];
    };
    expect(listed.items[0]!.standing).toMatchObject({ tier: 'low', provisional: false });
  });

  it('fails with exit 2 for an unknown vendor and exit 1 without one', async () => {
    const { dataDir } = openApp();
    expectError(await cli(dataDir, ['score', 'Nobody Ltd']), 2, 'no vendor with id or name "Nobody Ltd"');
    expectError(await cli(dataDir, ['score', 'Nobody Ltd', '--json']), 2, 'no vendor with id or name');
    expectError(await cli(dataDir, ['score']), 1, 'missing VENDOR');
    expectError(await cli(dataDir, ['score', 'a', 'b']), 1, "unexpected argument 'b'");
  });

  it('is listed in help', async () => {
    const { dataDir } = openApp();
    const run = await cli(dataDir, ['--help']);
    expect(run.stdout).toMatch(
      /\n {2}score +Show a vendor’s score, risk tier, red flags and what moved the score\n/,
    );
  });
});
