/** Where the CLI writes and what it reads from its environment; tests pass their own. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress is drawn only then); false when not given. */
  stderrIsTTY?: boolean;
  /** Asks for a secret without echoing it (only on a terminal); absent when there is no one to ask. */
  askSecret?(question: string): Promise<string>;
}

let pipeGuardInstalled = false;

/** The process's own streams and environment. */
export function processIo(): CliIo {
  if (!pipeGuardInstalled) {
    pipeGuardInstalled = true;
    // `vendor-risk vendors list | head -1` closes the pipe early: that is not an error
    // worth a stack trace, so a closed stdout or stderr is ignored. Output that cannot be
    // written otherwise (a full disk) ends the command with one line and exit code 2.
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') return;
        if (stream === process.stdout)
          process.stderr.write(`vendor-risk: the output could not be written: ${error.message}\n`);
        process.exit(2);
      });
    }
  }
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    // stderr first: reading process.stdin opens it, which a piped run (most of them) never needs.
    askSecret: process.stderr.isTTY && process.stdin.isTTY ? askSecret : undefined,
  };
}

/** Reads a line from the terminal without showing it (the passphrase prompt). */
function askSecret(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let answer = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    stdin.on('data', onData);
  });
}
