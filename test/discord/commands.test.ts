import { ApplicationCommandOptionType as Option, PermissionFlagsBits, type APIApplicationCommandOption } from 'discord-api-types/v10';
import { COMMAND_DEFINITIONS, COMMAND_TABLE } from '../../src/discord/commands/definitions';
import { ruleDefinition } from '../../src/discord/commands/rule';
import { subscribeDefinition } from '../../src/discord/commands/subscribe';
import { readArgs, type ArgsOf, type CommandDefinition } from '../../src/discord/interactions/command-args';

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();

/** Leaves of the command tree: a command without subcommands, or each subcommand of one. */
function leaves(): { command: CommandDefinition; subcommand?: string; options: APIApplicationCommandOption[] }[] {
  return COMMAND_DEFINITIONS.flatMap((command) => {
    const subs = (command.options ?? []).filter((o) => o.type === Option.Subcommand);
    if (subs.length === 0) return [{ command, options: command.options ?? [] }];
    return subs.map((s) => ({ command, subcommand: s.name, options: 'options' in s ? (s.options ?? []) : [] }));
  });
}

const levels = (): APIApplicationCommandOption[][] => [
  ...COMMAND_DEFINITIONS.map((c) => c.options ?? []),
  ...leaves().map((l) => l.options),
];

