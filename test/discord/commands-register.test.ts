import { REST } from 'discord.js';
import { COMMAND_DEFINITIONS } from '../../src/discord/commands/definitions';
import { commandsChanged, fetchCommands, registerCommands } from '../../src/discord/commands/register-commands';
import type { CommandDefinition } from '../../src/discord/interactions/command-args';
import { startDiscordTwin, type DiscordTwin } from '../support/discord-twin';

const clone = (): Record<string, unknown>[] => JSON.parse(JSON.stringify(COMMAND_DEFINITIONS)) as Record<string, unknown>[];

/** What Discord sends back: ids, versions, explicit defaults, in its own order. */
function asDiscordEchoes(definitions: Record<string, unknown>[]): Record<string, unknown>[] {
  return definitions
    .map((d, i) => ({ id: String(1000 + i), application_id: '1', version: '7', nsfw: false, dm_permission: false, default_member_permissions: null, ...d }))
    .reverse();
}

describe('commandsChanged', () => {
  it('sees no change between our definitions and what Discord echoes for them', () => {
    expect(commandsChanged(asDiscordEchoes(clone()), COMMAND_DEFINITIONS)).toBe(false);
  });

  test.each<[string, (commands: Record<string, unknown>[]) => void]>([
    ['a description changed', (c) => void ((c[0] as { description: string }).description = 'old text')],
    ['a command is missing', (c) => void c.pop()],
    ['an extra command exists', (c) => void c.push({ name: 'legacy', description: 'old', type: 1 })],
    ['a permission differs', (c) => void ((c[0] as { default_member_permissions: string | null }).default_member_permissions = null)],
    ['the contexts were never set', (c) => void delete (c[0] as { contexts?: unknown }).contexts],
    ['an option was renamed', (c) => void (((c[0] as { options: { name: string }[] }).options[0] as { name: string }).name = 'subject')],
    ['options were reordered', (c) => void (c[0] as { options: unknown[] }).options.reverse()],
    ['autocomplete was off', (c) => void delete ((c[0] as { options: { autocomplete?: boolean }[] }).options[0] as { autocomplete?: boolean }).autocomplete],
  ])('sees a change when %s', (_label, mutate) => {
    const existing = clone();
    mutate(existing);
    expect(commandsChanged(asDiscordEchoes(existing), COMMAND_DEFINITIONS)).toBe(true);
  });

  it('sees a change from nothing registered', () => {
    expect(commandsChanged([], COMMAND_DEFINITIONS)).toBe(true);
  });
});

describe('registerCommands against the Discord twin', () => {
  let twin: DiscordTwin;
  let rest: REST;

  beforeAll(async () => {
    twin = await startDiscordTwin({ warnUnknownRoutes: false });
    rest = new REST({ api: twin.apiUrl }).setToken(twin.token);
  });
  afterAll(async () => {
    await twin.close();
  });

  it('bulk-overwrites the global commands, after which nothing has changed', async () => {
    const stored = await registerCommands(rest, twin.applicationId);
    expect(stored.map((c) => c.name).sort()).toEqual(COMMAND_DEFINITIONS.map((c) => c.name).sort());
    expect(commandsChanged(await fetchCommands(rest, twin.applicationId))).toBe(false);
  });

  it('registers in one server only when given its id', async () => {
    const guild = twin.addGuild();
    await registerCommands(rest, twin.applicationId, guild.id);
    expect(twin.commands.guild.get(guild.id)).toHaveLength(COMMAND_DEFINITIONS.length);
  });

  it('lets a validation error from Discord reach the caller', async () => {
    const broken: CommandDefinition[] = [{ name: 'Bad Name', description: '' }];
    await expect(registerCommands(rest, twin.applicationId, undefined, broken)).rejects.toThrow();
  });
});
