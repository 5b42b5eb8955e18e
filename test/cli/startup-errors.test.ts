import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDiscordTwin, type DiscordTwin } from '../support/discord-twin';
import { runCli, type CliProcessOptions } from '../support/run-cli';
import { writeConfigFile } from '../support/app-rig';

/** Generous: each of these must fail fast, but a loaded machine may take seconds just to start node. */
const DEADLINE_MS = 60_000;
/** Root ignores file permissions, so the permission cases run the CLI as nobody (uid 65534) instead. */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY: CliProcessOptions = AS_ROOT ? { uid: 65_534, gid: 65_534 } : {};
const STACK_LINE = /\n\s+at /;

describe('start-up mistakes: one line naming the thing and the fix, exit 2, no stack', () => {
  let dir: string;
  let config: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radar-errors-'));
    chmodSync(dir, 0o755); // readable by the unprivileged user the permission cases run as
    // The feed is never fetched: every case stops before the first poll.
    config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: 'http://127.0.0.1:9/wire.xml' }] });
    chmodSync(config, 0o644);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const expectOneLine = (run: { code: number | null; stderr: string }, ...parts: string[]) => {
    expect(run.code).toBe(2);
    for (const part of parts) expect(run.stderr).toContain(part);
    expect(run.stderr).not.toMatch(STACK_LINE);
  };

  it.each([['once'], ['start']])('%s names an unreachable Redis, without its password, within seconds', async (command) => {
    const run = await runCli([command, '--config', config, '--store', 'redis://radar:hunter2-secret@127.0.0.1:1/3'], {}, DEADLINE_MS);
    expectOneLine(run, 'cannot reach Redis at redis://radar:[redacted]@127.0.0.1:1/3 within 5 s');
    expect(run.stderr).not.toContain('hunter2-secret');
  });

  it('names a store path that runs through a file', async () => {
    writeFileSync(join(dir, 'data'), 'not a folder');
    const run = await runCli(['once', '--config', config, '--store', `sqlite://${join(dir, 'data', 'once.sqlite')}`], {}, DEADLINE_MS);
    expectOneLine(run, `store path ${join(dir, 'data', 'once.sqlite')} is inside a file`, `${join(dir, 'data')} exists and is not a folder`);
  });

  it('refuses a store under /proc at once instead of spinning', async () => {
    const run = await runCli(['once', '--config', config, '--store', 'sqlite:///proc/radar/radar.sqlite'], {}, DEADLINE_MS);
    expectOneLine(run, 'store path /proc/radar/radar.sqlite is under /proc, a system folder');
  });

  it('names a store folder this user cannot write, and how to fix its owner', async () => {
    const data = join(dir, 'data');
    mkdirSync(data, { mode: 0o755 });
    if (!AS_ROOT) chmodSync(data, 0o555);
    const run = await runCli(['start', '--config', config, '--store', `sqlite://${join(data, 'radar.sqlite')}`], {}, DEADLINE_MS, NOBODY);
    expectOneLine(run, `store folder ${data} is not writable by this process`, 'chown');
  });

  it('names a read-only database file', async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    chmodSync(data, 0o777);
    const file = join(data, 'radar.sqlite');
    const seeded = await runCli(['once', '--config', config, '--store', `sqlite://${file}`], {}, DEADLINE_MS); // a real database
    expect(seeded.code).toBe(0);
    chmodSync(file, AS_ROOT ? 0o644 : 0o444);
    const run = await runCli(['once', '--config', config, '--store', `sqlite://${file}`], {}, DEADLINE_MS, NOBODY);
    expectOneLine(run, `store file ${file} is read-only for this process`);
  });

  describe('ports and tokens', () => {
    let blocker: Server | undefined;
    let twin: DiscordTwin | undefined;
    afterEach(async () => {
      await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
      await twin?.close();
      blocker = undefined;
      twin = undefined;
    });

    it('names a busy HTTP_PORT', async () => {
      const server = createServer();
      blocker = server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      const run = await runCli(['start', '--config', config], { HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' }, DEADLINE_MS);
      expectOneLine(run, `HTTP_PORT ${port} on 127.0.0.1 is already in use`);
    });

    it('says Discord refused the token, and where to get a new one', async () => {
      twin = await startDiscordTwin();
      const wrong = `${twin.token.slice(0, -6)}wrong1`;
      const run = await runCli(['start', '--config', config], { DISCORD_TOKEN: wrong, DISCORD_API_URL: twin.apiUrl }, DEADLINE_MS);
      expectOneLine(run, 'Discord refused DISCORD_TOKEN (401 Unauthorized)', 'Reset Token');
      expect(run.stderr).not.toContain(wrong);
    });
  });
});

describe('runtime failures', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radar-runtime-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exit 1 with one line, and the stack only at LOG_LEVEL=debug', async () => {
    const out = join(dir, 'missing-folder', 'alert.html');
    const quiet = await runCli(['preview', '--out', out, '--chromium', join(dir, 'no-chromium')], {}, DEADLINE_MS);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toContain(`error: ENOENT: no such file or directory, open '${out}'`);
    expect(quiet.stderr).not.toMatch(STACK_LINE);
    const debug = await runCli(['preview', '--out', out, '--chromium', join(dir, 'no-chromium')], { LOG_LEVEL: 'debug' }, DEADLINE_MS);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(STACK_LINE);
  });
});
