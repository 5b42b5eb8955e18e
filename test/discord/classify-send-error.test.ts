import { DiscordAPIError, HTTPError } from 'discord.js';
import { classifySendError } from '../../src/discord/alert-sender';

const apiError = (status: number, code: number) => new DiscordAPIError({ code, message: `error ${code}` }, code, status, 'POST', '/channels/1/messages', { body: {} });

describe('classifySendError', () => {
  test.each<[string, unknown, string]>([
    ['a deleted channel (404/10003)', apiError(404, 10003), 'permanent'],
    ['lost access (403/50001)', apiError(403, 50001), 'permanent'],
    ['a removed permission (403/50013)', apiError(403, 50013), 'permanent'],
    ['an invalid message (400/50035)', apiError(400, 50035), 'rejected'],
    ['a too-large body (413)', apiError(413, 40005), 'rejected'],
    ['a rate limit that escaped the queue (429)', apiError(429, 0), 'transient'],
    ['a token being rotated (401)', apiError(401, 0), 'transient'],
    ['a server error (500)', apiError(500, 0), 'transient'],
    ['5xx after discord.js gave up retrying', new HTTPError(503, 'Service Unavailable', 'POST', '/channels/1/messages', { body: {} }), 'transient'],
    ['a dropped socket', Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), 'transient'],
    ['a refused connection', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'transient'],
    ['a timeout or shutdown abort', new DOMException('This operation was aborted', 'AbortError'), 'transient'],
    ['something that is not even an Error', 'boom', 'transient'],
  ])('%s is %s', (_label, error, kind) => {
    expect(classifySendError(error).kind).toBe(kind);
  });

  it('names the network error code in the reason', () => {
    expect(classifySendError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toEqual({ kind: 'transient', reason: 'ECONNREFUSED: fetch failed' });
  });
});
