import { validateCommands } from '../support/discord-twin/validate-commands';

const option = (name: string, extra: Record<string, unknown> = {}) => ({ type: 3, name, description: 'd', ...extra });

describe('validateCommands', () => {
  it.each([
    ['an empty list', []],
    ['a simple command', [{ name: 'status', description: 'Show status' }]],
    ['hyphens, underscores and digits', [{ name: 'feed-add_2', description: 'd' }]],
    ['non-Latin lowercase names', [{ name: 'статус', description: 'd' }]],
    ['a subcommand group with subcommands', [{ name: 'rule', description: 'd', options: [{ type: 2, name: 'set', description: 'd', options: [{ type: 1, name: 'add', description: 'd', options: [option('x')] }] }] }]],
    ['required options first', [{ name: 'a', description: 'd', options: [option('x', { required: true }), option('y')] }]],
    ['a user command with spaces and capitals', [{ type: 2, name: 'Show Alerts' }]],
    ['a chat command and a user command with the same name', [{ name: 'alerts', description: 'd' }, { type: 2, name: 'alerts' }]],
  ])('accepts %s', (_label, body) => {
    expect(validateCommands(body)).toBeNull();
  });

  it.each([
    ['a body that is not a list', { name: 'a' }, [], 'BASE_TYPE_ARRAY'],
    ['an upper-case name', [{ name: 'Status', description: 'd' }], ['0', 'name'], 'APPLICATION_COMMAND_INVALID_NAME'],
    ['a name with a space', [{ name: 'my status', description: 'd' }], ['0', 'name'], 'APPLICATION_COMMAND_INVALID_NAME'],
    ['a name over 32 characters', [{ name: 'a'.repeat(33), description: 'd' }], ['0', 'name'], 'APPLICATION_COMMAND_INVALID_NAME'],
    ['an empty description', [{ name: 'a', description: '' }], ['0', 'description'], 'BASE_TYPE_BAD_LENGTH'],
    ['a description over 100', [{ name: 'a', description: 'd'.repeat(101) }], ['0', 'description'], 'BASE_TYPE_BAD_LENGTH'],
    ['26 options', [{ name: 'a', description: 'd', options: Array.from({ length: 26 }, (_, i) => option(`o${i}`)) }], ['0', 'options'], 'BASE_TYPE_MAX_LENGTH'],
    ['duplicate command names', [{ name: 'a', description: 'd' }, { name: 'a', description: 'd' }], ['1', 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME'],
    ['duplicate option names', [{ name: 'a', description: 'd', options: [option('x'), option('x')] }], ['0', 'options', '1', 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS'],
    ['a required option after an optional one', [{ name: 'a', description: 'd', options: [option('x'), option('y', { required: true })] }], ['0', 'options', '1'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID'],
    ['an unknown option type', [{ name: 'a', description: 'd', options: [option('x', { type: 99 })] }], ['0', 'options', '0', 'type'], 'BASE_TYPE_CHOICES'],
    ['a group inside a subcommand', [{ name: 'a', description: 'd', options: [{ type: 1, name: 's', description: 'd', options: [{ type: 2, name: 'g', description: 'd' }] }] }], ['0', 'options', '0', 'options', '0', 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID'],
    ['26 choices', [{ name: 'a', description: 'd', options: [option('x', { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })) })] }], ['0', 'options', '0', 'choices'], 'BASE_TYPE_MAX_LENGTH'],
  ])('rejects %s', (_label, body, path, code) => {
    const error = validateCommands(body);
    expect(error).toMatchObject({ code: 50035 });
    let node: unknown = error?.errors;
    for (const key of path) node = (node as Record<string, unknown>)[key];
    expect((node as { _errors: { code: string }[] })._errors.map((entry) => entry.code)).toContain(code);
  });
});
