import { roleMention, type APIAllowedMentions, type APIEmbed, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Alert } from '../alerts/alert';
import { alertButtonRow } from './format/alert-buttons';
import { buildAlertEmbed } from './format/build-alert-embed';
import { DiscordLimit } from './format/discord-limits';
import { embedLength } from './format/embed-length';

/** A Discord snowflake: anything else in mentionRoleId is ignored rather than pasted into content. */
const SNOWFLAKE = /^\d{1,20}$/;

/**
 * One alert as one message: its embed, the subscription's role mention when it has one, and the alert's
 * buttons (mute its topic, why it was sent).
 */
export function formatAlertMessage(alert: Alert): RESTPostAPIChannelMessageJSONBody {
  return withButtons(composeMessage([buildAlertEmbed(alert)], [alert.mentionRoleId]), [alert]);
}

/**
 * Several alerts for one channel packed into as few messages as possible, greedily and in order:
 * a message takes the next alert while it stays within 10 embeds and 6,000 embed characters.
 * Each message mentions the union of its alerts' roles, and may ping only those.
 */
export function packAlerts(alerts: readonly Alert[]): { alerts: Alert[]; body: RESTPostAPIChannelMessageJSONBody }[] {
  const messages: { alerts: Alert[]; embeds: APIEmbed[]; chars: number }[] = [];
  for (const alert of alerts) {
    const embed = buildAlertEmbed(alert);
    const chars = embedLength(embed);
    const last = messages[messages.length - 1];
    if (last && last.embeds.length < DiscordLimit.embedsPerMessage && last.chars + chars <= DiscordLimit.totalEmbedChars) {
      last.alerts.push(alert);
      last.embeds.push(embed);
      last.chars += chars;
    } else {
      messages.push({ alerts: [alert], embeds: [embed], chars });
    }
  }
  return messages.map((message) => ({
    alerts: message.alerts,
    body: withButtons(
      composeMessage(
        message.embeds,
        message.alerts.map((alert) => alert.mentionRoleId),
      ),
      message.alerts,
    ),
  }));
}

/**
 * Buttons only on a message carrying one alert: a packed message (a backlog catching up) holds several
 * stories, and a row of buttons under it could not say which one it meant.
 */
function withButtons(body: RESTPostAPIChannelMessageJSONBody, alerts: readonly Alert[]): RESTPostAPIChannelMessageJSONBody {
  const row = alerts.length === 1 ? alertButtonRow(alerts[0]!) : undefined;
  return row ? { ...body, components: [row] } : body;
}

// allowed_mentions is always present and never parses: whatever the text says, Discord pings at
// most the subscriptions' roles, and nothing at all when there are none.
function composeMessage(embeds: APIEmbed[], roleIds: readonly (string | undefined)[]): RESTPostAPIChannelMessageJSONBody {
  const roles = [...new Set(roleIds.filter((id): id is string => id !== undefined && SNOWFLAKE.test(id)))].slice(0, DiscordLimit.allowedMentionRoles);
  const allowedMentions: APIAllowedMentions = roles.length > 0 ? { parse: [], roles } : { parse: [] };
  const content = roles.map((id) => roleMention(id)).join(' ');
  return content === '' ? { embeds, allowed_mentions: allowedMentions } : { content, embeds, allowed_mentions: allowedMentions };
}
