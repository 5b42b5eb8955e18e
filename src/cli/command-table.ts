import { checkConfigCommand } from './check-config-command';
import type { CliContext } from './cli-context';
import { onceCommand } from './once-command';
import { previewCommand } from './preview-command';
import { registerCommandsCommand } from './register-commands-command';
import { startCommand } from './start-command';
import { testRuleCommand } from './test-rule-command';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
  description: string;
}

/** One CLI command as data: `--help` text and argument parsing are both read from it. */
export interface CommandSpec {
  run: (ctx: CliContext) => Promise<number>;
  summary: string;
  /** Arguments after the command name, e.g. `"<expression>" "<text>"`. */
  args?: string;
  details?: string[];
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Positional arguments may begin with `-` (an excluded rule term such as "-recycling"). */
  dashPositionals?: true;
}

const CONFIG: OptionSpec = { type: 'string', value: 'FILE', description: 'config file (default: RADAR_CONFIG, else config/default.yaml)' };
const JSON_OUTPUT: OptionSpec = { type: 'boolean', description: 'print each alert as one JSON object per line' };

export const COMMANDS: Record<string, CommandSpec> = {
  start: {
    run: startCommand,
    summary: 'run the bot: poll on schedule and post alerts to Discord (or print them without DISCORD_TOKEN)',
    options: { config: CONFIG, store: { type: 'string', value: 'URL', description: 'sqlite://FILE or redis://HOST:PORT (default: RADAR_STORE, else the config\'s store)' }, json: JSON_OUTPUT },
    examples: ['DISCORD_TOKEN=… radar start', 'radar start --config config/radar.yaml --store redis://127.0.0.1:6379'],
  },
  once: {
    run: onceCommand,
    summary: 'poll every feed once now and print the matching items, without Discord',
    details: [
      'A safe preview: it keeps its own memory of what it printed (sqlite://data/once.sqlite), so the',
      "bot's store and its alerts are never touched. Every feed is polled, whatever its back-off or interval.",
      "Pass --store with the bot's store only on purpose: what once prints is then marked seen there.",
    ],
    options: { config: CONFIG, store: { type: 'string', value: 'URL', description: 'store to remember printed items in (default: sqlite://data/once.sqlite)' }, json: JSON_OUTPUT },
    examples: ['radar once', 'radar once --json | jq .title'],
  },
  'check-config': {
    run: checkConfigCommand,
    summary: 'validate the config file and summarise its feeds and topics',
    options: { config: CONFIG },
    examples: ['radar check-config --config config/radar.yaml'],
  },
  'test-rule': {
    run: testRuleCommand,
    summary: 'try a keyword rule on a headline: exit 0 on a match, 1 on none, 2 if the rule is invalid',
    args: '"<expression>" "<text>"',
    options: {},
    examples: ['radar test-rule "rare earth -recycling" "Rare earth recycling plant opens"', 'radar test-rule "-recycling AND rare earth" "Rare earth magnets ship"'],
    dashPositionals: true,
  },
  'register-commands': {
    run: registerCommandsCommand,
    summary: 'register the slash commands with Discord (start does this too)',
    options: { guild: { type: 'string', value: 'ID', description: 'register in one server only (visible at once)' } },
    examples: ['DISCORD_TOKEN=… radar register-commands --guild 123456789012345678'],
  },
  preview: {
    run: previewCommand,
    summary: 'render what an alert or a /status reply looks like in Discord, as HTML (and PNG with Chromium)',
    args: '[alert|status|digest]',
    options: {
      config: CONFIG,
      out: { type: 'string', value: 'FILE.html', description: 'HTML file to write (default: alert.html or status.html)' },
      png: { type: 'string', value: 'FILE.png', description: 'PNG file to write (default: beside the HTML)' },
      title: { type: 'string', value: 'T', description: 'headline of the sample item' },
      summary: { type: 'string', value: 'S', description: 'summary of the sample item' },
      topic: { type: 'string', value: 'ID', description: 'topic the sample alert is for' },
      role: { type: 'string', value: 'NAME', description: 'show a role mention with this name' },
      chromium: { type: 'string', value: 'PATH', description: 'Chromium or Chrome binary for the PNG' },
    },
    examples: ['radar preview alert --title "Lynas ships first heavy rare earths"', 'radar preview status --out status.html'],
  },
};
