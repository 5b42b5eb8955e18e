import type { InteractionMessageView, InteractionResult, MessageView } from './types';

export const EPHEMERAL_FLAG = 1 << 6;

/** What the bot has answered so far; stays live after invokeCommand resolved. */
export class InteractionRecord implements InteractionResult {
  type = 0;
  content?: string;
  embeds?: unknown[];
  flags?: number;
  ephemeral = false;
  followUps: InteractionMessageView[] = [];
  edits: MessageView[] = [];
  /** The id of the @original message, once there is one. */
  messageId: string | null = null;
  /** The @original message as the user sees it; null before a reply and after deleteReply. */
  private shown: MessageView | null = null;

  get final(): MessageView {
    return this.shown ? { ...this.shown } : {};
  }

  recordInitial(type: number, data: Record<string, unknown> | undefined): void {
    this.type = type;
    const flags = typeof data?.flags === 'number' ? data.flags : undefined;
    if (flags !== undefined) this.flags = flags;
    this.ephemeral = ((flags ?? 0) & EPHEMERAL_FLAG) !== 0;
    // 4 answers with a message; 7 (a component's UPDATE_MESSAGE) shows the updated one
    if ((type !== 4 && type !== 7) || !data) return;
    const view = pickView(data);
    if (view.content !== undefined) this.content = view.content;
    if (view.embeds !== undefined) this.embeds = view.embeds;
    this.shown = view;
  }

  recordEdit(body: Record<string, unknown>): void {
    const view = pickView(body);
    this.edits.push(view);
    this.shown = { ...(this.shown ?? {}), ...view };
  }

  /** The first follow-up after a deferral replaces the "thinking…" message, as Discord does. */
  recordFollowUp(body: Record<string, unknown>, replacesOriginal: boolean): void {
    const view = pickView(body);
    const flags = typeof body.flags === 'number' ? body.flags : undefined;
    this.followUps.push(flags === undefined ? view : { ...view, flags });
    if (replacesOriginal) this.shown = view;
  }

  recordDelete(): void {
    this.shown = null;
  }
}

function pickView(body: Record<string, unknown>): MessageView {
  const view: MessageView = {};
  if (typeof body.content === 'string') view.content = body.content;
  if (Array.isArray(body.embeds)) view.embeds = body.embeds;
  if (Array.isArray(body.components)) view.components = body.components;
  return view;
}
