import { roleMention, type APIAllowedMentions, type APIEmbed, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Alert } from '../delivery/alert';
import { alertButtonRow } from './format/alert-buttons';
import { buildAlertEmbed } from './format/build-alert-embed';
import { DiscordLimit } from './format/discord-limits';
import { embedLength } from './format/embed-length';
import { compactLine, compactLinesThatFit } from './format-compact';
import { formatDigest } from './format-digest';

/** A Discord snowflake: anything else in mentionRoleId is ignored rather than pasted into content. */
const SNOWFLAKE = /^\d{1,20}$/;

/**
 * One alert as one message: its embed, the subscription's role mention when it has one, and the alert's
 * buttons (mute its topic, why it was sent).
 */
export function formatAlertMessage(alert: Alert): RESTPostAPIChannelMessageJSONBody {
  if (alert.digest) {
    const { content, embeds } = formatDigest(alert.digest);
    return composeMessage(embeds, [alert.mentionRoleId], content);
  }
  if (alert.compact) return composeCompact([alert]);
  return withButtons(composeMessage([buildAlertEmbed(alert)], [alert.mentionRoleId]), [alert]);
}

/** The kind of message an alert makes: alerts of different kinds never share a message. */
const kindOf = (alert: Alert) => (alert.digest ? 'digest' : alert.compact ? 'compact' : 'embed');

/**
 * Several alerts for one channel packed into as few messages as possible, greedily and in order:
 * a message takes the next alert while it stays within 10 embeds and 6,000 embed characters.
 * Each message mentions the union of its alerts' roles, and may ping only those.
 */
export function packAlerts(alerts: readonly Alert[]): { alerts: Alert[]; body: RESTPostAPIChannelMessageJSONBody }[] {
  const messages: { alerts: Alert[]; embeds: APIEmbed[]; chars: number }[] = [];
  const first = alerts[0];
  // A digest is its own message; compact alerts pack as lines; only a run of embed alerts packs as embeds.
  if (first && kindOf(first) === 'digest') return [{ alerts: [first], body: formatAlertMessage(first) }, ...packAlerts(alerts.slice(1))];
  if (first && kindOf(first) === 'compact') {
    const run = takeKind(alerts, 'compact');
    const roles = (list: readonly Alert[]) => mentionContent(list.map((a) => a.mentionRoleId));
    const count = compactLinesThatFit(run, roles(run));
    const taken = run.slice(0, count);
    return [{ alerts: taken, body: composeCompact(taken) }, ...packAlerts(alerts.slice(count))];
  }
  for (const alert of takeKind(alerts, 'embed')) {
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
  const packed = messages.map((message) => ({
    alerts: message.alerts,
    body: withButtons(
      composeMessage(
        message.embeds,
        message.alerts.map((alert) => alert.mentionRoleId),
      ),
      message.alerts,
    ),
  }));
  const rest = alerts.slice(packed.reduce((n, m) => n + m.alerts.length, 0));
  return rest.length > 0 ? [...packed, ...packAlerts(rest)] : packed;
}

function takeKind(alerts: readonly Alert[], kind: ReturnType<typeof kindOf>): Alert[] {
  const end = alerts.findIndex((a) => kindOf(a) !== kind);
  return end === -1 ? [...alerts] : alerts.slice(0, end);
}

/** Compact alerts: one line each under the role mentions, and no embed at all. */
function composeCompact(alerts: readonly Alert[]): RESTPostAPIChannelMessageJSONBody {
  const mentions = mentionContent(alerts.map((a) => a.mentionRoleId));
  const lines = alerts.map(compactLine);
  const text = [mentions, ...lines].filter((line) => line !== '').join('\n');
  return { ...composeMessage([], alerts.map((a) => a.mentionRoleId)), content: text.slice(0, DiscordLimit.content) };
}

function mentionContent(roleIds: readonly (string | undefined)[]): string {
  return allowedRoles(roleIds).map((id) => roleMention(id)).join(' ');
}

function allowedRoles(roleIds: readonly (string | undefined)[]): string[] {
  return [...new Set(roleIds.filter((id): id is string => id !== undefined && SNOWFLAKE.test(id)))].slice(0, DiscordLimit.allowedMentionRoles);
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
function composeMessage(embeds: APIEmbed[], roleIds: readonly (string | undefined)[], text = ''): RESTPostAPIChannelMessageJSONBody {
  const roles = allowedRoles(roleIds);
  const allowedMentions: APIAllowedMentions = roles.length > 0 ? { parse: [], roles } : { parse: [] };
  const content = [roles.map((id) => roleMention(id)).join(' '), text].filter((part) => part !== '').join('\n');
  const withEmbeds = embeds.length > 0 ? { embeds } : {};
  return content === '' ? { ...withEmbeds, allowed_mentions: allowedMentions } : { content, ...withEmbeds, allowed_mentions: allowedMentions };
}
