import type { App } from '../../src/app/app-options';
import type { Environment } from '../../src/config/environment';
import { eventually } from '../support/eventually';
import { ADMIN, createTwinApp, MANUAL_SCHEDULE } from '../support/app-rig';
import { startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';
import { freshRedisUrl, redisAvailable, tempSqliteUrl } from '../support/stores';

const REDIS_DB = 9; // this file's own logical database
const settings = { schedule: MANUAL_SCHEDULE, feeds: [{ id: 'wire', name: 'Wire', url: 'http://127.0.0.1:9/wire.xml' }] };

/** The gateway split in two shards: both identify, and a server on each shard gets its slash commands answered. */
describe('a sharded gateway against the Discord twin', () => {
  let twin: DiscordTwin;
  let guilds: TwinGuild[];
  const apps: App[] = [];
  const cleanups: (() => void)[] = [];
  beforeEach(async () => {
    twin = await startDiscordTwin({ shards: 2, warnUnknownRoutes: false });
    guilds = [0, 1].map((shardId) =>
      twin.addGuild({ id: twin.newSnowflake({ shardId, shardCount: 2 }), name: `Shard ${shardId}`, channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] }),
    );
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    await twin.close();
    cleanups.splice(0).forEach((cleanup) => cleanup());
  });
  const start = async (env: Partial<Environment>, storeUrl: string) => {
    const app = await createTwinApp({ settings, twin, env, storeUrl });
    apps.push(app);
    await app.start();
  };
  const answersOnEveryShard = async () => {
    await eventually(() => expect(twin.commands.global.length).toBeGreaterThan(0), 10_000);
    for (const guild of guilds) {
      const reply = await twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: ADMIN, name: 'subscribe', options: { channel: guild.channelId('alerts') } });
      expect(reply.final.content).toContain('Subscribed');
    }
  };

  it('runs both shards in one process with SHARDS=2', async () => {
    const tmp = tempSqliteUrl();
    cleanups.push(tmp.cleanup);
    await start({ shards: 2 }, tmp.url);
    expect(twin.gatewaySessions().filter((s) => s.identified).map((s) => `${s.shardId}/${s.shardCount}`).sort()).toEqual(['0/2', '1/2']);
    await answersOnEveryShard();
  });

  it('runs one shard per instance with SHARD_ID and SHARD_COUNT, sharing one Redis', async () => {
    if (!(await redisAvailable())) return;
    const url = await freshRedisUrl(REDIS_DB);
    await Promise.all([start({ shard: { id: 0, count: 2 } }, url), start({ shard: { id: 1, count: 2 } }, url)]);
    expect(twin.gatewaySessions().filter((s) => s.identified).map((s) => `${s.shardId}/${s.shardCount}`).sort()).toEqual(['0/2', '1/2']);
    await answersOnEveryShard();
    // Registered by one instance only: the other found the job claimed (or the commands up to date).
    expect(twin.requests.filter((r) => r.method === 'PUT' && /\/commands$/.test(r.path))).toHaveLength(1);
  });
});
