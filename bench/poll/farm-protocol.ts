/** Messages between the bot process and the feed-farm process (over the fork IPC channel). */

export type ToFarm = { kind: 'cycle'; cycle: number } | { kind: 'stop' };

export type FromFarm =
  | { kind: 'ready'; origins: string[] }
  | { kind: 'cycle-ready'; cycle: number; changedFeeds: number; newItems: number; bodyBytes: number };