describe('slash command definitions', () => {
  // The contract with the lead and with users: these names and options exactly (`?` = optional).
  test.each([
    ['subscribe', '', 'topic? channel? mention? mode? at? timezone? compact? backfill?'],
    ['unsubscribe', '', 'topic? channel?'],
    ['subscriptions', '', ''],
    ['rule', 'add', 'topic keywords'],
    ['rule', 'remove', 'id'],
    ['rules', 'list', 'topic?'],
    ['rules', 'test', 'text'],
    ['mute', '', 'topic duration?'],
    ['unmute', '', 'topic'],
    ['mutes', '', ''],
    ['feeds', 'list', ''],
    ['feed', 'add', 'url name?'],
    ['feed', 'remove', 'id'],
    ['status', '', ''],
    ['help', '', ''],
    ['recent', '', 'topic? count?'],
    ['explain', '', 'link'],
  ])('/%s %s takes: %s', (name, subcommand, expected) => {
    const leaf = leaves().find((l) => l.command.name === name && (l.subcommand ?? '') === subcommand);
    expect(leaf).toBeDefined();
    expect(leaf?.options.map((o) => `${o.name}${'required' in o && o.required ? '' : '?'}`).join(' ')).toBe(expected);
  });

  it('declares no command or subcommand beyond the contract', () => {
    expect(leaves()).toHaveLength(17);
  });

  it('uses valid names and descriptions of Discord lengths', () => {
    const named = [...COMMAND_DEFINITIONS, ...levels().flat()];
    for (const item of named) {
      expect(item.name).toMatch(NAME);
      expect(item.name).toBe(item.name.toLowerCase());
      expect(item.description.length).toBeGreaterThanOrEqual(1);
      expect(item.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('puts required options first, at most 25 per level, with unique names', () => {
    for (const options of levels()) {
      expect(options.length).toBeLessThanOrEqual(25);
      expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
      const required = options.map((o) => 'required' in o && o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it('makes every command guild-only', () => {
    for (const command of COMMAND_DEFINITIONS) {
      expect(command.contexts).toEqual([0]);
      expect(command.dm_permission).toBe(false);
    }
  });

  it('offers autocomplete on every topic option and limits channels to text, announcement and forum', () => {
    const options = leaves().flatMap((l) => l.options);
    for (const o of options.filter((o) => o.name === 'topic')) expect(o).toMatchObject({ type: Option.String, autocomplete: true });
    for (const o of options.filter((o) => o.type === Option.Channel)) expect(o).toMatchObject({ channel_types: [0, 5, 15] });
    expect(options.find((o) => o.name === 'mention')).toMatchObject({ type: Option.Role });
  });

  it('hides commands that only change settings from members without Manage Server', () => {
    const permissions = Object.fromEntries(COMMAND_DEFINITIONS.map((c) => [c.name, c.default_member_permissions]));
    expect(permissions).toEqual({
      subscribe: MANAGE_GUILD,
      unsubscribe: MANAGE_GUILD,
      mute: MANAGE_GUILD,
      unmute: MANAGE_GUILD,
      rule: MANAGE_GUILD,
      feed: MANAGE_GUILD,
      // read-only: open to every member
      rules: undefined,
      feeds: undefined,
      subscriptions: undefined,
      mutes: undefined,
      status: undefined,
      help: undefined,
      recent: undefined,
      explain: undefined,
    });
  });

  it('hides from members every command whose handler needs Manage Server (the permission applies per top-level command)', () => {
    const changing = new Set(COMMAND_TABLE.commands.filter((r) => r.changesSettings).map((r) => r.command));
    const reading = new Set(COMMAND_TABLE.commands.filter((r) => !r.changesSettings).map((r) => r.command));
    for (const command of COMMAND_DEFINITIONS) {
      if (changing.has(command.name)) expect([command.name, command.default_member_permissions]).toEqual([command.name, MANAGE_GUILD]);
      // a command may not mix: members would either see changes they cannot make or miss lists they may read
      expect(changing.has(command.name) && reading.has(command.name)).toBe(false);
    }
  });
});

describe('command table', () => {
  it('has exactly one handler for every command and subcommand', () => {
    const routes = COMMAND_TABLE.commands.map((r) => `${r.command} ${r.subcommand ?? ''}`.trim()).sort();
    const defined = leaves().map((l) => `${l.command.name} ${l.subcommand ?? ''}`.trim()).sort();
    expect(routes).toEqual(defined);
  });

  it('marks exactly the state-changing commands as needing Manage Server', () => {
    const changing = COMMAND_TABLE.commands.filter((r) => r.changesSettings).map((r) => `${r.command} ${r.subcommand ?? ''}`.trim());
    expect(changing.sort()).toEqual(['feed add', 'feed remove', 'mute', 'rule add', 'rule remove', 'subscribe', 'unmute', 'unsubscribe']);
  });

  it('has an autocomplete handler for every option that asks for one, and none for others', () => {
    const wanted = leaves()
      .flatMap((l) => l.options.filter((o) => 'autocomplete' in o && o.autocomplete).map((o) => `${l.command.name} ${l.subcommand ?? '-'} ${o.name}`))
      .sort();
    const handled = COMMAND_TABLE.autocompletes.map((r) => `${r.command} ${r.subcommand ?? '-'} ${r.option}`).sort();
    expect(handled).toEqual(wanted);
  });
});

describe('handler arguments', () => {
  it('are typed from the definition: required options present, others optional', () => {
    const add: ArgsOf<typeof ruleDefinition, 'add'> = { topic: 'Gallium', keywords: 'gallium' };
    // @ts-expect-error keywords is required by /rule add
    const missing: ArgsOf<typeof ruleDefinition, 'add'> = { topic: 'Gallium' };
    const subscribe: ArgsOf<typeof subscribeDefinition> = {};
    expect([add, missing, subscribe]).toHaveLength(3);
  });

  it('are read from the leaf options, below any subcommand, with ids for channels and roles', () => {
    const data = [
      { name: 'add', type: Option.Subcommand, options: [
        { name: 'topic', type: Option.String, value: 'Gallium' },
        { name: 'keywords', type: Option.String, value: 'gallium -arsenide' },
      ] },
    ];
    expect(readArgs(data)).toEqual({ topic: 'Gallium', keywords: 'gallium -arsenide' });
    expect(readArgs([{ name: 'channel', type: Option.Channel, value: '123' }, { name: 'mention', type: Option.Role, value: '456' }])).toEqual({
      channel: '123',
      mention: '456',
    });
  });
});
