import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../../electron/cli/progress';
import type { CliIo } from '../../../electron/cli/io';

function io(stderrIsTTY: boolean): CliIo & { err: string } {
  const out = {
    err: '',
    stdout: () => {},
    stderr: (s: string) => void (out.err += s),
    env: {},
    stderrIsTTY,
  };
  return out;
}

describe('the progress line on stderr', () => {
  it('redraws one line in place on a terminal: progress, a note of what it waits for, and erased', () => {
    const terminal = io(true);
    const line = createProgressLine(terminal);
    line.update({ jobId: 'j', operation: 'demo.load', done: 1, total: 4, message: 'vendors' });
    line.note('The team database is not answering; waiting for it (up to a minute)…');
    line.clear();
    expect(terminal.err).toBe(
      '\r\x1b[2K[1/4] 25% vendors' +
        '\r\x1b[2KThe team database is not answering; waiting for it (up to a minute)…' +
        '\r\x1b[2K',
    );
    // Erased once: a second clear writes nothing.
    line.clear();
    expect(terminal.err.endsWith('…\r\x1b[2K')).toBe(true);
  });

  it('keeps a note to one line of 79 columns, without control characters', () => {
    const terminal = io(true);
    createProgressLine(terminal).note(`waiting\nfor ${'x'.repeat(200)}`);
    const shown = terminal.err.slice('\r\x1b[2K'.length);
    expect(shown).not.toMatch(/[\n\r]/);
    expect(shown.length).toBeLessThanOrEqual(79);
  });

  it('writes nothing when stderr is not a terminal (a script reads only the error line)', () => {
    const piped = io(false);
    const line = createProgressLine(piped);
    line.update({ jobId: 'j', operation: 'demo.load', done: 1, total: 4, message: 'vendors' });
    line.note('The team database is not answering');
    line.clear();
    expect(piped.err).toBe('');
  });
});
