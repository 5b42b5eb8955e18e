import Keyv from 'keyv';
import { createKeyvJson } from '../../src/store/keyv-json';

// Keyv's own serialiser is the reference: the fast one must write and read exactly what it does.
const reference = new Keyv();
const slow = { serialize: (data: unknown) => reference.serialize!(data as never) as string, deserialize: (text: string) => reference.deserialize!(text) };
const json = createKeyvJson(slow);

const wrap = (value: unknown) => ({ value, expires: 1_767_000_000_000 });

describe('keyv JSON', () => {
  test.each([
    ['a number', 42],
    ['a plain string', 'Lynas ships heavy rare earths'],
    ['a string starting with a colon', ':colon first'],
    ['a string of colons', '::'],
    ['a nested string starting with a colon', { item: { title: ':title', tags: [':a', 'b:', ':'] } }],
    ['a key ending in a comma or colon', { 'key,': 'x', 'key:': ['y'], v: 'ends with,' }],
    ['an array of objects', [{ itemKey: 'wire:1', at: 3, text: { title: 'T', summary: 'S, and "quoted": yes' } }]],
    ['undefined fields and null', { a: undefined, b: null, c: [undefined, 1] }],
    ['a date', new Date('2026-03-04T12:00:00Z')],
    ['a Buffer', Buffer.from('bytes')],
  ])('writes %s exactly as Keyv does, and reads it back as Keyv does', (_name, value) => {
    const text = json.serialize(wrap(value));
    expect(text).toBe(slow.serialize(wrap(value)));
    expect(json.deserialize(text)).toEqual(slow.deserialize(text));
  });

  it('reads text Keyv wrote with escaped strings', () => {
    const text = slow.serialize(wrap({ title: ':x', link: ':base64:no' }));
    expect(json.deserialize(text)).toEqual({ value: { title: ':x', link: ':base64:no' }, expires: 1_767_000_000_000 });
  });
});
