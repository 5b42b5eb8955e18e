import { stringify } from 'yaml';
import { createApp } from '../../src/app/create-app';
import type { App, AppOptions } from '../../src/app/app-options';
import type { RadarConfig } from '../../src/config/config-schema';
import { parseConfigText } from '../../src/config/load-config';
import { createSilentLogger } from '../../src/shared/logger';
import { TEST_TOPICS } from './write-config';

/**
 * Building the app from YAML the way `radar` does (parseConfigText, then createApp), in one place for the
 * tests. A test states only what it is about; the rest is the loopback defaults below.
 */

/** The server member with Manage Server that the Discord twin tests act as. */
export const ADMIN = '100000000000000001';

/** The config a YAML file with these settings gives: loopback feeds allowed, TEST_TOPICS unless given. */
export function configFromYaml(settings: Record<string, unknown>): RadarConfig {
  return parseConfigText(stringify({ allowPrivateFeedAddresses: true, topics: TEST_TOPICS, ...settings }), 'test.yaml');
}

/** A console-mode app (no Discord) over `storeUrl`, quiet, whose alerts go to `deliver`. */
export function createConsoleApp(options: Partial<AppOptions> & { settings: Record<string, unknown>; storeUrl: string; deliver: NonNullable<AppOptions['consoleSink']>['deliver'] }): Promise<App> {
  const { settings, deliver, ...rest } = options;
  return createApp({ config: configFromYaml(settings), env: { logLevel: 'silent' }, logger: createSilentLogger(), consoleSink: { deliver }, ...rest });
}
