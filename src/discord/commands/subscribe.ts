import { ApplicationCommandOptionType as Option, type APIEmbed } from 'discord-api-types/v10';
import type { Guild } from 'discord.js';
import { channelDelivery } from '../../guilds/channel-delivery';
import { subscribe, unsubscribe } from '../../guilds/edit-subscriptions';
import type { Subscription } from '../../guilds/guild-settings';
import type { CatalogTopic } from '../../guilds/topic-catalog';
import { UserError } from '../../shared/errors';
import { defineCommand } from '../interactions/command-args';
import type { BotDeps } from '../bot-deps';
import { autocompleteRoute, commandRoute, type ListRoute, type Reply } from '../interactions/command-route';
import { ALERT_CHANNEL_TYPES, isForumChannel, postingProblem, requirePostableChannel } from './channel-access';
import { editSettings, GUILD_ONLY, MANAGE_GUILD, type CommandGroup } from './command-defaults';
import { deliveryNote, readDeliveryInput, suggestTimeZones } from './delivery-options';
import { discordTime } from './list-reply';
import { showList } from './paged-list';
import { subscribePreview } from './subscribe-preview';
import { catalogOf, requireTopic, suggestTopicsFor } from './topic-options';

export const subscribeDefinition = defineCommand({
  name: 'subscribe',
  description: 'Post alerts in a channel, for one topic or all of them',
  ...GUILD_ONLY,
  default_member_permissions: MANAGE_GUILD,
  options: [
    { type: Option.String, name: 'topic', description: 'Topic to post (default: all topics)', autocomplete: true },
    { type: Option.Channel, name: 'channel', description: 'Where to post (default: this channel)', channel_types: ALERT_CHANNEL_TYPES },
    { type: Option.Role, name: 'mention', description: 'Role to mention with each alert' },
    {
      type: Option.String,
      name: 'mode',
      description: 'Instant alerts (default), or one digest message every hour or every day',
      choices: [
        { name: 'instant', value: 'instant' },
        { name: 'hourly digest', value: 'hourly' },
        { name: 'daily digest', value: 'daily' },
      ],
    },
    { type: Option.String, name: 'at', description: 'Daily digest: local time HH:MM (default 08:00)', max_length: 5 },
    { type: Option.String, name: 'timezone', description: 'Digest time zone, e.g. Asia/Tokyo (default UTC)', autocomplete: true, max_length: 64 },
    { type: Option.Boolean, name: 'compact', description: 'Instant alerts as one line each (title, source, topics), for busy channels' },
    { type: Option.Integer, name: 'backfill', description: 'Also post the latest N matching stories now (0–10)', min_value: 0, max_value: 10 },
  ],
});

export const unsubscribeDefinition = defineCommand({
  name: 'unsubscribe',
  description: 'Stop posting alerts in a channel, for one topic or all of them',
  ...GUILD_ONLY,
  default_member_permissions: MANAGE_GUILD,
  options: [
    { type: Option.String, name: 'topic', description: 'Topic to stop (default: every subscription of the channel)', autocomplete: true },
    { type: Option.Channel, name: 'channel', description: 'Which channel (default: this channel)', channel_types: ALERT_CHANNEL_TYPES },
  ],
});

export const subscriptionsDefinition = defineCommand({
  name: 'subscriptions',
  description: "List this server's alert subscriptions",
  ...GUILD_ONLY,
});

async function describeSubscription(guild: Guild, catalog: readonly CatalogTopic[], s: Subscription, now: Date): Promise<string> {
  const topic = s.topicId === undefined ? undefined : catalog.find((t) => t.id === s.topicId);
  const what = s.topicId === undefined ? 'all topics' : topic ? `**${topic.name}**` : `unknown topic \`${s.topicId}\``;
  const mention = s.mentionRoleId ? `, mentioning <@&${s.mentionRoleId}>` : '';
  const line = `• <#${s.channelId}> — ${what}${mention}${deliveryNote(s.delivery, now)}`;
  if (s.broken) return `${line}\n  ⚠️ stopped ${discordTime(s.broken.at)}: ${s.broken.reason}. Fix it, then /subscribe again.`;
  const problem = await postingProblem(guild, s.channelId);
  return problem ? `${line}\n  ⚠️ cannot deliver: ${problem}.` : line;
}

const subscriptionsList: ListRoute = {
  kind: 'subscriptions',
  async view({ guild, deps, guildId }) {
    const settings = await deps.guilds.get(guildId);
    if (settings.subscriptions.length === 0) return 'This server has no subscriptions yet. Add one with /subscribe.';
    const catalog = catalogOf(deps, settings);
    const now = deps.now();
    const lines = await Promise.all(settings.subscriptions.map((s) => describeSubscription(guild, catalog, s, now)));
    return { heading: `**Subscriptions (${settings.subscriptions.length})**`, lines };
  },
};

