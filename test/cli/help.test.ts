import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';

const COMMAND_NAMES = ['start', 'once', 'check-config', 'test-rule', 'register-commands', 'preview'];

describe('radar --help, <command> --help and --version', () => {
  it('lists every command with what it does', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: radar <command> [options]');
    for (const name of COMMAND_NAMES) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\w`, 'm'));
  });

  it.each(COMMAND_NAMES)('explains %s with its usage, options and an example', async (name) => {
    for (const args of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^usage: radar ${name}\\b`));
      expect(run.stdout).toContain('\noptions:\n');
      expect(run.stdout).toMatch(new RegExp(`\\nexamples:\\n  .*radar ${name}`));
    }
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(version);
    }
  });

  it('exits 2 with a pointer to --help on an unknown command, an unknown option or no command', async () => {
    const unknown = await runCli(['poll']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "poll": run "radar --help"');
    const option = await runCli(['once', '--fast']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--fast'");
    expect(option.stderr).toContain('run "radar once --help"');
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: radar <command>');
  });
});

describe('test-rule takes expressions that start with a dash', () => {
  it.each([
    ['-recycling AND rare earth', 'Rare earth magnets ship', 0, 'match: rare earth'],
    ['-recycling AND rare earth', 'Rare earth recycling grows', 1, 'no match'],
  ])('test-rule %p on %p exits %p', async (expression, text, code, output) => {
    const run = await runCli(['test-rule', expression, text]);
    expect(run.code).toBe(code);
    expect(run.stdout).toContain(output);
  });

  it('answers a lone exclusion with the rule language, not an option error', async () => {
    const run = await runCli(['test-rule', '-recycling', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid expression');
    expect(run.stderr).not.toContain('Unknown option');
  });

  it('still accepts the -- that used to be needed', async () => {
    const run = await runCli(['test-rule', '--', '-recycling AND rare earth', 'Rare earth magnets ship']);
    expect(run.code).toBe(0);
  });
});
