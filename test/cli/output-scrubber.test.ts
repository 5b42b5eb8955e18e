import { createOutputScrubber } from '../../src/cli/output-scrubber';

const env = { logLevel: 'info', discordToken: 'plain-test-token-4d1f9b27e0' };

describe('createOutputScrubber', () => {
  test.each([
    ['the bot token anywhere', env, undefined, 'proxy said: plain-test-token-4d1f9b27e0 refused', 'proxy said: [redacted] refused'],
    ['the password of --store, even outside its URL', env, 'redis://radar:pa%2Fss@db:6379', 'auth failed for pa/ss', 'auth failed for [redacted]'],
    ['the password of RADAR_STORE', { ...env, storeUrl: 'redis://:s3cret-pass@db:6379' }, undefined, 'NOAUTH s3cret-pass', 'NOAUTH [redacted]'],
    ['credentials in any URL, such as the config file store', env, undefined, 'store: redis://u:anything@h:1/2', 'store: redis://u:[redacted]@h:1/2'],
    ['nothing from an ordinary line', env, 'sqlite://data/radar.sqlite', 'Mining wire: Lynas and JOGMEC extend offtake', 'Mining wire: Lynas and JOGMEC extend offtake'],
    ['the shape-recognised secrets before the environment is read', undefined, undefined, 'Authorization: Bot abcdefgh12345678', 'Authorization: Bot [redacted]'],
  ])('removes %s', (_case, environment, storeFlag, line, expected) => {
    expect(createOutputScrubber(environment, storeFlag)(line)).toBe(expected);
  });
});
