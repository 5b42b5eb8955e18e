import type { CommandSpec } from './command-table';

const COMMON = ['  -h, --help             show this help'];

/** `radar --help`: every command with its one-line summary. */
export function programHelp(commands: Record<string, CommandSpec>, version: string): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;
  return [
    `Rare Earth Radar ${version}: watches rare-earth news feeds and posts keyword alerts to Discord.`,
    '',
    'usage: radar <command> [options]',
    '',
    'commands:',
    ...Object.entries(commands).map(([name, spec]) => `  ${name.padEnd(width)}${spec.summary}`),
    '',
    'options:',
    ...COMMON,
    '  -V, --version          print the version',
    '',
    'Run "radar <command> --help" for a command\'s options and examples. Exit codes: 0 done, 1 a negative',
    'answer or a runtime failure, 2 bad usage, configuration or environment (the message says what to fix).',
  ].join('\n');
}

/** `radar <command> --help`: usage, what it does, its options, examples. */
export function commandHelp(name: string, spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([option, o]) => {
    const flag = `--${option}${o.value ? ` ${o.value}` : ''}`;
    return `  ${flag.padEnd(22)} ${o.description}`;
  });
  return [
    `usage: ${commandUsage(name, spec)}`,
    '',
    `${spec.summary[0]?.toUpperCase() ?? ''}${spec.summary.slice(1)}.`,
    ...(spec.details ? ['', ...spec.details] : []),
    '',
    'options:',
    ...options,
    ...COMMON,
    '',
    'examples:',
    ...spec.examples.map((example) => `  ${example}`),
  ].join('\n');
}

export function commandUsage(name: string, spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([option, o]) => `[--${option}${o.value ? ` ${o.value}` : ''}]`);
  return ['radar', name, spec.args, ...options].filter(Boolean).join(' ');
}
