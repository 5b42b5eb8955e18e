import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord-api-types/v10';
import type { Alert } from '../../delivery/alert';
import { alertWhyKey } from '../../delivery/alert-why';

const CUSTOM_ID_MAX = 100;
const LABEL_MAX = 80;
/** One row holds five buttons: "Why" and at most four topics to mute. */
const MAX_MUTE_BUTTONS = 4;
export const MUTE_HOURS = 24;

/**
 * Custom ids carry everything a click needs, so buttons keep working after a restart: the topic to mute,
 * or the key of the alert's stored "why" record.
 */
export const alertButtonId = {
  mute: (topicId: string) => `alert:mute:${topicId}`,
  why: (alertId: string) => `alert:why:${alertWhyKey(alertId)}`,
};

export type AlertButton = { kind: 'mute'; topicId: string } | { kind: 'why'; whyKey: string };

export function parseAlertButtonId(customId: string): AlertButton | undefined {
  const [prefix, kind, ...rest] = customId.split(':');
  const value = rest.join(':');
  if (prefix !== 'alert' || value === '') return undefined;
  if (kind === 'mute') return { kind: 'mute', topicId: value };
  if (kind === 'why') return { kind: 'why', whyKey: value };
  return undefined;
}

/**
 * The row under an instant alert: "Mute <topic> 24 h" for each of its topics (up to four) and "Why this
 * alert?". Undefined when the alert names no topic. A topic id too long for a custom id gets no button.
 */
export function alertButtonRow(alert: Alert): APIActionRowComponent<APIButtonComponent> | undefined {
  if (alert.topics.length === 0) return undefined;
  const mutes: APIButtonComponent[] = alert.topics
    .filter((t) => alertButtonId.mute(t.id).length <= CUSTOM_ID_MAX)
    .slice(0, MAX_MUTE_BUTTONS)
    .map((t) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: fitLabel(alert.topics.length === 1 ? `Mute topic ${MUTE_HOURS} h` : `Mute ${t.name} ${MUTE_HOURS} h`),
      custom_id: alertButtonId.mute(t.id),
    }));
  const why: APIButtonComponent = { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Why this alert?', custom_id: alertButtonId.why(alert.id) };
  return { type: ComponentType.ActionRow, components: [...mutes, why] };
}

function fitLabel(label: string): string {
  const chars = [...label];
  return chars.length <= LABEL_MAX ? label : `${chars.slice(0, LABEL_MAX - 1).join('')}…`;
}
