import type { APIEmbed } from 'discord-api-types/v10';
import { GUILD_LIMITS } from '../../guilds/guild-limits';
import { defineCommand } from '../interactions/command-args';
import { commandRoute } from '../interactions/command-route';
import { GUILD_ONLY, type CommandGroup } from './command-defaults';

export const helpDefinition = defineCommand({
  name: 'help',
  description: 'What this bot does, its commands and how to write a keyword rule',
  ...GUILD_ONLY,
});

/** Blurple, like the list answers: an answer, not an alert. */
const HELP_COLOUR = 0x5865f2;

// Kept as text rather than generated from the definitions: grouped and worded for people; a test checks
// that every command the bot registers appears here.
const EVERYONE = [
  '`/help` — this message',
  '`/status` — is the radar working: polls, feed health, recent alerts',
  '`/subscriptions` — where alerts are posted in this server',
  '`/rules list [topic]` — the rules and their ids',
  '`/rules test text:` — which rules would fire on a headline, and on which words',
  '`/feeds list` — the feeds read, with their health',
  '`/mutes` — muted topics and when they resume',
  '`/recent [topic] [count]` — the last stories this server would have received',
  '`/explain link:` — why a story (link or title) was or was not posted here',
].join('\n');

const MANAGERS = [
  '`/subscribe [topic] [channel] [mention] [backfill]` — post alerts in a channel (shows a sample alert; `backfill` posts the latest N stories now)',
  '`/unsubscribe [topic] [channel]` — stop them',
  '`/rule add topic: keywords:` · `/rule remove id:` — this server\'s own rules (a new topic name creates a topic)',
  '`/feed add url: [name]` · `/feed remove id:` — this server\'s own feeds (checked by fetching them once)',
  '`/mute topic: [duration]` · `/unmute topic:` — pause a topic, e.g. for `6h`, `2d`, `1w`',
].join('\n');

const RULES = [
  '`rare earth` — a phrase, whole words, any case; plurals of the last word match too',
  '`JOGMEC, Sojitz` or `JOGMEC OR Sojitz` — either',
  '`Lynas AND (Japan OR JOGMEC)` — both; parentheses group',
  '`rare earth -recycling` or `NOT recycling` — but not with that word',
  '`dyspros*` — a prefix of at least 3 letters',
].join('\n');

/** The `/help` answer: one embed, well inside Discord's 6,000-character budget (a test checks the limits). */
export function helpEmbed(helpUrl: string | undefined): APIEmbed {
  const guide = helpUrl ? `Full guide: ${helpUrl}` : 'Full guide: the README that comes with the bot (ask whoever runs it for the link).';
  return {
    title: 'Rare Earth Radar',
    description:
      'I read rare-earth news feeds every few minutes and post the stories that match keyword rules in the channels you subscribe. ' +
      'Built-in topics and rules come ready; a server can add its own rules and feeds. All my answers are visible only to you.',
    color: HELP_COLOUR,
    fields: [
      { name: 'For everyone', value: EVERYONE },
      { name: 'With Manage Server (hidden from other members)', value: MANAGERS },
      { name: 'Writing a rule', value: RULES },
      {
        name: 'Limits and more',
        value: `Per server: ${GUILD_LIMITS.subscriptions} subscriptions, ${GUILD_LIMITS.rules} rules, ${GUILD_LIMITS.feeds} feeds. ${guide}`,
      },
    ],
  };
}

export const helpCommands: CommandGroup = {
  definitions: [helpDefinition],
  commands: [commandRoute(helpDefinition, { run: async ({ deps }) => ({ embeds: [helpEmbed(deps.helpUrl)] }) })],
  autocompletes: [],
  lists: [],
};
