/** Where the CLI writes and what it reads from its environment; tests pass their own. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress is drawn only then); false when not given. */
  stderrIsTTY?: boolean;
}

let pipeGuardInstalled = false;

/** The process's own streams and environment. */
export function processIo(): CliIo {
  if (!pipeGuardInstalled) {
    pipeGuardInstalled = true;
    // `vendor-risk vendors list | head -1` closes the pipe early: that is not an error
    // worth a stack trace, so a closed stdout or stderr is ignored.
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
    }
  }
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}
