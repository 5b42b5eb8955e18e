import { validateMessageBody } from '../support/discord-twin/validate-message';

const long = (length: number): string => 'x'.repeat(length);

describe('validateMessageBody', () => {
  it.each([
    ['content at the limit', { content: long(2000) }],
    ['an embed only', { embeds: [{ description: 'd' }] }],
    ['ten embeds', { embeds: Array.from({ length: 10 }, () => ({ title: 't' })) }],
    ['an embed at every limit', { embeds: [{ title: long(256), description: long(4096), footer: { text: long(1000) }, author: { name: long(256) } }] }],
    ['25 fields', { embeds: [{ fields: Array.from({ length: 25 }, () => ({ name: 'n', value: 'v' })) }] }],
    ['a numeric nonce', { content: 'a', nonce: 12345 }],
    ['a 25-character nonce', { content: 'a', nonce: long(25) }],
    ['astral characters counted once', { content: '😀'.repeat(2000) }],
    ['allowed mentions with explicit users', { content: 'a', allowed_mentions: { parse: ['roles'], users: ['1'] } }],
    ['attachments without content', { attachments: [{ id: 0, filename: 'a.txt' }] }],
  ])('accepts %s', (_label, body) => {
    expect(validateMessageBody(body)).toBeNull();
  });

  it.each([
    ['content over 2000', { content: long(2001) }, ['content'], 'BASE_TYPE_MAX_LENGTH'],
    ['content that is not a string', { content: 5 }, ['content'], 'BASE_TYPE_STRING'],
    ['eleven embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, ['embeds'], 'BASE_TYPE_MAX_LENGTH'],
    ['a title over 256', { embeds: [{ title: long(257) }] }, ['embeds', '0', 'title'], 'BASE_TYPE_MAX_LENGTH'],
    ['a description over 4096', { embeds: [{ description: long(4097) }] }, ['embeds', '0', 'description'], 'BASE_TYPE_MAX_LENGTH'],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, ['embeds', '0', 'fields'], 'BASE_TYPE_MAX_LENGTH'],
    ['a field name over 256', { embeds: [{ fields: [{ name: long(257), value: 'v' }] }] }, ['embeds', '0', 'fields', '0', 'name'], 'BASE_TYPE_MAX_LENGTH'],
    ['a field value over 1024', { embeds: [{ fields: [{ name: 'n', value: long(1025) }] }] }, ['embeds', '0', 'fields', '0', 'value'], 'BASE_TYPE_MAX_LENGTH'],
    ['a field without value', { embeds: [{ fields: [{ name: 'n' }] }] }, ['embeds', '0', 'fields', '0', 'value'], 'BASE_TYPE_REQUIRED'],
    ['a footer over 2048', { embeds: [{ footer: { text: long(2049) } }] }, ['embeds', '0', 'footer', 'text'], 'BASE_TYPE_MAX_LENGTH'],
    ['an author name over 256', { embeds: [{ author: { name: long(257) } }] }, ['embeds', '0', 'author', 'name'], 'BASE_TYPE_MAX_LENGTH'],
    ['more than 6000 characters across embeds', { embeds: [{ description: long(4000) }, { description: long(2001) }] }, ['embeds'], 'MAX_EMBED_SIZE_EXCEEDED'],
    ['an embed url that is not http(s)', { embeds: [{ title: 't', url: 'javascript:alert(1)' }] }, ['embeds', '0', 'url'], 'URL_TYPE_INVALID_URL'],
    ['a colour above 0xFFFFFF', { embeds: [{ title: 't', color: 0x1000000 }] }, ['embeds', '0', 'color'], 'NUMBER_TYPE_MAX'],
    ['a nonce over 25 characters', { content: 'a', nonce: long(26) }, ['nonce'], 'BASE_TYPE_MAX_LENGTH'],
    ['parse users together with a user list', { content: 'a', allowed_mentions: { parse: ['users'], users: ['1'] } }, ['allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE'],
  ])('rejects %s with 50035 at the field', (_label, body, path, code) => {
    const error = validateMessageBody(body);
    expect(error).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
    let node: unknown = error?.errors;
    for (const key of path) node = (node as Record<string, unknown>)[key];
    expect((node as { _errors: { code: string }[] })._errors.map((entry) => entry.code)).toContain(code);
  });

  it.each([
    ['nothing', {}],
    ['empty content', { content: '' }],
    ['an empty embed list', { content: '', embeds: [] }],
  ])('rejects a message with %s as empty (50006)', (_label, body) => {
    expect(validateMessageBody(body)).toEqual({ code: 50006, message: 'Cannot send an empty message' });
  });

  it('allows an edit that leaves every field out', () => {
    expect(validateMessageBody({}, { allowEmpty: true })).toBeNull();
  });

  it('rejects a body that is not an object', () => {
    expect(validateMessageBody('hello')).toMatchObject({ code: 50109 });
  });
});
