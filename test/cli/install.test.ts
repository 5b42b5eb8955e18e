import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('installing and starting from a checkout', () => {
  it('declares every dependency with an install script in allowScripts, so npm 11 does not warn', () => {
    const lock = readJson('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts).toEqual(expect.arrayContaining(['sqlite3', '@swc/core']));
    const allowed = readJson('package.json').allowScripts as Record<string, boolean>;
    for (const name of withScripts) expect({ name, allowed: allowed[name] }).toEqual({ name, allowed: true });
  });

  it('rebuilds changed sources before npm start, not only when dist/ is missing', () => {
    const scripts = readJson('package.json').scripts as Record<string, string>;
    expect(scripts.prestart).toContain('tsc -p tsconfig.build.json --incremental');
  });

  it('has a section in docs/feed-quirks.md for every "feed-quirks §N" the code cites', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'feed-quirks.md'), 'utf8');
    const sections = new Set([...doc.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1])));
    const cited = sourceFiles(join(ROOT, 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/feed-quirks §(\d+)/g)].map((m) => ({ file, section: Number(m[1]) })));
    expect(cited.length).toBeGreaterThan(0);
    for (const { file, section } of cited) expect({ file, section, documented: sections.has(section) }).toEqual({ file, section, documented: true });
  });
});
