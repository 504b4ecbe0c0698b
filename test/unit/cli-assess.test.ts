import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../package.json';
import { main } from '../../electron/cli';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const EXAMPLE = join(__dirname, '../fixtures/questionnaire-example.json');
const VSAQ_TEMPLATE = '/work/shared/examples/vsaq/test_template.json';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vendor-risk-cli-assess-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process on this test's data folder, capturing what it prints. */
async function cli(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--data-dir', join(dir, 'data'), ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { VENDOR_RISK_USER: 'Test Runner' },
  });
  return { code, stdout, stderr };
}

async function json<T = unknown>(args: string[]): Promise<T> {
  const run = await cli([...args, '--json']);
  expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
}

/** Asserts a failed run: the exit code, exactly one `vendor-risk:` line on stderr, nothing on stdout. */
function expectError(run: Run, code: number, message: string | RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr.startsWith('vendor-risk: ')).toBe(true);
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
}

/** Writes a file in the test's folder and returns its path. */
function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

type QuestionnaireJson = {
  version: string;
  sections: { questions: { id: string; showIf?: unknown }[] }[];
};
const example = (): QuestionnaireJson => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as QuestionnaireJson;

type Flag = { ruleId: string; questionId: string | null; knockout: boolean; reason: string };
type Detail = {
  assessment: { id: string; status: string; vendorId: string | null };
  answers: { questionId: string; answer: unknown; note: string; followUp: boolean; source: string }[];
  state: { answered: number; applicable: number; flags: Flag[] };
};

const VENDOR = 'Robo Lift GmbH';

/** A vendor and an assessment of it with the example questionnaire; returns the assessment id. */
async function startExample(): Promise<string> {
  expect((await cli(['questionnaires', 'import', EXAMPLE])).code).toBe(0);
  expect((await cli(['vendors', 'add', '--name', VENDOR, '--category', 'robotics-iot'])).code).toBe(0);
  const run = await cli(['assess', 'start', VENDOR, '--questionnaire', 'example-firmware']);
  expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
  const id =
    /^Started assessment ([0-9a-f-]{36}) of Robo Lift GmbH with Firmware signing \(example\)\n$/.exec(
      run.stdout,
    )?.[1];
  expect(id).toBeDefined();
  return id ?? '';
}

const GOOD_ANSWERS = {
  questionnaire: 'example-firmware',
  answers: [
    { question: 'fw_signed', answer: { status: 'refused' } },
    { question: 'fw_patch_days', answer: 21, note: 'Promised 14 from Q3', followUp: true },
    { questionnaire: 'example-firmware', question: 'fw_statement', answer: { status: 'not-applicable' } },
  ],
};

