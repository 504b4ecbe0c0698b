import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { GLOBAL_OPTIONS, type CommandSpec, type Flags, type OptionSpecs } from './spec';

/** The global flags, read from any position on the command line. */
export interface GlobalFlags {
  dataDir?: string;
  /** A team database's URL: the portfolio is there, not in the data folder's file. */
  database?: string;
  json: boolean;
  user?: string;
}

/** What the command line asks for, or why it cannot be understood (a usage error). */
export type Invocation =
  | { kind: 'help'; topic: readonly string[] }
  | { kind: 'version'; globals: GlobalFlags }
  | { kind: 'run'; command: CommandSpec; args: string[]; flags: Flags; globals: GlobalFlags }
  | { kind: 'usage-error'; message: string; topic: readonly string[] };

type RawValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * Reads argv in two passes: a lenient one over every flag any command knows, to find
 * the command words wherever the flags are; then a strict one with only that command's
 * flags and the global ones.
 */
export function parseInvocation(argv: readonly string[], commands: readonly CommandSpec[]): Invocation {
  // Global flags keep their own type here, even where one command reuses a name
  // (`questionnaires show --version V`), so `vendor-risk --version --json` still works.
  const all: Record<string, OptionSpecs[string]> = {};
  for (const command of commands) Object.assign(all, command.options);
  Object.assign(all, GLOBAL_OPTIONS);
  const loose = parseArgs({
    args: [...argv],
    options: toParseArgs(all),
    strict: false,
    allowPositionals: true,
  });
  const words = loose.positionals;
  const looseValues = loose.values as RawValues;

  if (words[0] === 'help') return { kind: 'help', topic: words.slice(1) };
  const command = findCommand(words, commands);
  // Help only when asked by itself: the lenient pass reads "-search" as -s -e -a -r -c -h.
  const end = argv.indexOf('--');
  const asked = (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
  if (looseValues.help === true && asked) return { kind: 'help', topic: command ? command.words : words };

  if (!command) {
    if (looseValues.version === true) return { kind: 'version', globals: globalsFrom(looseValues) };
    return { kind: 'usage-error', message: unknownCommandMessage(words, commands), topic: [] };
  }

  const strict = strictParse(argv, command);
  if ('error' in strict) return { kind: 'usage-error', message: strict.error, topic: command.words };
  const { values, positionals } = strict;
  if (values.version === true) return { kind: 'version', globals: globalsFrom(values) };

  const args = positionals.slice(command.words.length);
  // A name in brackets ('[VENDOR]') is optional; only trailing ones may be.
  const required = command.args.filter((name) => !name.startsWith('[')).length;
  if (args.length < required) {
    return { kind: 'usage-error', message: `missing ${command.args[args.length]}`, topic: command.words };
  }
  // A last name ending in '...' ('PATH...') takes every argument left.
  const rest = command.args.at(-1)?.endsWith('...') ?? false;
  if (!rest && args.length > command.args.length) {
    return {
      kind: 'usage-error',
      message: `unexpected argument '${args[command.args.length]}'`,
      topic: command.words,
    };
  }
  const flags = flagsFrom(values, command.options);
  const problem = command.check?.(args, flags);
  if (problem) return { kind: 'usage-error', message: problem, topic: command.words };
  return { kind: 'run', command, args, flags, globals: globalsFrom(values) };
}

/** The command named by the leading words, if any. */
export function findCommand(
  words: readonly string[],
  commands: readonly CommandSpec[],
): CommandSpec | undefined {
  return commands.find((c) => c.words.every((word, i) => words[i] === word));
}

/** Splits repeated and comma-separated values into one list; `--tags ""` is the empty list. */
export function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function strictParse(
  argv: readonly string[],
  command: CommandSpec,
): { values: RawValues; positionals: string[] } | { error: string } {
  const specs = { ...GLOBAL_OPTIONS, ...command.options };
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: toParseArgs(specs),
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
    const seen = new Set<string>();
    for (const token of parsed.tokens) {
      if (token.kind !== 'option') continue;
      if (seen.has(token.name) && specs[token.name]?.type === 'string' && !specs[token.name]?.list) {
        return { error: `option '--${token.name}' given more than once` };
      }
      seen.add(token.name);
    }
    return { values: parsed.values as RawValues, positionals: parsed.positionals };
  } catch (error) {
    return { error: parseErrorMessage(error) };
  }
}

function parseErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${quoted}'`;
  if (message.includes('argument missing'))
    return `option '${quoted.replace(/ <value>$/, '')}' needs a value`;
  if (message.includes('argument is ambiguous')) {
    return `option '${quoted}' needs a value (for a value that starts with a dash, write ${quoted}=VALUE)`;
  }
  if (message.includes('does not take an argument')) return `option '${quoted}' does not take a value`;
  return message.split('\n')[0] ?? message;
}

function unknownCommandMessage(words: readonly string[], commands: readonly CommandSpec[]): string {
  if (words.length === 0) return 'missing command';
  // The longest run of the words that begins some command: the word after it is missing or unknown.
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const prefix = words.slice(0, n);
    const under = commands.filter((c) => c.words.length > n && prefix.every((w, i) => c.words[i] === w));
    if (under.length === 0) continue;
    const next = [...new Set(under.map((c) => c.words[n]!))].join(', ');
    return words.length === n
      ? `missing command after '${prefix.join(' ')}': one of ${next}`
      : `unknown command '${words.slice(0, n + 1).join(' ')}': after '${prefix.join(' ')}' comes one of ${next}`;
  }
  return `unknown command '${words[0]}'`;
}

function toParseArgs(specs: OptionSpecs): ParseArgsOptionsConfig {
  const out: ParseArgsOptionsConfig = {};
  for (const [name, spec] of Object.entries(specs)) {
    out[name] = spec.short
      ? { type: spec.type, multiple: Boolean(spec.list), short: spec.short }
      : { type: spec.type, multiple: Boolean(spec.list) };
  }
  return out;
}

function globalsFrom(values: RawValues): GlobalFlags {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return {
    dataDir: text('data-dir'),
    database: text('database'),
    json: values.json === true,
    user: text('user'),
  };
}

function flagsFrom(values: RawValues, specs: OptionSpecs): Flags {
  const lists = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name];
    if (spec.list && Array.isArray(value)) lists.set(name, splitList(value.map(String)));
  }
  return {
    has: (name) => values[name] !== undefined,
    string: (name) => (typeof values[name] === 'string' ? (values[name] as string) : undefined),
    list: (name) => lists.get(name),
    boolean: (name) => values[name] === true,
  };
}
