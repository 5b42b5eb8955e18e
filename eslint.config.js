// Lint: typescript-eslint's recommended rules, plus the dependency direction of the architecture (README
// "Architecture") as ALLOW-lists: each folder of src/ names the folders and third-party libraries it may
// import; anything else is an error, including a new folder nobody listed and any file directly in src/
// but cli.ts. Each library is listed for one folder only, so it can be swapped or faked in one place.
// Node's built-in modules are open to every listed folder. The rule: lint/import-boundaries.js.
const js = require('@eslint/js');
const path = require('node:path');
const tseslint = require('typescript-eslint');
const importBoundaries = require('./lint/import-boundaries');

/** Folder (or file directly in src/) → what it may import besides itself. */
const allowed = {
  // The innermost layer: the logger and error classes.
  shared: { folders: [], libraries: ['pino', 'pino-pretty'] },
  // Pure: the keyword language and recognising one story across outlets know nothing of feeds, storage or Discord.
  rules: { folders: ['shared'] },
  stories: { folders: ['shared'] },
  // Fetch (HTTP, charset) → parse → normalise: knows nothing of rules, storage or Discord.
  feeds: { folders: ['shared'], libraries: ['entities', 'iconv-lite', 'p-limit', 'rss-parser', 'undici'] },
  // A server's settings and their pure edits; storage and Discord depend on it, not the reverse.
  guilds: { folders: ['rules', 'shared'] },
  // Validates config/*.yaml and the environment (asks poll/ whether a cron expression runs).
  config: { folders: ['feeds', 'poll', 'rules', 'shared'], libraries: ['yaml', 'zod'] },
  // Repositories and their keyv implementations; they store delivery's alerts, never Discord's objects.
  store: { folders: ['delivery', 'feeds', 'guilds', 'rules', 'shared', 'stories'], libraries: ['keyv', '@keyv/redis', '@keyv/sqlite'] },
  // Due feeds → fetch → new items → match, and the schedule that runs it.
  poll: { folders: ['feeds', 'guilds', 'rules', 'shared', 'store', 'stories'], libraries: ['node-cron'] },
  // Route → outbox → send, through the AlertSender port: Discord plugs in from outside.
  delivery: { folders: ['feeds', 'guilds', 'poll', 'rules', 'shared', 'store', 'stories'] },
  // Reports on the bot through injected checks; imports neither Discord nor storage.
  observability: { folders: ['delivery', 'poll', 'shared'], libraries: ['prom-client'] },
  // The only folder that speaks Discord.
  discord: { folders: ['config', 'delivery', 'feeds', 'guilds', 'preview', 'rules', 'shared', 'store', 'stories'], libraries: ['discord.js', 'discord-api-types'] },
  // Renders the real alert payload to HTML; discord.js itself stays in discord/.
  preview: { folders: ['config', 'delivery', 'discord', 'feeds', 'rules', 'shared', 'store'] },
  // The composition root: the one place that wires every folder together.
  app: { folders: ['config', 'delivery', 'discord', 'feeds', 'guilds', 'observability', 'poll', 'rules', 'shared', 'store', 'stories'] },
  // The commands, and the entry point that dispatches to them.
  cli: { folders: ['app', 'config', 'discord', 'feeds', 'poll', 'preview', 'rules', 'shared'] },
  'cli.ts': { folders: ['cli', 'config', 'shared'] },
};

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '*.js', 'lint/*.js', 'test/support/*.js', 'bench/results*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error'],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { radar: { rules: { 'import-boundaries': importBoundaries } } },
    rules: { 'radar/import-boundaries': ['error', { srcRoot: path.join(__dirname, 'src'), allowed }] },
  },
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { 'no-console': 'off' } },
);
