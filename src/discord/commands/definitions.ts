import type { CommandDefinition } from '../interactions/command-args';
import type { CommandTable } from '../interactions/command-route';
import { mergeGroups } from './command-defaults';
import { feedsCommands } from './feeds';
import { muteCommands } from './mute';
import { rulesCommands } from './rules';
import { statusCommands } from './status';
import { subscribeCommands } from './subscribe';

/** Every slash command with its handlers and autocompletes: what the router dispatches on. */
export const COMMAND_TABLE: CommandTable = mergeGroups([subscribeCommands, rulesCommands, muteCommands, feedsCommands, statusCommands]);

/** The definitions as Discord receives them in a bulk overwrite. */
export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = COMMAND_TABLE.definitions;