/**
 * The subscription is stored by now: if the sample cannot be drawn, say what changed without it rather
 * than let the generic apology claim that nothing was changed.
 */
async function withPreview(message: string, preview: () => Promise<{ content: string; embeds: APIEmbed[] }>, deps: BotDeps): Promise<Reply> {
  try {
    const { content, embeds } = await preview();
    return { content: `${message}\n\n${content}`, embeds };
  } catch (error: unknown) {
    deps.logger.error({ err: error }, 'could not draw the /subscribe preview');
    return message;
  }
}

/** Queues the recent stories a new subscription asked for; the answer says how many are on their way. */
async function backfillNote(deps: BotDeps, subscription: { guildId: string; channelId: string; topicId?: string }, count: number | undefined): Promise<string> {
  if (count === undefined || count === 0) return '';
  if (!deps.stories) return '\nRecent stories are not kept by this bot, so none are posted now.';
  const { count: queued, into } = await deps.stories.backfill(subscription, count);
  const stories = `${queued} matching ${queued === 1 ? 'story' : 'stories'}`;
  if (queued === 0) return '\nNo recent story matches it yet (or the channel has them already); new ones follow as they come.';
  // A digest channel asked for one message per period: the backfill waits for it rather than pinging now.
  if (into === 'digest') return `\nThe latest ${stories} will open the channel's next digest.`;
  return `\nPosting the latest ${stories} there now, oldest first.`;
}

export const subscribeCommands: CommandGroup = {
  definitions: [subscribeDefinition, unsubscribeDefinition, subscriptionsDefinition],
  commands: [
    commandRoute(subscribeDefinition, {
      changesSettings: true,
      async run({ interaction, deps, guildId, now }, args) {
        const channelId = args.channel ?? interaction.channelId;
        if (args.mention === guildId) throw new UserError('Pick a role to mention; @everyone cannot be one.');
        if (args.backfill !== undefined && !(Number.isInteger(args.backfill) && args.backfill >= 0 && args.backfill <= 10)) throw new UserError('Pick a backfill from 0 to 10 stories.');
        const delivery = readDeliveryInput(args);
        await requirePostableChannel(interaction.guild, channelId);
        // A forum gets one post per story; a digest or a run of compact lines has no post of its own to be.
        if (isForumChannel(interaction.guild, channelId) && ((delivery.mode !== undefined && delivery.mode !== 'instant') || delivery.compact === true)) {
          throw new UserError('A forum channel gets one post per story: digests and compact alerts are for text and announcement channels. Nothing was changed.');
        }
        let topicId: string | undefined;
        const message = await editSettings(deps, guildId, (settings) => {
          const topic = args.topic === undefined ? undefined : requireTopic(catalogOf(deps, settings), args.topic);
          topicId = topic?.id;
          const forum = isForumChannel(interaction.guild, channelId);
          return subscribe(settings, { channelId, topicId: topic?.id, topicName: topic?.name, mentionRoleId: args.mention, forum, delivery, commandChannelId: interaction.channelId }, now);
        });
        const backfilled = await backfillNote(deps, { guildId, channelId, ...(topicId ? { topicId } : {}) }, args.backfill);
        return withPreview(`${message}${backfilled}`, () => deps.guilds.get(guildId).then((settings) => subscribePreview(deps, settings, { channelId, topicId, mentionRoleId: args.mention, delivery: channelDelivery(settings, channelId) }, now)), deps);
      },
    }),
    commandRoute(unsubscribeDefinition, {
      changesSettings: true,
      async run({ interaction, deps, guildId }, args) {
        const channelId = args.channel ?? interaction.channelId;
        return editSettings(deps, guildId, (settings) => {
          const topic = args.topic === undefined ? undefined : requireTopic(catalogOf(deps, settings), args.topic);
          return unsubscribe(settings, { channelId, topicId: topic?.id, topicName: topic?.name });
        });
      },
    }),
    commandRoute(subscriptionsDefinition, { run: (context) => showList(subscriptionsList, context) }),
  ],
  autocompletes: [
    autocompleteRoute(subscribeDefinition, { option: 'topic', suggest: suggestTopicsFor }),
    autocompleteRoute(subscribeDefinition, { option: 'timezone', suggest: suggestTimeZones }),
    autocompleteRoute(unsubscribeDefinition, { option: 'topic', suggest: suggestTopicsFor }),
  ],
  lists: [subscriptionsList],
};
