import { activeMutes, type GuildSettings } from '../../guilds/guild-settings';
import type { CatalogTopic } from '../../guilds/topic-catalog';
import type { RuleMatch } from '../../rules/compile-rule-set';
import type { Rule } from '../../rules/rule';
import { discordTime } from './list-reply';
import { topicLabel } from './topic-options';

/** Inline code that cannot be broken by a backtick inside the expression. */
export function inlineCode(text: string): string {
  return `\`${text.replaceAll('`', 'ˋ')}\``;
}

/** Built-in rules, then this server's (tagged with its guild id so the rule set keeps them apart). */
export function rulesFor(builtIn: readonly Rule[], settings: GuildSettings): Rule[] {
  return [
    ...builtIn,
    ...settings.rules.map((r) => ({ id: r.id, topicId: r.topicId, expression: r.expression, guildId: settings.guildId })),
  ];
}

/** `/rules list`: per topic, a heading and one line per rule with the id `/rule remove` takes. */
export function ruleListLines(catalog: readonly CatalogTopic[], rules: readonly Rule[]): string[] {
  return catalog.flatMap((topic) => {
    const own = rules.filter((r) => r.topicId === topic.id);
    if (own.length === 0) return [];
    return [`**${topicLabel(topic)}**`, ...own.map((r) => `${inlineCode(r.id)} ${inlineCode(r.expression)}`)];
  });
}

/** `/rules test`: per topic that would fire, the rules that did and the terms they matched. */
export function ruleTestLines(catalog: readonly CatalogTopic[], matches: readonly RuleMatch[], settings: GuildSettings, now: Date): string[] {
  const mutes = activeMutes(settings, now);
  return catalog.flatMap((topic) => {
    const fired = matches.filter((m) => m.topicId === topic.id);
    if (fired.length === 0) return [];
    const mute = mutes.find((m) => m.topicId === topic.id);
    const muted = mute ? ` — muted ${mute.until ? `until ${discordTime(mute.until)}` : 'until /unmute'}, so no alert` : '';
    return [
      `**${topicLabel(topic)}**${muted}`,
      ...fired.map((m) => `• ${inlineCode(m.ruleId)} matched ${m.terms.map((t) => `**${t}**`).join(', ')}`),
    ];
  });
}
