import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events, REST, type Client } from 'discord.js';
import { loadConfig } from '../../../src/config/load-config';
import { configFeeds, configRules, configTopics } from '../../../src/config/to-domain';
import type { BotDeps, StatusReport } from '../../../src/discord/bot-deps';
import { probeFeed } from '../../../src/feeds/probe-feed';
import { registerCommands } from '../../../src/discord/commands/register-commands';
import { COMMAND_TABLE } from '../../../src/discord/commands/definitions';
import { handleInteraction } from '../../../src/discord/interactions/handle-interaction';
import { createRuleSetCache } from '../../../src/rules/rule-set-cache';
import { createGuildSettingsStore } from '../../../src/store/guild-settings-store';
import type { KeyValue } from '../../../src/store/key-value';
import { openStore } from '../../../src/store/open-store';
import { loginBot, startDiscordTwin, type DiscordTwin } from '../../support/discord-twin';
import { createRecordingLogger, type LogEntry } from '../../support/recording-logger';

export interface CommandHarness {
  twin: DiscordTwin;
  /** The client logged in now (a new one after restartBot). */
  readonly client: Client<true>;
  /** Destroys the client and logs in a fresh one with the same deps, as a restart of the bot would. */
  restartBot(): Promise<void>;
  deps: BotDeps;
  logs: LogEntry[];
  /** How often deps.onSettingsChanged was called. */
  settingsChanges(): number;
  /** Replaces what deps.status does (default: returns `report`). */
  setStatus(status: BotDeps['status']): void;
  close(): Promise<void>;
}

/**
 * The real discord.js client logged into the Discord twin, routing interactions to handleInteraction
 * with real deps: SQLite in a temp dir, the built-in topics and rules of config/default.yaml.
 */
export async function startCommandHarness(report: StatusReport): Promise<CommandHarness> {
  const twin = await startDiscordTwin({ warnUnknownRoutes: false });
  const dir = mkdtempSync(join(tmpdir(), 'radar-commands-'));
  let kv: KeyValue | undefined;
  let client: Client<true> | undefined;
  try {
    kv = await openStore(`sqlite://${join(dir, 'radar.sqlite')}`);
    const config = loadConfig(join(__dirname, '../../../config/default.yaml'));
    const logger = createRecordingLogger();
    let changes = 0;
    let status: BotDeps['status'] = async () => report;
    const deps: BotDeps = {
      guilds: createGuildSettingsStore(kv),
      builtInTopics: configTopics(config),
      builtInRules: configRules(config),
      builtInFeeds: configFeeds(config),
      ruleSets: createRuleSetCache(),
      checkFeedUrl: async (url) => (/^https?:\/\//i.test(url) ? { ok: true, url } : { ok: false, error: 'only http and https feeds can be polled' }),
      // the real fetch and parse, against the loopback feed server of the test
      probeFeed: (url) => probeFeed(url, { timeoutMs: 60_000, maxBodyBytes: 1_000_000, maxRedirects: 3 }, new Date()),
      status: (guildId) => status(guildId),
      onSettingsChanged: () => void changes++,
      now: () => new Date(),
      logger,
    };
    await registerCommands(new REST({ api: twin.apiUrl }).setToken(twin.token), twin.applicationId);
    const login = async (): Promise<Client<true>> => {
      const logged = await loginBot(twin);
      logged.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, deps, COMMAND_TABLE));
      return logged;
    };
    client = await login();
    const opened = { kv, client };
    return {
      twin,
      get client() {
        return opened.client;
      },
      async restartBot() {
        await opened.client.destroy();
        opened.client = await login();
      },
      deps,
      logs: logger.entries,
      settingsChanges: () => changes,
      setStatus: (next) => void (status = next),
      async close() {
        await opened.client.destroy();
        await twin.close();
        await opened.kv.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error: unknown) {
    await client?.destroy();
    await twin.close();
    await kv?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
