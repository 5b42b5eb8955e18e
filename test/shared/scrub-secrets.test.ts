import { createSecretScrubber, REDACTED } from '../../src/shared/scrub-secrets';

// Made-up credentials in the shapes Discord uses; none of them is real.
const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const WEBHOOK_TOKEN = 'Xy9_kLmN0pQrStUvWxYz-1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ';

describe('createSecretScrubber', () => {
  const scrub = createSecretScrubber();

  test.each([
    ['a bot token inside an error message', `login failed for ${BOT_TOKEN}: 401`, BOT_TOKEN, 'login failed for'],
    ['an Authorization header written as text', `Authorization: Bot ${BOT_TOKEN}`, BOT_TOKEN, 'Authorization: Bot [redacted]'],
    ['a webhook URL', `POST https://discord.com/api/v10/webhooks/123456789012345678/${WEBHOOK_TOKEN}?wait=true`, WEBHOOK_TOKEN, '/webhooks/123456789012345678/[redacted]?wait=true'],
    ['an interaction callback URL', `/api/v10/interactions/123456789012345678/${INTERACTION_TOKEN}/callback`, INTERACTION_TOKEN, '/interactions/123456789012345678/[redacted]/callback'],
    ['a redis password', 'connect redis://radar:hunter2secret@redis:6379 refused', 'hunter2secret', 'redis://radar:[redacted]@redis:6379'],
    ['a token query parameter', 'GET https://feeds.example.com/rss?token=abc123def456&lang=en', 'abc123def456', '?token=[redacted]&lang=en'],
    ['a JSON key named token at any depth', '{"a":{"b":{"token":"plain-secret-value"}}}', 'plain-secret-value', '"token":"[redacted]"'],
    ['a JSON key named Authorization, any case', '{"headers":{"Authorization":"Bot x.y.z"}}', 'x.y.z', '"Authorization":"[redacted]"'],
    ['a numeric secret under a secret key', '{"password":12345678}', '12345678', '"password":"[redacted]"'],
  ])('removes %s', (_name, line, secret, kept) => {
    const scrubbed = scrub(line);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain(kept);
  });

  test.each([
    ['an ordinary log line', '{"level":30,"msg":"poll cycle finished","feeds":{"ok":12}}'],
    ['a feed URL without credentials', 'feed https://www.mining.com/commodity/rare-earth/feed/ failed: 503'],
    ['a key that merely starts with token', '{"tokenCount":3}'],
    ['a Discord channel route', 'POST /channels/123456789012345678/messages 429'],
  ])('leaves %s alone', (_name, line) => {
    expect(scrub(line)).toBe(line);
  });

  it('removes exact secrets of any shape, plain and JSON-escaped', () => {
    const odd = 'short"but\\odd';
    const scrubbedOdd = createSecretScrubber([odd, undefined])(JSON.stringify({ msg: `value ${odd}` }));
    expect(scrubbedOdd).not.toContain(JSON.stringify(odd).slice(1, -1));
    expect(scrubbedOdd).toContain(REDACTED);
    expect(createSecretScrubber(['twin-token-1'])('logged in with twin-token-1')).toBe(`logged in with ${REDACTED}`);
  });

  it('ignores secrets too short to be told apart from ordinary text', () => {
    expect(createSecretScrubber(['ok'])('feeds ok')).toBe('feeds ok');
  });
});
