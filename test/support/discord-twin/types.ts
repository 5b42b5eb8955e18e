/** Public types of the Discord twin: a local stand-in for Discord's REST API v10 and gateway. */

export interface TwinOptions {
  token?: string;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /** Recommended shard count reported by GET /gateway/bot. */
  shards?: number;
  /** Sent in HELLO; discord.js jitters its first heartbeat inside this interval. */
  heartbeatIntervalMs?: number;
  rateLimits?: {
    perChannelMessages?: { limit: number; windowMs: number };
    globalPerSecond?: number;
  };
  /** Discord's 3 s window for the first interaction callback. */
  interactionTimeoutMs?: number;
  /** How long invokeCommand waits for the edit or follow-up after a deferral. */
  deferredTimeoutMs?: number;
  /** Quiet time after the answer before invokeCommand resolves, so an immediate follow-up is included. */
  settleMs?: number;
  /** Print unknown routes to stderr (once per route). Default true. */
  warnUnknownRoutes?: boolean;
  now?: () => number;
  /**
   * How long `enforce_nonce` returns the earlier message for a repeated nonce in a channel (Discord: "a few
   * minutes"; default 5 min). Shorten it, or move `now`, to play out a restart after the window.
   */
  nonceWindowMs?: number;
}

export interface TwinGuildInput {
  id?: string;
  name?: string;
  ownerId?: string;
  /** `type` 15 is a forum; `availableTags` names its tags (ids are assigned). */
  channels?: { id?: string; name: string; type?: number; availableTags?: string[] }[];
  roles?: { id?: string; name: string; permissions?: string }[];
  members?: { userId: string; username?: string; roles?: string[]; permissions?: MemberPreset }[];
  /** Name of the channel Discord posts system messages in (`system_channel_id`); default none. */
  systemChannel?: string;
}

export type MemberPreset = 'admin' | 'manage-guild' | 'member';

export interface TwinChannel {
  readonly id: string;
  readonly name: string;
  readonly type: number;
}

/** A post in a forum channel: its thread and its first message (whose id is the thread's). */
export interface TwinForumPost {
  threadId: string;
  name: string;
  /** The names of the forum tags it carries. */
  tags: string[];
  ownerId: string;
  message: TwinMessage;
}

export interface TwinRole {
  readonly id: string;
  readonly name: string;
  readonly permissions: string;
}

export interface TwinMember {
  readonly userId: string;
  readonly username: string;
  readonly roles: readonly string[];
}

/** What addGuild hands back: ids assigned by the twin, plus a lookup by channel name. */
export interface TwinGuild {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly botRoleId: string;
  readonly channels: readonly TwinChannel[];
  readonly roles: readonly TwinRole[];
  readonly members: readonly TwinMember[];
  channelId(name: string): string;
  roleId(name: string): string;
}

/** A message as the twin stored it: Discord's message shape plus the allowed_mentions that were sent. */
export interface TwinMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: { id: string; username: string; bot: boolean };
  content: string;
  embeds: unknown[];
  allowed_mentions?: unknown;
  nonce?: string | number;
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
  attachments: unknown[];
  /** Action rows with buttons or select menus, as sent. */
  components?: unknown[];
}

/** What a user sees of a message: its text, embeds and components. */
export interface MessageView {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
}

export interface InteractionMessageView extends MessageView {
  flags?: number;
}

/**
 * Everything the bot answered to one interaction. The object stays live: edits and follow-ups that
 * arrive after invokeCommand resolved are still appended to it.
 */
export interface InteractionResult {
  type: number;
  content?: string;
  embeds?: unknown[];
  flags?: number;
  ephemeral: boolean;
  followUps: InteractionMessageView[];
  edits: MessageView[];
  /** The @original message as the user sees it now, including later updates by component clicks. */
  readonly final: MessageView;
  /** Id of the @original message (null before the first answer): what clickButton takes. */
  readonly messageId: string | null;
}

/** Who uses which command where: what a command invocation and an autocomplete request share. */
interface CommandUse {
  guildId: string;
  channelId: string;
  userId: string;
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
}

export interface InvokeCommandInput extends CommandUse {
  options?: Record<string, string | number | boolean>;
}

export interface AutocompleteInput extends CommandUse {
  focused: string;
  options?: Record<string, string>;
}

/** A user clicks a button of a message the bot sent (an interaction response or a channel message). */
export interface ClickButtonInput {
  userId: string;
  messageId: string;
  customId: string;
}

export interface RestLogEntry {
  method: string;
  /** Path after /api/v10, percent-decoded, as discord.js's Routes builds it (no query string). */
  path: string;
  /** 0 when the twin dropped the socket. */
  status: number;
  at: number;
}

export interface FailRestOptions {
  status: 500 | 502 | 503 | 'drop';
  /** How many matching requests fail; default 1 unless untilMs is given. */
  count?: number;
  /** Fail matching requests for this many ms from now. */
  untilMs?: number;
  /** Tested against the path after /api/v10. */
  match?: RegExp;
  /**
   * Stored, answer lost: the request is handled as usual (a message is posted) and only then answered
   * with `status`, or its socket destroyed (`'drop'`) — what a bot sees when Discord's answer goes missing.
   */
  afterStore?: boolean;
}

export interface GatewaySessionView {
  shardId: number;
  shardCount: number;
  identified: boolean;
  sessionId?: string;
}

export interface DiscordTwin {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  addGuild(guild?: TwinGuildInput): TwinGuild;
  removeGuild(guildId: string): void;
  invokeCommand(input: InvokeCommandInput): Promise<InteractionResult>;
  autocomplete(input: AutocompleteInput): Promise<{ name: string; value: string | number }[]>;
  /**
   * Sends a MESSAGE_COMPONENT interaction (type 3) for a button of a message, as Discord does when it is
   * clicked; resolves like invokeCommand. Rejects when the button does not exist or is disabled, or when
   * the message is ephemeral and the user is not the one who saw it.
   */
  clickButton(input: ClickButtonInput): Promise<InteractionResult>;
  messages(channelId: string): TwinMessage[];
  waitForMessages(channelId: string, count: number, timeoutMs?: number): Promise<TwinMessage[]>;
  /** The posts of a forum channel, oldest first. */
  forumPosts(forumId: string): TwinForumPost[];
  /** Deletes a message as a moderator would; false when there was none. */
  deleteMessage(channelId: string, messageId: string): boolean;
  readonly commands: { global: unknown[]; guild: Map<string, unknown[]> };
  readonly requests: RestLogEntry[];
  failRest(options: FailRestOptions): void;
  /** Ends every injected fault at once: Discord is back. */
  clearFaults(): void;
  dropGateway(code?: number): void;
  deleteChannel(guildId: string, channelId: string): void;
  setBotPermissions(guildId: string, channelId: string, allow: boolean): void;
  /** Grants or denies the bot Read Message History in a channel (GET …/messages then returns no messages). */
  setBotHistoryAccess(guildId: string, channelId: string, allow: boolean): void;
  gatewaySessions(): GatewaySessionView[];
  /** A fresh snowflake; with a shard, one whose guild would live on that shard. */
  newSnowflake(onShard?: { shardId: number; shardCount: number }): string;
  close(): Promise<void>;
}
