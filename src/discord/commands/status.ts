import type { StatusReport } from '../bot-deps';
import { defineCommand } from '../interactions/command-args';
import { commandRoute, type ListRoute } from '../interactions/command-route';
import { GUILD_ONLY, type CommandGroup } from './command-defaults';
import { feedHealthText } from './feed-health';
import { discordTime } from './list-reply';
import { showList } from './paged-list';
import { inlineCode } from './rule-lines';

export const statusDefinition = defineCommand({
  name: 'status',
  description: 'Is the radar working? Polls, feed health, recent alerts, undeliverable subscriptions',
  ...GUILD_ONLY,
});

/** The summary lines first, so that when the list is cut, the failing feeds and broken subscriptions go last. */
export function statusLines(report: StatusReport): string[] {
  const ok = report.feeds.filter((f) => f.ok === true).length;
  // Feeds down for a day first: they need a person, the others usually recover by themselves.
  const failing = report.feeds.filter((f) => f.ok === false).sort((a, b) => Number(b.failingLong === true) - Number(a.failingLong === true));
  const long = failing.filter((f) => f.failingLong).length;
  const pending = report.feeds.length - ok - failing.length;
  const waiting = report.pendingAlerts > 0 ? ` (${report.pendingAlerts} waiting to be sent)` : '';
  return [
    `Last poll: ${report.lastPollAt ? discordTime(report.lastPollAt) : 'none yet'} · next poll: ${report.nextPollAt ? discordTime(report.nextPollAt) : 'not scheduled'}`,
    `Feeds: ${ok} OK, ${failing.length} failing${long > 0 ? ` (${long} for over 24 h)` : ''}${pending > 0 ? `, ${pending} not polled yet` : ''}`,
    `Alerts posted in the last 24 h: ${report.alertsLast24h}${waiting}`,
    ...failing.map((f) => `• ${inlineCode(f.id)} **${f.name}** — ${feedHealthText(f)}`),
    ...(report.broken.length > 0 ? ['**Subscriptions that cannot be delivered**'] : []),
    ...report.broken.map((b) => {
      const topic = b.topicId ? ` (${inlineCode(b.topicId)})` : '';
      return `⚠️ <#${b.channelId}>${topic} — ${b.reason}, since ${discordTime(b.at)}. Fix it, then /subscribe again.`;
    }),
    ...noticeLines(report.notices ?? []),
  ];
}

function noticeLines(notices: NonNullable<StatusReport['notices']>): string[] {
  if (notices.length === 0) return [];
  const about = (cause: string) => (cause.startsWith('broken:') ? `alerts stopped in <#${cause.slice('broken:'.length)}>` : cause.startsWith('feed:') ? `feed ${inlineCode(cause.slice('feed:'.length))} failing for a day` : cause);
  return [
    '**Notices posted in this server (last 7 days)**',
    ...notices.map((n) => `• ${discordTime(n.at)} — ${about(n.cause)}${n.channelId ? `, posted in <#${n.channelId}>` : ', but no channel would take it'}`),
  ];
}

const statusList: ListRoute = {
  kind: 'status',
  view: async ({ deps, guildId }) => ({ heading: '**Rare Earth Radar status**', lines: statusLines(await deps.status(guildId)) }),
};

export const statusCommands: CommandGroup = {
  definitions: [statusDefinition],
  commands: [
    commandRoute(statusDefinition, {
      run: (context) => showList(statusList, context),
    }),
  ],
  autocompletes: [],
  lists: [statusList],
};
