import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { UserError } from '../../shared/errors';
import { defineCommand } from '../interactions/command-args';
import { commandRoute } from '../interactions/command-route';
import { DiscordLimit } from '../format/discord-limits';
import { GUILD_ONLY, type CommandGroup } from './command-defaults';

/** A headline or an article link is far shorter; anything longer is not one. */
export const MAX_EXPLAIN_QUERY = 500;

export const explainDefinition = defineCommand({
  name: 'explain',
  description: 'Why a story was or was not posted in this server',
  ...GUILD_ONLY,
  options: [{ type: Option.String, name: 'link', description: 'The article link, or its headline', required: true, max_length: MAX_EXPLAIN_QUERY }],
});

const EXPLAIN_COLOUR = 0x5865f2;

/** What /explain accepts: a link or a headline with at least a letter or digit, of a sensible length. */
export function checkExplainQuery(raw: string): string {
  const query = raw.trim();
  if (query.length > MAX_EXPLAIN_QUERY) throw new UserError(`That is ${query.length.toLocaleString('en-US')} characters. Paste one article link (https://…) or its headline, up to ${MAX_EXPLAIN_QUERY}.`);
  if (!/[\p{L}\p{N}]/u.test(query)) throw new UserError('Paste an article link (https://…) or its headline to explain.');
  return query;
}

export const explainCommands: CommandGroup = {
  definitions: [explainDefinition],
  commands: [
    commandRoute(explainDefinition, {
      async run({ deps, guildId }, args) {
        const query = checkExplainQuery(args.link);
        if (!deps.stories) throw new UserError('This bot keeps no memory of recent items, so it cannot explain them.');
        const lines = await deps.stories.explain(guildId, query);
        const kept: string[] = [];
        for (const line of lines) {
          if ([...kept, line].join('\n').length > DiscordLimit.description - 40) {
            kept.push(`… and ${lines.length - kept.length} more channels`);
            break;
          }
          kept.push(line);
        }
        return { embeds: [{ title: 'Why this story was or was not posted', description: kept.join('\n'), color: EXPLAIN_COLOUR }] };
      },
    }),
  ],
  autocompletes: [],
  lists: [],
};
