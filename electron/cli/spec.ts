import type { Dispatcher } from '../ipc/dispatch';
import type { CliIo } from './io';
import type { Outcome } from './outcome';

/** One flag of a command, as parseArgs and the help text need it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be repeated, and each value may be a comma-separated list. */
  list?: boolean;
  short?: string;
  /** The value's name in help, e.g. DIR. */
  value?: string;
  description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The flags of one invocation, after parsing and splitting comma lists. */
export interface Flags {
  /** Whether the flag was given at all. */
  has(name: string): boolean;
  string(name: string): string | undefined;
  list(name: string): string[] | undefined;
  boolean(name: string): boolean;
}

/** What a command runs with: the dispatcher of the data folder, its arguments and flags. */
export interface CommandContext {
  dispatcher: Dispatcher;
  io: CliIo;
  args: readonly string[];
  flags: Flags;
}

/** What a command that opens no data folder runs with (the team database commands). */
export interface StandaloneContext {
  io: CliIo;
  args: readonly string[];
  flags: Flags;
}

/** A command: how it is called, its help, and what it does. */
export type CommandSpec = CommandInfo &
  (
    | { run(ctx: CommandContext): Promise<Outcome>; standalone?: undefined }
    | {
        run?: undefined;
        /** Runs without opening the data folder (no dispatcher). */
        standalone(ctx: StandaloneContext): Promise<Outcome>;
      }
  );

/** How a command is called and its help. */
interface CommandInfo {
  /** The words that select it, e.g. ['vendors', 'list']. */
  words: readonly string[];
  summary: string;
  description: string;
  /** Positional arguments, e.g. ['VENDOR']. */
  args: readonly string[];
  options: OptionSpecs;
  examples: readonly string[];
  /** Records audit entries, so it may need the assessor name from preferences. */
  writes?: boolean;
  /** Checks flag combinations before the data folder is opened (a usage error, exit 1). */
  check?(args: readonly string[], flags: Flags): string | undefined;
}

/** Flags every command takes. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  'data-dir': {
    type: 'string',
    value: 'DIR',
    description: 'Data folder (else $VENDOR_RISK_DATA_DIR, else the app’s own folder)',
  },
  database: {
    type: 'string',
    value: 'URL',
    description:
      'A team database, postgresql://USER@HOST/DATABASE (else $VENDOR_RISK_DATABASE_URL): the portfolio is there, read and written as that login',
  },
  json: { type: 'boolean', description: 'Print machine-readable JSON on stdout' },
  user: {
    type: 'string',
    value: 'NAME',
    description:
      'Who is recorded in the audit trail (else $VENDOR_RISK_USER, else the app’s assessor name, else the OS user)',
  },
  help: { type: 'boolean', short: 'h', description: 'Show help for the command' },
  version: { type: 'boolean', description: 'Print the version' },
};
