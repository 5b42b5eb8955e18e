import type { CommandDefinition } from '../interactions/command-args';
import type { CommandTable } from '../interactions/command-route';
import { mergeGroups } from './command-defaults';
import { feedCommands } from './feed';
import { feedsCommands } from './feeds';
import { helpCommands } from './help';
import { muteCommands } from './mute';
import { ruleCommands } from './rule';
import { rulesCommands } from './rules';
import { explainCommands } from './explain';
import { recentCommands } from './recent';
import { statusCommands } from './status';
import { subscribeCommands } from './subscribe';

/** Every slash command with its handlers and autocompletes: what the router dispatches on. */
export const COMMAND_TABLE: CommandTable = mergeGroups([
  subscribeCommands,
  rulesCommands,
  ruleCommands,
  muteCommands,
  feedsCommands,
  feedCommands,
  statusCommands,
  recentCommands,
  explainCommands,
  helpCommands,
]);

/** The definitions as Discord receives them in a bulk overwrite. */
export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = COMMAND_TABLE.definitions;