describe('vendor-risk questionnaires', () => {
  it('lists the built-in questionnaires as a table and as JSON', async () => {
    const items = await json<{ id: string; source: string; questions: number }[]>(['questionnaires', 'list']);
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.every((q) => q.source === 'builtin' && q.questions > 0)).toBe(true);
    const text = await cli(['questionnaires', 'list']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+VERSION\s+TITLE\s+AUDIENCE\s+QUESTIONS\s+SOURCE$/);
    expect(lines.at(-1)).toBe(`${items.length} questionnaires`);
  });

  it('shows a questionnaire with numbered questions and marked knockouts', async () => {
    await cli(['questionnaires', 'import', EXAMPLE]);
    const run = await cli(['questionnaires', 'show', 'example-firmware']);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Title:       Firmware signing (example)\n');
    expect(run.stdout).toContain('Version:     1.0.0\n');
    expect(run.stdout).toContain('1. Signing (signing)\n');
    expect(run.stdout).toContain(
      '   1.1  fw_signed (yes-no, required) Is every firmware image cryptographically signed before release?  [flag: critical KO]\n',
    );
    expect(run.stdout).toContain(
      '   1.2  fw_key_storage (single-choice, conditional) Where is the signing key kept?\n',
    );
    expect(run.stdout).toContain('   1.3  fw_patch_days (number) How many days');
    const q = await json<{ id: string; version: string }>([
      'questionnaires',
      'show',
      'example-firmware',
      '--version',
      '1.0.0',
    ]);
    expect(q).toMatchObject({ id: 'example-firmware', version: '1.0.0' });
    expectError(await cli(['questionnaires', 'show', 'nope']), 2, 'No questionnaire nope');
    expectError(await cli(['questionnaires', 'show', 'example-firmware', '--version', '9.9.9']), 2, '9.9.9');
    // The global --version still works without a command.
    expect(await cli(['--version', '--json'])).toEqual({
      code: 0,
      stdout: `${JSON.stringify({ version })}\n`,
      stderr: '',
    });
  });

  it('validates a good file and reports every problem of a broken one on one line', async () => {
    const good = await cli(['questionnaires', 'validate', EXAMPLE]);
    expect(good).toEqual({
      code: 0,
      stdout: 'valid: Firmware signing (example) 1.0.0 — 1 sections, 4 questions\n',
      stderr: '',
    });
    expect(await json(['questionnaires', 'list'])).not.toContainEqual(
      expect.objectContaining({ id: 'example-firmware' }),
    );

    const broken = example();
    broken.version = '1';
    const q = broken.sections[0]!.questions[1]!;
    q.showIf = { question: 'fw_missing', is: 'yes' };
    const file = write('broken.json', broken);
    for (const extra of [[], ['--json']]) {
      expectError(
        await cli(['questionnaires', 'validate', file, ...extra]),
        2,
        /^vendor-risk: invalid questionnaire: .*broken\.json: version: .+$/m,
      );
    }
    broken.version = '1.0.0';
    expectError(
      await cli(['questionnaires', 'validate', write('broken2.json', broken)]),
      2,
      'broken2.json: sections.0.questions.1.showIf: Refers to unknown question "fw_missing"',
    );
    expectError(await cli(['questionnaires', 'validate', write('x.json', '{ nope')]), 2, 'x.json: Not JSON');
    expectError(
      await cli(['questionnaires', 'validate', join(dir, 'missing.json')]),
      2,
      'cannot read questionnaire file',
    );
    expectError(
      await cli(['questionnaires', 'validate', EXAMPLE, '--format', 'xml']),
      2,
      'invalid input: format:',
    );
  });

  it('imports, upgrades, keeps the same file unchanged and refuses an older version', async () => {
    expect(await cli(['questionnaires', 'import', EXAMPLE])).toEqual({
      code: 0,
      stdout: 'Imported Firmware signing (example) 1.0.0\n',
      stderr: '',
    });
    const newer = example();
    newer.version = '1.1.0';
    const file = write('newer.json', newer);
    expect((await cli(['questionnaires', 'import', file])).stdout).toBe(
      'Upgraded Firmware signing (example) from 1.0.0 to 1.1.0\n',
    );
    expect((await cli(['questionnaires', 'import', file])).stdout).toBe(
      'Firmware signing (example) 1.1.0 is already installed (unchanged)\n',
    );
    expect(await json(['questionnaires', 'import', file])).toMatchObject({
      unchanged: true,
      upgradedFrom: null,
    });
    expectError(await cli(['questionnaires', 'import', EXAMPLE]), 2, 'A newer version (1.1.0)');
    const listed = await json<{ id: string; version: string; source: string }[]>(['questionnaires', 'list']);
    expect(listed).toContainEqual(expect.objectContaining({ id: 'example-firmware', version: '1.1.0' }));
  });

  it('validates a VSAQ template', async () => {
    const run = await cli([
      'questionnaires',
      'validate',
      VSAQ_TEMPLATE,
      '--format',
      'vsaq',
      '--id',
      'vsaq-test',
    ]);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^valid: .+ — \d+ sections, \d+ questions\n/);
    expect(run.stdout).toMatch(/^imported from VSAQ: \d+ sections, \d+ questions .*red-flag rules/m);
    expect(run.stdout).toMatch(/^renamed ids: /m);
    expect(run.stdout).toMatch(/^unmapped items: /m);
    expect(await json(['questionnaires', 'list'])).not.toContainEqual(
      expect.objectContaining({ id: 'vsaq-test' }),
    );
    // Without --format vsaq it says what the file is and what to give.
    for (const file of [VSAQ_TEMPLATE, '/work/shared/examples/vsaq/webapp.json'])
      expectError(
        await cli(['questionnaires', 'validate', file]),
        2,
        'this looks like a Google VSAQ template: import it as VSAQ, --format vsaq',
      );
  });
});

