#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readEnvironment } from './config/environment';
import { ConfigError } from './config/load-config';
import { checkConfigCommand } from './cli/check-config-command';
import { createOutputScrubber, scrubUncaughtErrors } from './cli/output-scrubber';
import { EXIT_INVALID, EXIT_NEGATIVE, type CliContext } from './cli/cli-context';
import { onceCommand } from './cli/once-command';
import { previewCommand } from './cli/preview-command';
import { registerCommandsCommand } from './cli/register-commands-command';
import { startCommand } from './cli/start-command';
import { testRuleCommand } from './cli/test-rule-command';
import { UserError } from './shared/errors';

type Command = (ctx: CliContext) => Promise<number>;

const COMMANDS: Record<string, { run: Command; options: string[]; usage: string }> = {
  start: { run: startCommand, options: ['config', 'store', 'json'], usage: 'start [--config FILE] [--store URL] [--json]' },
  once: { run: onceCommand, options: ['config', 'store', 'json'], usage: 'once [--config FILE] [--store URL] [--json]' },
  'check-config': { run: checkConfigCommand, options: ['config'], usage: 'check-config [--config FILE]' },
  'test-rule': { run: testRuleCommand, options: [], usage: 'test-rule "<expression>" "<text>"' },
  'register-commands': { run: registerCommandsCommand, options: ['guild'], usage: 'register-commands [--guild ID]' },
  preview: {
    run: previewCommand,
    options: ['config', 'out', 'png', 'title', 'summary', 'topic', 'role', 'chromium'],
    usage: 'preview [alert|status] [--config FILE] [--out FILE.html] [--png FILE.png] [--title T] [--summary S] [--topic ID] [--role NAME] [--chromium PATH]',
  },
};

const OPTION_TYPES = {
  config: { type: 'string' },
  store: { type: 'string' },
  json: { type: 'boolean' },
  guild: { type: 'string' },
  out: { type: 'string' },
  png: { type: 'string' },
  title: { type: 'string' },
  summary: { type: 'string' },
  topic: { type: 'string' },
  role: { type: 'string' },
  chromium: { type: 'string' },
} as const;

function usage(): string {
  return ['usage: radar <command> [options]', ...Object.values(COMMANDS).map((c) => `  radar ${c.usage}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // Every printed line is scrubbed: errors can echo a token or a store password (see output-scrubber).
  let scrub = createOutputScrubber();
  const stdout = (text: string) => process.stdout.write(`${scrub(text)}\n`);
  const stderr = (text: string) => process.stderr.write(`${scrub(text)}\n`);
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    stderr(name && name !== 'help' && name !== '--help' ? `unknown command "${name}"\n${usage()}` : usage());
    return name === 'help' || name === '--help' ? 0 : EXIT_INVALID;
  }
  let parsed;
  try {
    const options = Object.fromEntries(command.options.map((o) => [o, OPTION_TYPES[o as keyof typeof OPTION_TYPES]]));
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error: unknown) {
    stderr(`${(error as Error).message}\nusage: radar ${command.usage}`);
    return EXIT_INVALID;
  }
  try {
    const env = readEnvironment();
    scrub = createOutputScrubber(env, parsed.values.store);
    const ctx: CliContext = { flags: parsed.values, positionals: parsed.positionals, env, stdout, stderr };
    return await command.run(ctx);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      stderr(error.message);
      return EXIT_INVALID;
    }
    if (error instanceof UserError) {
      stderr(error.message);
      return EXIT_INVALID;
    }
    stderr(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_NEGATIVE;
  }
}

if (require.main === module) {
  scrubUncaughtErrors(EXIT_NEGATIVE);
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
