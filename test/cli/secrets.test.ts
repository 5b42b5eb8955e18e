import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { writeConfigFile } from '../support/app-rig';

// Made up for this test; neither is shaped like a Discord token, so only the exact values can catch them.
const TOKEN = 'plain-test-token-4d1f9b27e0';
const PASSWORD = 'Hunter2-store-pass';

/** Every line the CLI printed, stdout and stderr. */
const printed = (run: { stdout: string; stderr: string }) => `${run.stdout}\n${run.stderr}`;

describe('secrets in CLI output', () => {
  let dir: string;
  let echo: Server | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radar-secrets-'));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (echo ? echo.close(() => resolve()) : resolve()));
    echo = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('check-config shows the store without its password', async () => {
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: 'https://news.example/feed.xml' }], store: `redis://radar:${PASSWORD}@127.0.0.1:6381/9` });
    const run = await runCli(['check-config', '--config', config]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('store:    redis://radar:[redacted]@127.0.0.1:6381/9');
    expect(printed(run)).not.toContain(PASSWORD);
  });

  it('a refused --store URL is named without its password', async () => {
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: 'https://news.example/feed.xml' }] });
    for (const store of [`mysql://radar:${PASSWORD}@db.example/radar`, `redis://radar:${encodeURIComponent(`${PASSWORD}/#`)}@127.0.0.1:1/zero`]) {
      const run = await runCli(['once', '--config', config, '--store', store], {}, 30_000);
      expect(run.code).not.toBe(0);
      expect(run.stderr).not.toBe('');
      expect(printed(run)).not.toContain(PASSWORD);
    }
  });

  it('an error nobody caught is printed without the token', async () => {
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: 'https://news.example/feed.xml' }] });
    const preload = join(__dirname, '..', 'support', 'throw-uncaught.js');
    const run = await runCli(['check-config', '--config', config], { DISCORD_TOKEN: TOKEN, NODE_OPTIONS: `--require ${preload}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unexpected error: Error: library failure with credentials [redacted]');
    expect(printed(run)).not.toContain(TOKEN);
  });

  it('a login error that echoes the token prints the error without the token', async () => {
    // A proxy in front of Discord that quotes the credentials it refused, as some do.
    echo = createServer((request, response) => {
      const credentials = String(request.headers.authorization ?? '').replace(/^Bot /, '');
      response.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 50035, message: `refused credentials ${credentials} for ${request.url}` }));
    });
    await new Promise<void>((resolve) => echo?.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/api`;
    const config = writeConfigFile(dir, { feeds: [{ id: 'wire', name: 'Wire', url: 'https://news.example/feed.xml' }] });
    const run = await runCli(['start', '--config', config], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: apiUrl, LOG_LEVEL: 'debug' }, 60_000);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('refused credentials [redacted]');
    expect(printed(run)).not.toContain(TOKEN);
  });
});
