import { Routes, type APIEmbed } from 'discord.js';
import type { DeliveryRest } from './gated-rest';
import type { SendResult } from '../delivery/alert-sender';
import type { StoryOutlet } from '../stories/story-ledger';
import { classifySendError } from './classify-send-error';
import { withAlsoReported } from './format/also-reported-field';
import { embedLength } from './format/embed-length';
import { toEmbedUrl } from './format/to-embed-url';

/**
 * Reads the posted message and writes it back with the story's embed listing the later outlets. Read
 * first because a packed message carries other alerts' embeds, which the edit must keep as they are.
 * Both requests go through the caller's gated REST: Discord's global limit counts them with the posts.
 */
export async function editAlsoReported(
  rest: DeliveryRest,
  target: { channelId: string; messageId: string; storyLinks: readonly string[] },
  outlets: readonly StoryOutlet[],
  signal?: AbortSignal,
): Promise<SendResult> {
  try {
    const route = Routes.channelMessage(target.channelId, target.messageId);
    const message = (await rest.get(route, { signal })) as { id: string; embeds?: APIEmbed[] };
    const embeds = message.embeds ?? [];
    const links = new Set(target.storyLinks.map(toEmbedUrl));
    const found = embeds.findIndex((e) => e.url !== undefined && links.has(e.url));
    const index = found >= 0 ? found : 0;
    const story = embeds[index];
    if (!story) return { kind: 'rejected', reason: 'the message has no embed to edit' };
    const others = embeds.reduce((sum, e, i) => (i === index ? sum : sum + embedLength(e)), 0);
    const edited = embeds.map((e, i) => (i === index ? withAlsoReported(e, outlets, others) : e));
    await rest.patch(route, { body: { embeds: edited }, signal });
    return { kind: 'sent', messageId: message.id };
  } catch (error: unknown) {
    return classifySendError(error);
  }
}
