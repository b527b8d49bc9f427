/**
 * The command reference of docs/cli.md, generated from the commander tree (`buildProgram` in
 * src/cli/main.ts) so that every command, argument and flag the CLI accepts is documented with the
 * description, choices and default `--help` shows. Uses commander's own Help formatter for terms and
 * descriptions (not its layout, which wraps to the terminal's width) so the page is the same on
 * every machine.
 */
import type { Command } from 'commander';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** `scan`, `incidents show`: the command's path below the program. */
function commandPath(command: Command): string {
  const names: string[] = [];
  let at: Command = command;
  while (at.parent !== null) {
    names.unshift(at.name());
    at = at.parent;
  }
  return names.join(' ');
}

function allCommands(program: Command): Command[] {
  return program.commands.flatMap((command) => [command, ...allCommands(command)]);
}

function renderCommand(command: Command): string[] {
  const help = command.createHelp();
  const out = [`### Reference: \`breachmap ${commandPath(command)}\``, '', help.commandDescription(command), '', '```', `breachmap ${commandPath(command)} ${command.usage()}`, '```'];
  const args = help.visibleArguments(command);
  if (args.length > 0) {
    out.push('', '| Argument | Meaning |', '|---|---|', ...args.map((arg) => `| \`${help.argumentTerm(arg)}\` | ${cell(help.argumentDescription(arg))} |`));
  }
  // Options in the groups `--help` shows them in (Credentials and regions:, Output:, …).
  const groups = new Map<string, string[]>();
  for (const option of help.visibleOptions(command)) {
    if (option.long === '--help') continue;
    const heading = option.helpGroupHeading ?? 'Options:';
    const rows = groups.get(heading) ?? [];
    rows.push(`| \`${help.optionTerm(option)}\` | ${cell(help.optionDescription(option))} |`);
    groups.set(heading, rows);
  }
  for (const [heading, rows] of groups) out.push('', `**${heading.replace(/:$/, '')}**`, '', '| Flag | Meaning |', '|---|---|', ...rows);
  const subcommands = command.commands.map((sub) => `\`breachmap ${commandPath(sub)}\``);
  if (subcommands.length > 0) out.push('', `Subcommands: ${subcommands.join(', ')}.`);
  return out;
}

export function renderCliReference(program: Command): string {
  const commands = allCommands(program);
  const out = [
    `Every command, generated from the CLI's own definitions; \`breachmap <command> --help\` prints the same. Every command also takes \`-h, --help\`; \`breachmap --version\` (or \`-v\`) prints the version.`,
    '',
    ...commands.map((command) => `- [\`breachmap ${commandPath(command)}\`](#reference-breachmap-${commandPath(command).replace(/ /g, '-')}): ${cell(command.description())}`),
  ];
  for (const command of commands) out.push('', ...renderCommand(command));
  return out.join('\n');
}

/** Every `breachmap …` command path, for tests that want each one documented. */
export function commandPaths(program: Command): string[] {
  return allCommands(program).map(commandPath);
}

/** Every long flag each command accepts (without --help), keyed by command path. */
export function commandFlags(program: Command): Map<string, string[]> {
  return new Map(allCommands(program).map((command) => [commandPath(command), command.options.flatMap((option) => (option.long === undefined || option.long === '--help' ? [] : [option.long]))]));
}
