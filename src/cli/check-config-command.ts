import { configRules } from '../config/to-domain';
import { EXIT_OK, loadConfigFor, type CliContext } from './cli-context';

/** Validates the config (load throws ConfigError → exit 2) and summarises what it will do. */
export async function checkConfigCommand(ctx: CliContext): Promise<number> {
  const { file, config } = loadConfigFor(ctx);
  const rules = configRules(config);
  const lines = [
    `${file}: OK`,
    `  schedule: ${config.schedule}`,
    `  store:    ${config.store}`,
    `  feeds:    ${config.feeds.length}`,
    ...config.feeds.map((f) => `    ${f.id.padEnd(28)} ${f.url}${f.intervalMinutes ? ` (every ${f.intervalMinutes} min)` : ''}`),
    `  topics:   ${config.topics.length}, with ${rules.length} rules`,
    ...config.topics.map((t) => `    ${t.id.padEnd(28)} ${t.name} — ${t.rules.length} rule${t.rules.length === 1 ? '' : 's'}`),
  ];
  ctx.stdout(lines.join('\n'));
  return EXIT_OK;
}
