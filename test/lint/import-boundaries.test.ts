import { join } from 'node:path';
import { ESLint } from 'eslint';

/**
 * The folder allow-lists of eslint.config.js, run through ESLint itself on code that exists only here:
 * what a folder did not list is refused, and so is every import of a folder nobody listed.
 */
const root = join(__dirname, '../..');
// Jest cannot run ESLint's own (dynamic import) loading of the config file: the same file is required here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(join(root, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'radar/import-boundaries').map((m) => m.message);
}

describe('import allow-lists (eslint.config.js)', () => {
  it.each([
    ['a new folder importing shared/', 'src/zzz/x.ts', "import { createLogger } from '../shared/logger';\nexport const x = createLogger;\n"],
    ['a new folder importing a Node built-in', 'src/zzz/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['a new file directly in src/', 'src/helpers.ts', "import { UserError } from './shared/errors';\nexport const x = UserError;\n"],
    ['rules/ importing the store', 'src/rules/x.ts', "import type { KeyValue } from '../store/key-value';\nexport type X = KeyValue;\n"],
    ['poll/ importing discord.js', 'src/poll/x.ts', "import { Client } from 'discord.js';\nexport const x = Client;\n"],
    ['delivery/ importing keyv (store/ owns it)', 'src/delivery/x.ts', "import Keyv from 'keyv';\nexport const x = Keyv;\n"],
    ['store/ importing discord/ lazily', 'src/store/x.ts', "export const x = () => import('../discord/start-bot.js');\n"],
  ])('refuses %s', async (_what, file, code) => {
    expect(await boundaryErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['rules/ importing shared/ and its own folder', 'src/rules/x.ts', "import { UserError } from '../shared/errors';\nimport type { Rule } from './rule';\nexport type X = [Rule, UserError];\n"],
    ['store/ importing keyv and a Node built-in', 'src/store/x.ts', "import Keyv from 'keyv';\nimport { join } from 'node:path';\nexport const x = [Keyv, join];\n"],
    ['the composition root importing poll/ and delivery/', 'src/app/x.ts', "import { runPollCycle } from '../poll/poll-cycle';\nimport { createOutboxSink } from '../delivery/outbox-sink';\nexport const x = [runPollCycle, createOutboxSink];\n"],
  ])('allows %s', async (_what, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
