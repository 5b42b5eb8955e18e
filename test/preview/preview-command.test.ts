import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../src/cli/cli-context';
import { previewCommand } from '../../src/cli/preview-command';
import { writeFakeChromium } from './fake-chromium';
import { writeConfigFile } from '../support/app-rig';

describe('previewCommand', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radar-preview-cmd-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(positionals: string[], flags: Record<string, string>) {
    const out: string[] = [];
    const err: string[] = [];
    const config = writeConfigFile(dir, { feeds: [{ id: 'mining-wire', name: 'Mining Wire', url: 'http://127.0.0.1:9/feed' }] });
    const ctx: CliContext = { flags: { config, ...flags }, positionals, env: { logLevel: 'silent' }, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
    return previewCommand(ctx).then((code) => ({ code, stdout: out.join('\n'), stderr: err.join('\n') }));
  }

  it('writes the alert page and its PNG when Chromium is there', async () => {
    const chromium = writeFakeChromium(dir);
    const out = join(dir, 'alert.html');
    const result = await run([], { out, chromium: chromium.path, title: 'Sojitz widens its terbium supply' });
    expect(result).toEqual({ code: 0, stdout: `wrote ${out}\nwrote ${join(dir, 'alert.png')}`, stderr: '' });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Sojitz widens its terbium supply');
    expect(html).toContain('<strong>dysprosium</strong>');
    expect(readFileSync(join(dir, 'alert.png'), 'utf8')).toMatch(/^PNG 720,/);
  });

  it('writes HTML only, and says why, when Chromium is missing', async () => {
    const out = join(dir, 'status.html');
    const result = await run(['status'], { out, chromium: join(dir, 'no-such-browser') });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`wrote ${out}`);
    expect(result.stderr).toBe(`Chromium not found at ${join(dir, 'no-such-browser')}; wrote HTML only`);
    expect(readFileSync(out, 'utf8')).toContain('Rare Earth Radar status');
    expect(existsSync(join(dir, 'status.png'))).toBe(false);
  });

  it('writes a digest page: seven sample stories grouped by topic, with links', async () => {
    const out = join(dir, 'digest.html');
    const result = await run(['digest'], { out, chromium: join(dir, 'none') });
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Hourly digest');
    expect(html).toContain('7 stories');
    expect(html.match(/class="link"/g)).toHaveLength(7);
    expect(html.match(/class="embed-title"/g)).toHaveLength(3);
  });

  it('notes that a sample no rule matches would not be posted', async () => {
    const result = await run([], { out: join(dir, 'a.html'), chromium: join(dir, 'none'), title: 'Copper steady', summary: 'Nothing else.' });
    expect(result.stderr).toContain('note: no rule of any topic matches this text');
  });

  it('reports a Chromium that fails', async () => {
    const chromium = writeFakeChromium(dir, { fail: true });
    const result = await run([], { out: join(dir, 'a.html'), chromium: chromium.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^could not make the PNG: Chromium failed/);
  });

  test.each([[['gallery']], [['alert', 'extra']]])('refuses the positionals %j', async (positionals) => {
    const result = await run(positionals, {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^usage: radar preview/);
  });

  it('rejects an unknown topic', async () => {
    await expect(run([], { out: join(dir, 'a.html'), topic: 'gold' })).rejects.toThrow(/unknown topic "gold"/);
  });
});
