import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { hasManageGuild, MANAGE_GUILD_REQUIRED, requireManageGuild } from '../../../src/discord/interactions/require-manage-guild';
import { toReplyPayload } from '../../../src/discord/interactions/reply-payload';

describe('the Manage Server check', () => {
  const { ManageGuild, Administrator, SendMessages, ManageChannels } = PermissionFlagsBits;
  test.each([
    ['Manage Server', [ManageGuild], true],
    ['Administrator', [Administrator], true],
    ['Manage Channels and Send Messages', [ManageChannels, SendMessages], false],
    ['no permissions', [], false],
  ])('with %s', (_label, bits, allowed) => {
    const permissions = new PermissionsBitField(bits);
    expect(hasManageGuild(permissions)).toBe(allowed);
    if (allowed) expect(() => requireManageGuild(permissions)).not.toThrow();
    else expect(() => requireManageGuild(permissions)).toThrow(MANAGE_GUILD_REQUIRED);
  });

  it('refuses when Discord sent no permissions (not in a server)', () => {
    expect(hasManageGuild(null)).toBe(false);
    expect(() => requireManageGuild(undefined)).toThrow(MANAGE_GUILD_REQUIRED);
  });
});

describe('toReplyPayload', () => {
  it('never lets a reply mention anyone', () => {
    expect(toReplyPayload('Subscribed <#1> mentioning <@&2>.').allowedMentions).toEqual({ parse: [] });
    expect(toReplyPayload({ embeds: [{ description: 'x' }] }).allowedMentions).toEqual({ parse: [] });
  });

  it('cuts text longer than a message to 2,000 characters', () => {
    const content = toReplyPayload('x'.repeat(2500)).content ?? '';
    expect(content).toHaveLength(2000);
    expect(content.endsWith('…')).toBe(true);
  });

  it('clears the embeds and buttons of the message it replaces when answering in text', () => {
    expect(toReplyPayload('done')).toEqual({ content: 'done', embeds: [], components: [], allowedMentions: { parse: [] } });
  });

  it('clears the text of the message it replaces when answering with an embed page', () => {
    expect(toReplyPayload({ embeds: [{ description: 'page 2' }] })).toMatchObject({ content: '', components: [] });
  });
});
