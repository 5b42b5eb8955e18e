import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createApp } from '../../src/app/create-app';
import type { App, AppOptions } from '../../src/app/app-options';
import type { RadarConfig } from '../../src/config/config-schema';
import type { Environment } from '../../src/config/environment';
import { parseConfigText } from '../../src/config/load-config';
import { createSilentLogger } from '../../src/shared/logger';

/**
 * Building the app from YAML the way `radar` does (parseConfigText, then createApp), in one place for the
 * tests, and the same YAML as a file for tests that run a real `radar` process. A test states only what
 * it is about; the rest is the loopback defaults below.
 */

/** The server member with Manage Server that the Discord twin tests act as. */
export const ADMIN = '100000000000000001';

/** The topics every test config carries unless it gives its own. */
export const TEST_TOPICS = [
  { id: 'heavy-rare-earths', name: 'Heavy rare earths', colour: '#8e44ad', rules: ['heavy rare earth, dysprosium, terbium'] },
  { id: 'japan-supply-chain', name: "Japan's supply chain", colour: '#e74c3c', rules: ['JOGMEC, Sojitz', 'Lynas AND (Japan OR JOGMEC)'] },
  { id: 'prices-markets', name: 'Prices and markets', colour: '#f1c40f', rules: ['NdPr, rare earth futures'] },
];

/** A schedule that never comes round in a test: polls happen when the test says. */
export const MANUAL_SCHEDULE = '0 0 1 1 *';

/**
 * Limits for feeds on 127.0.0.1. Every test feed is on one host, which the politeness gap would otherwise
 * serialise. A loopback fetch is quick, but a starved process on a busy machine is not: the timeout only
 * catches a hang (tests of it set their own).
 */
export const LOOPBACK_LIMITS = { firstPollMaxItems: 10, minHostIntervalMs: 0, requestTimeoutMs: 30_000 };

/** The YAML text of a config with these settings: loopback feeds allowed, TEST_TOPICS unless given. */
function configYaml(settings: Record<string, unknown>): string {
  return stringify({ allowPrivateFeedAddresses: true, topics: TEST_TOPICS, ...settings });
}

/** The config a YAML file with these settings gives. */
export function configFromYaml(settings: Record<string, unknown>): RadarConfig {
  return parseConfigText(configYaml(settings), 'test.yaml');
}

/**
 * Writes `radar.yaml` for a real `radar` process into `dir` and returns its path: the same YAML, with
 * its SQLite store in `dir` and LOOPBACK_LIMITS unless the settings give their own.
 */
export function writeConfigFile(dir: string, settings: Record<string, unknown>): string {
  const file = join(dir, 'radar.yaml');
  writeFileSync(file, configYaml({ store: `sqlite://${join(dir, 'radar.sqlite')}`, limits: LOOPBACK_LIMITS, ...settings }));
  return file;
}

type AppRigOptions = Partial<AppOptions> & { settings: Record<string, unknown>; storeUrl: string };

/** A console-mode app (no Discord) over `storeUrl`, quiet, whose alerts go to `deliver`. */
export function createConsoleApp(options: AppRigOptions & { deliver: NonNullable<AppOptions['consoleSink']>['deliver'] }): Promise<App> {
  const { settings, deliver, ...rest } = options;
  return createApp({ config: configFromYaml(settings), env: { logLevel: 'silent' }, logger: createSilentLogger(), consoleSink: { deliver }, ...rest });
}

/**
 * A Discord-mode app, as `start` builds it, whose REST and gateway are the Discord twin's (`env` can
 * point REST elsewhere, or shard the gateway). Quiet unless given a logger.
 */
export function createTwinApp(options: Omit<AppRigOptions, 'env'> & { twin: { token: string; apiUrl: string }; env?: Partial<Environment> }): Promise<App> {
  const { settings, twin, env, ...rest } = options;
  return createApp({ config: configFromYaml(settings), env: { discordToken: twin.token, discordApiUrl: twin.apiUrl, logLevel: 'silent', ...env }, logger: createSilentLogger(), ...rest });
}
