/**
 * The headless `vendor-risk` command: the same dispatcher and services as the app, over
 * the same data folder, as the local sender. bin/vendor-risk.cjs runs the built file.
 * It never imports electron: preferences are read with conf, as the app's data host reads them.
 */
import { version } from '../package.json';
import { resolveDataDir } from './storage/data-dir';
import { parseInvocation } from './cli/args';
import { COMMANDS } from './cli/commands';
import { defaultDataDir } from './cli/data-dir';
import { helpHint, helpText } from './cli/help';
import { processIo, type CliIo } from './cli/io';
import { writeJson } from './cli/json-out';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, failure, oneLine, usageError, type Outcome } from './cli/outcome';
import { createProgressLine } from './cli/progress';
import { passphraseFor } from './cli/passphrase';
import { openSession, type Session } from './cli/session';
import { DATABASE_URL_ENV, withAskedPassword } from './cli/team-commands';
import type { CommandSpec, Flags } from './cli/spec';
import type { GlobalFlags } from './cli/args';

export type { CliIo } from './cli/io';

/** Who is recorded in the audit trail when --user is not given. */
export const USER_ENV = 'VENDOR_RISK_USER';

/**
 * Runs `vendor-risk` with the given arguments (without node and the script) and
 * returns the exit code: 0 done, 1 usage error, 2 failure. Never throws; an error is
 * one `vendor-risk: …` line on stderr and nothing on stdout (a check that failed, given
 * --json, also prints what it found there).
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const fail = (message: string, code: number): number => {
    io.stderr(`vendor-risk: ${oneLine(message)}\n`);
    return code;
  };
  try {
    const invocation = parseInvocation(argv, COMMANDS);
    switch (invocation.kind) {
      case 'help': {
        const text = helpText(invocation.topic, COMMANDS);
        if (text === undefined)
          return fail(`unknown command '${invocation.topic.join(' ')}' (${helpHint([])})`, EXIT_USAGE);
        io.stdout(`${text}\n`);
        return EXIT_OK;
      }
      case 'version':
        io.stdout(invocation.globals.json ? `${JSON.stringify({ version })}\n` : `${version}\n`);
        return EXIT_OK;
      case 'usage-error':
        return fail(`${invocation.message} (${helpHint(invocation.topic)})`, EXIT_USAGE);
      case 'run': {
        const outcome = await runCommand(
          invocation.command,
          invocation.args,
          invocation.flags,
          invocation.globals,
          io,
        );
        if (!outcome.ok) {
          // A check that failed gives its findings to --json (on stdout); the error line stays one line.
          if (invocation.globals.json && outcome.json !== undefined) writeJson(outcome.json, io.stdout);
          return fail(outcome.message, outcome.exitCode);
        }
        if (invocation.globals.json) writeJson(outcome.json, io.stdout);
        else io.stdout(`${outcome.text()}\n`);
        return EXIT_OK;
      }
    }
  } catch (error) {
    return fail(messageOf(error), EXIT_FAILED);
  }
}

/** Opens the data folder, runs one command and closes the folder again. */
async function runCommand(
  command: CommandSpec,
  args: string[],
  flags: Flags,
  globals: GlobalFlags,
  io: CliIo,
): Promise<Outcome> {
  if (command.standalone) {
    try {
      return await command.standalone({ io, args, flags });
    } catch (error) {
      return failure(messageOf(error));
    }
  }
  if (globals.dataDir !== undefined && !globals.dataDir.trim())
    return usageError('--data-dir needs a folder');
  const dataDir = resolveDataDir({
    flag: globals.dataDir,
    env: io.env,
    fallback: defaultDataDir(process.platform, io.env),
  });
  const actor = globals.user?.trim() || io.env[USER_ENV]?.trim() || undefined;
  // A team database's login is who acts; its URL is read only here (team commands read their own).
  const given = globals.database ?? (io.env[DATABASE_URL_ENV] || undefined);
  const database = given === undefined ? undefined : await withAskedPassword(given, io);
  const progress = createProgressLine(io);
  let session: Session;
  try {
    const passphrase = await passphraseFor(dataDir, io);
    session = await openSession({
      passphrase,
      dataDir,
      database,
      appVersion: version,
      actor,
      needsPreferences: Boolean(command.writes) && !actor,
      onProgress: progress.update,
      // Only while the database is silent: the line goes when it answers (or is given up).
      onTeamWaiting: ({ waiting }) =>
        waiting
          ? progress.note('The team database is not answering; waiting for it (up to a minute)…')
          : progress.clear(),
    });
  } catch (error) {
    return failure(messageOf(error));
  }
  try {
    return await command.run({ dispatcher: session.dispatcher, io, args, flags });
  } catch (error) {
    return failure(messageOf(error));
  } finally {
    progress.clear();
    session.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
