import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnvironment, type Environment } from '../config/environment';
import { ConfigError } from '../config/load-config';
import { createOutputScrubber, scrubUncaughtErrors } from './output-scrubber';
import { EXIT_INVALID, EXIT_NEGATIVE, EXIT_OK, type CliContext } from './cli-context';
import { COMMANDS, type CommandSpec } from './command-table';
import { commandHelp, commandUsage, programHelp } from './help-text';
import { UserError } from '../shared/errors';

const HELP_FLAGS = new Set(['--help', '-h']);

export async function main(argv: string[]): Promise<number> {
  // Every printed line is scrubbed: errors can echo a token or a store password (see output-scrubber).
  let scrub = createOutputScrubber();
  const stdout = (text: string) => process.stdout.write(`${scrub(text)}\n`);
  const stderr = (text: string) => process.stderr.write(`${scrub(text)}\n`);
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    stdout(version());
    return EXIT_OK;
  }
  if (name === undefined || HELP_FLAGS.has(name) || name === 'help') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    (name === undefined ? stderr : stdout)(topic && rest[0] ? commandHelp(rest[0], topic) : programHelp(COMMANDS, version()));
    return name === undefined ? EXIT_INVALID : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    stderr(`unknown command "${name}": run "radar --help" for the list`);
    return EXIT_INVALID;
  }
  if (rest.some((arg) => HELP_FLAGS.has(arg))) {
    stdout(commandHelp(name, command));
    return EXIT_OK;
  }
  let parsed;
  try {
    parsed = parseCommandArgs(command, rest);
  } catch (error: unknown) {
    stderr(`${(error as Error).message.split('. To specify')[0]}\nusage: ${commandUsage(name, command)}\nrun "radar ${name} --help" for details`);
    return EXIT_INVALID;
  }
  let env: Readonly<Environment> | undefined;
  try {
    env = readEnvironment();
    scrub = createOutputScrubber(env, parsed.values.store);
    const ctx: CliContext = { flags: parsed.values, positionals: parsed.positionals, env, stdout, stderr };
    return await command.run(ctx);
  } catch (error: unknown) {
    return reportFailure(error, env, stderr);
  }
}

function parseCommandArgs(command: CommandSpec, args: string[]) {
  const options = Object.fromEntries(Object.entries(command.options).map(([option, spec]) => [option, { type: spec.type }]));
  // test-rule "-recycling" x: without options of its own, every argument is a positional, dash or not.
  const argsToParse = command.dashPositionals ? ['--', ...args.filter((arg, i) => !(i === 0 && arg === '--'))] : args;
  return parseArgs({ args: argsToParse, options, allowPositionals: true, strict: true });
}

/**
 * Setup mistakes (config, environment, store, port, token) are UserErrors: one line, exit 2. Anything else
 * is a runtime failure: one line, exit 1, and the stack only at LOG_LEVEL=debug or trace.
 */
function reportFailure(error: unknown, env: Readonly<Environment> | undefined, stderr: (text: string) => void): number {
  // No scrubbing here: stderr already passes every line through the output scrubber.
  if (error instanceof ConfigError || error instanceof UserError) {
    stderr(error.message);
    return EXIT_INVALID;
  }
  const verbose = env?.logLevel === 'debug' || env?.logLevel === 'trace';
  const detail = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error);
  stderr(`error: ${detail}${verbose ? '' : '\n(run with LOG_LEVEL=debug for the stack trace)'}`);
  return EXIT_NEGATIVE;
}

/** package.json sits beside dist/ in a checkout, an npm install and the Docker image alike. */
function version(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Runs one command line and sets the exit code; uncaught errors are scrubbed and exit 1 as well. */
export function runCli(argv: string[]): void {
  scrubUncaughtErrors(EXIT_NEGATIVE);
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}