describe('vendor-risk assess', () => {
  it('starts an assessment, saves answers from a file and shows the knockout flag', async () => {
    const id = await startExample();
    const answers = write('answers.json', GOOD_ANSWERS);
    const run = await cli(['assess', 'answer', id, '--file', answers]);
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /^Saved 3 answers; \d+ of \d+ applicable questions answered; 1 red flags \(1 knockouts\)\n$/,
    );

    const detail = await json<Detail>(['assess', 'show', id]);
    expect(detail.state.flags).toContainEqual(
      expect.objectContaining({
        ruleId: 'fw_unsigned',
        questionId: 'fw_signed',
        knockout: true,
        reason: 'refused',
      }),
    );
    expect(detail.answers).toContainEqual(
      expect.objectContaining({
        questionId: 'fw_patch_days',
        answer: { status: 'answered', value: 21 },
        note: 'Promised 14 from Q3',
        followUp: true,
        source: 'cli:answers.json',
      }),
    );

    const text = await cli(['assess', 'show', id]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Status:         in-progress\n');
    expect(text.stdout).toContain('Firmware signing (example) 1.0.0 (example-firmware)');
    expect(text.stdout).toMatch(/example-firmware\s+Signing\s+\d+\/\d+\n/);
    expect(text.stdout).toContain('Red flags: 1, knockouts: 1\n');
    expect(text.stdout).toMatch(
      /critical\s+KO\s+example-firmware\/fw_signed\s+refused\s+Firmware is not signed/,
    );
    expect(text.stdout).toMatch(
      /Follow-ups \(1\):\nQUESTION\s+NOTE\nexample-firmware\/fw_patch_days\s+Promised 14/,
    );

    const listed = await cli(['assess', 'list', VENDOR]);
    expect(listed.stdout).toMatch(/^ID\s+TITLE\s+STATUS\s+QUESTIONNAIRES\s+UPDATED\n/);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('example-firmware@1.0.0');
    expect((await json<unknown[]>(['assess', 'list'])).length).toBe(1);
    expect(await json(['assess', 'list', '--self'])).toEqual([]);

    const submitted = await cli(['assess', 'status', id, 'submitted']);
    expect(submitted.stdout).toMatch(/is now submitted\n$/);
    expect((await json<Detail>(['assess', 'show', id])).assessment.status).toBe('submitted');
    expectError(await cli(['assess', 'status', id, 'done']), 2, 'invalid input: status');
    await cli(['assess', 'status', id, 'closed']);
    expectError(await cli(['assess', 'answer', id, '--file', answers]), 2, 'closed');
  });

  it('reviews what is left before submitting, as text and JSON', async () => {
    const id = await startExample();
    const before = await cli(['assess', 'review', id]);
    expect(before, before.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(
      /^Unanswered required questions \(1\):\nQUESTION\s+TEXT\nexample-firmware\/fw_signed\s+Is every firmware image/,
    );
    expect(before.stdout).toContain('Evidence missing (1):');
    expect(before.stdout).toMatch(
      /example-firmware\/fw_statement\s+Attach the firmware-signing statement\.\s+No file attached/,
    );
    expect(before.stdout).toMatch(/Not ready to submit: answer the 1 required question first\.\n$/);

    await cli(['assess', 'answer', id, '--file', write('answers.json', GOOD_ANSWERS)]);
    const review = await json<{ knockouts: number; knockoutTier: string; unansweredRequired: unknown[] }>([
      'assess',
      'review',
      id,
    ]);
    expect(review).toMatchObject({ knockouts: 1, knockoutTier: 'high', unansweredRequired: [] });
    const after = await cli(['assess', 'review', id]);
    expect(after.stdout).toContain('Red flags (1, knockouts: 1; the tier is at least high):');
    expect(after.stdout).toMatch(/critical\s+KO\s+example-firmware\/fw_signed\s+Firmware is not signed/);
    expect(after.stdout).toMatch(/Ready to submit: vendor-risk assess status ASSESSMENT submitted\n$/);
    expectError(await cli(['assess', 'review']), 1, 'ASSESSMENT');
  });

  it('refuses a bad answer file as a whole, naming the entry', async () => {
    const id = await startExample();
    await cli(['assess', 'answer', id, '--file', write('answers.json', GOOD_ANSWERS)]);
    const before = await json<Detail>(['assess', 'show', id]);

    const unknownQuestion = write('unknown.json', {
      questionnaire: 'example-firmware',
      answers: [
        { question: 'fw_patch_days', answer: 3 },
        { question: 'nope', answer: 'yes' },
      ],
    });
    expectError(
      await cli(['assess', 'answer', id, '--file', unknownQuestion]),
      2,
      'invalid answer file: ' +
        unknownQuestion +
        ': answers.1.question: example-firmware has no question "nope"',
    );
    const wrongType = write('wrong.json', {
      answers: [
        { questionnaire: 'example-firmware', question: 'fw_statement', answer: { status: 'refused' } },
        { questionnaire: 'example-firmware', question: 'fw_patch_days', answer: 'soon' },
      ],
    });
    expectError(
      await cli(['assess', 'answer', id, '--file', wrongType]),
      2,
      'answers.1.answer: fw_patch_days: Enter a number',
    );
    // Every value that does not fit is named, not the first only.
    const twoWrong = write('two-wrong.json', {
      questionnaire: 'example-firmware',
      answers: [
        { question: 'fw_patch_days', answer: 'soon' },
        { question: 'fw_signed', answer: 'maybe' },
      ],
    });
    expectError(
      await cli(['assess', 'answer', id, '--file', twoWrong]),
      2,
      /answers\.0\.answer: fw_patch_days: Enter a number; answers\.1\.answer: fw_signed: Answer one of: /,
    );
    const malformed: [unknown, string][] = [
      [{ answers: [{ question: 'fw_signed', answer: 'no' }] }, 'answers.0.questionnaire: missing'],
      [
        { questionnaire: 'example-firmware', answers: [{ question: 'fw_signed', answer: true }] },
        'answers.0.answer: expected',
      ],
      [
        { questionnaire: 'example-firmware', answers: [{ question: 'fw_signed', anwser: 'no' }] },
        'answers.0: unknown field "anwser"',
      ],
      [
        { questionnaire: 'example-firmware', answers: [{ question: 'fw_signed', note: 7 }] },
        'answers.0.note:',
      ],
      [{ questionnaire: 'example-firmware', answers: [] }, 'answers: the list is empty'],
      ['[1, 2', 'not JSON'],
    ];
    for (const [content, message] of malformed) {
      expectError(await cli(['assess', 'answer', id, '--file', write('bad.json', content)]), 2, message);
    }
    expectError(
      await cli(['assess', 'answer', id, '--file', join(dir, 'none.json')]),
      2,
      'cannot read answer file',
    );

    const after = await json<Detail>(['assess', 'show', id]);
    expect(after.state.answered).toBe(before.state.answered);
    expect(after.answers).toEqual(before.answers);
  });

  it('checks VENDOR, --self and the required flags', async () => {
    expectError(await cli(['assess', 'start', '--questionnaire', 'x']), 1, 'missing VENDOR');
    expectError(await cli(['assess', 'start', 'A', '--self', '--questionnaire', 'x']), 1, 'not both');
    expectError(await cli(['assess', 'answer', '0b7c52d4-5f0e-4c53-9a51-2f1f3c1d9e77']), 1, 'missing --file');
    expectError(
      await cli(['assess', 'start', 'Nobody', '--questionnaire', 'x']),
      2,
      'no vendor with id or name',
    );
    expectError(await cli(['assess', 'show', 'nope']), 2, 'invalid input: assessment: Not an assessment id');
    await cli(['questionnaires', 'import', EXAMPLE]);
    expectError(
      await cli(['assess', 'start', '--self', '--questionnaire', 'example-firmware']),
      2,
      'a self-assessment needs a self-assessment questionnaire',
    );
    await cli(['vendors', 'add', '--name', VENDOR, '--category', 'robotics-iot']);
    // A missing required flag is a usage error (exit 1), as for every command.
    expectError(await cli(['assess', 'start', VENDOR]), 1, 'missing --questionnaire ID');
    const help = await cli(['assess', 'start', '--help']);
    expect(help.stdout).toMatch(/^Usage: vendor-risk assess start \[VENDOR\] \[options\]/);
  });
});
