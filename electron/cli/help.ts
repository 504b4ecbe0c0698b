import { findCommand } from './args';
import { displayWidth, padToWidth } from './format';
import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpecs } from './spec';

const EXIT_CODES = [
  'Exit codes:',
  '  0  done',
  '  1  usage error: unknown command or option, missing argument or value, bad combination',
  '  2  the request failed: invalid input, not found, or any other error',
].join('\n');

const ENVIRONMENT = [
  'Environment:',
  '  VENDOR_RISK_DATA_DIR  data folder when --data-dir is not given',
  '  VENDOR_RISK_USER      name recorded in the audit trail when --user is not given',
  '  VENDOR_RISK_DATABASE_URL  team database when --database is not given',
].join('\n');

/** Help for a topic (no words: everything; a group like `vendors`; or one command), or undefined if unknown. */
export function helpText(topic: readonly string[], commands: readonly CommandSpec[]): string | undefined {
  if (topic.length === 0) return overview(commands);
  const command = findCommand(topic, commands);
  if (command && command.words.length === topic.length) return commandHelp(command);
  const group = commands.filter((c) => c.words[0] === topic[0] && c.words.length > 1);
  if (topic.length === 1 && group.length > 0) return groupHelp(topic[0] ?? '', group);
  return undefined;
}

/** The `--help` hint appended to usage errors. */
export function helpHint(topic: readonly string[]): string {
  return `see 'vendor-risk ${[...topic, '--help'].join(' ')}'`;
}

function overview(commands: readonly CommandSpec[]): string {
  return [
    'Usage: vendor-risk <command> [options]',
    '',
    'Vendor Risk Desk without the window: the same data folder, rules and audit trail as the app.',
    '',
    'Commands:',
    commandList(commands),
    `  ${padToWidth('help [command]', commandColumn(commands))}  Show help for a command`,
    '',
    'Global options (anywhere on the line):',
    optionList(GLOBAL_OPTIONS),
    '',
    ENVIRONMENT,
    '',
    EXIT_CODES,
    '',
    "Run 'vendor-risk <command> --help' for a command's options and examples.",
  ].join('\n');
}

function groupHelp(group: string, commands: readonly CommandSpec[]): string {
  return [
    `Usage: vendor-risk ${group} <command> [options]`,
    '',
    'Commands:',
    commandList(commands),
    '',
    `Run 'vendor-risk ${group} <command> --help' for a command's options and examples.`,
  ].join('\n');
}

function commandHelp(command: CommandSpec): string {
  const usage = ['vendor-risk', ...command.words, ...command.args, '[options]'].join(' ');
  const sections = [`Usage: ${usage}`, '', command.description];
  if (Object.keys(command.options).length > 0) sections.push('', 'Options:', optionList(command.options));
  sections.push('', 'Global options:', optionList(GLOBAL_OPTIONS));
  if (command.examples.length > 0) {
    sections.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  }
  sections.push('', EXIT_CODES);
  return sections.join('\n');
}

function commandColumn(commands: readonly CommandSpec[]): number {
  return Math.max('help [command]'.length, ...commands.map((c) => c.words.join(' ').length));
}

function commandList(commands: readonly CommandSpec[]): string {
  const width = commandColumn(commands);
  return commands.map((c) => `  ${padToWidth(c.words.join(' '), width)}  ${c.summary}`).join('\n');
}

function optionList(options: OptionSpecs): string {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.list ? `${spec.description} (repeatable)` : spec.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => displayWidth(flag)));
  return rows.map(([flag, text]) => `  ${padToWidth(flag, width)}  ${text}`).join('\n');
}
