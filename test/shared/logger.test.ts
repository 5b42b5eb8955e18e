import { PassThrough } from 'node:stream';
import { chooseLogFormat, createLogger, type LoggerOptions } from '../../src/shared/logger';

const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const WEBHOOK_TOKEN = 'Xy9_kLmN0pQrStUvWxYz-1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
const PLAIN_TOKEN = 'fake-token-without-any-shape';

function captureLogger(options: LoggerOptions = {}) {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const logger = createLogger('debug', stream, { format: 'json', ...options });
  return { logger, output: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const { logger, output } = captureLogger();
    logger.info({ cycle: { feeds: 3 } }, 'poll cycle finished');
    const line = JSON.parse(output().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'poll cycle finished', cycle: { feeds: 3 } });
    expect(typeof line.time).toBe('string');
  });

  it('respects the level', () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const logger = createLogger('warn', stream, { format: 'json' });
    logger.info('not shown');
    logger.warn('shown');
    expect(chunks.join('')).not.toContain('not shown');
    expect(chunks.join('')).toContain('shown');
  });

  it('never prints the token, whether under a key, in a message, an error or a child binding', () => {
    const { logger, output } = captureLogger({ secrets: [PLAIN_TOKEN] });
    logger.info({ token: PLAIN_TOKEN, config: { discordToken: PLAIN_TOKEN } }, 'starting');
    logger.info({ request: { headers: { Authorization: `Bot ${BOT_TOKEN}` } } }, 'request');
    logger.warn(`login failed with ${PLAIN_TOKEN} and ${BOT_TOKEN}`);
    logger.error({ err: new Error(`POST /webhooks/123456789012345678/${WEBHOOK_TOKEN} failed`) }, 'webhook failed');
    logger.error(new Error(`bad token ${BOT_TOKEN}`) as unknown as object);
    logger.child({ url: `https://discord.com/api/webhooks/123456789012345678/${WEBHOOK_TOKEN}` }).info('child line');
    const text = output();
    for (const secret of [PLAIN_TOKEN, BOT_TOKEN, WEBHOOK_TOKEN]) expect(text).not.toContain(secret);
    expect(text.split('\n').filter(Boolean)).toHaveLength(6);
    expect(text).toContain('[redacted]');
    // Every line is still valid JSON after scrubbing.
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('keeps what helps debugging around a redacted secret', () => {
    const { logger, output } = captureLogger();
    logger.error({ err: new Error(`POST /webhooks/123456789012345678/${WEBHOOK_TOKEN} failed`) }, 'webhook failed');
    const line = JSON.parse(output()) as { err: { message: string; stack: string } };
    expect(line.err.message).toBe('POST /webhooks/123456789012345678/[redacted] failed');
    expect(line.err.stack).toContain('/webhooks/123456789012345678/[redacted]');
  });

  it('writes readable lines, still scrubbed, when the format is pretty', () => {
    const { logger, output } = captureLogger({ format: 'pretty', isTTY: false, secrets: [PLAIN_TOKEN] });
    logger.info({ feeds: 4 }, `logged in with ${PLAIN_TOKEN}`);
    const text = output();
    expect(text).toContain('INFO');
    expect(text).toContain('logged in with [redacted]');
    expect(text).not.toContain(PLAIN_TOKEN);
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('chooseLogFormat', () => {
  test.each([
    [undefined, true, 'pretty'],
    [undefined, false, 'json'],
    ['json', true, 'json'],
    ['pretty', false, 'pretty'],
  ] as const)('format %s on a terminal=%s gives %s', (format, isTTY, expected) => {
    expect(chooseLogFormat(format, isTTY)).toBe(expected);
  });
});
