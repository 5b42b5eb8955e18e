// Lint: typescript-eslint's recommended rules, plus the dependency direction of the architecture
// (README "Architecture"): the core (rules, feeds) knows nothing of storage or Discord, the store knows
// nothing of Discord, only discord/ imports discord.js, and only app.ts / cli wire everything together.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const pattern = (group, message) => ({ group, message });
const outer = ['**/app', '**/cli', '**/cli/**'];
const discordLibs = ['discord.js', '@discordjs/*', 'discord-api-types', 'discord-api-types/*'];
const storeLibs = ['keyv', '@keyv/*'];

/** Folder → imports it must not make. */
const boundaries = {
  'src/shared/**': [pattern(['**/stories/**', '**/rules/**', '**/feeds/**', '**/store/**', '**/pipeline/**', '**/discord/**', '**/config/**', ...outer], 'shared/ is the innermost layer: it imports no other folder.')],
  'src/rules/**': [pattern(['**/feeds/**', '**/store/**', '**/pipeline/**', '**/discord/**', '**/config/**', ...outer, ...discordLibs, ...storeLibs, 'rss-parser', 'node-cron'], 'rules/ is pure: the keyword language knows nothing of feeds, storage or Discord.')],
  'src/feeds/**': [pattern(['**/rules/**', '**/store/**', '**/pipeline/**', '**/discord/**', '**/config/**', ...outer, ...discordLibs, ...storeLibs, 'node-cron'], 'feeds/ fetches and normalises; it knows nothing of rules, storage or Discord.')],
  'src/guilds/**': [pattern(['**/store/**', '**/pipeline/**', '**/discord/**', '**/config/**', ...outer, ...discordLibs, ...storeLibs, 'rss-parser', 'node-cron'], 'guilds/ holds a server\'s settings and pure edits; storage and Discord depend on it, not the reverse.')],
  'src/stories/**': [pattern(['**/feeds/**', '**/rules/**', '**/store/**', '**/pipeline/**', '**/discord/**', '**/config/**', '**/guilds/**', '**/alerts/**', ...outer, ...discordLibs, ...storeLibs, 'rss-parser', 'node-cron'], 'stories/ is pure: recognising one story across outlets knows nothing of feeds, storage or Discord.')],
  'src/alerts/**': [pattern(['**/store/**', '**/pipeline/**', '**/discord/**', '**/config/**', '**/guilds/**', ...outer, ...discordLibs, ...storeLibs, 'rss-parser', 'node-cron'], 'alerts/ is the core shape of an alert and its sending port.')],
  'src/config/**': [pattern(['**/store/**', '**/pipeline/**', '**/discord/**', ...outer, ...discordLibs, ...storeLibs, 'rss-parser'], 'config/ validates; it depends only on the core.')],
  'src/store/**': [pattern(['**/pipeline/**', '**/discord/**', ...outer, ...discordLibs, 'rss-parser', 'node-cron'], 'store/ depends on the core only, never on Discord or the pipeline.')],
  'src/pipeline/**': [pattern(['**/discord/**', ...outer, ...discordLibs, ...storeLibs, 'rss-parser'], 'pipeline/ talks to storage and delivery through interfaces; Discord plugs in from outside.')],
  'src/observability/**': [pattern(['**/discord/**', ...outer, ...discordLibs, ...storeLibs, 'rss-parser', 'node-cron'], 'observability/ reports on the bot through injected checks; it imports neither Discord nor storage.')],
  'src/preview/**': [pattern([...outer, ...discordLibs, ...storeLibs, 'rss-parser', 'node-cron'], 'preview/ renders the real alert payload; discord.js itself stays in discord/.')],
  'src/discord/**': [pattern([...outer, ...storeLibs, 'rss-parser', 'node-cron'], 'discord/ depends on the core and store interfaces; wiring happens in app.ts.')],
};

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '*.js', 'test/support/*.js', 'bench/results*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error'],
    },
  },
  ...Object.entries(boundaries).map(([folder, patterns]) => ({
    files: [`${folder.replace('/**', '')}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  { files: ['test/**/*.ts', 'bench/**/*.ts'], rules: { 'no-console': 'off' } },
);
