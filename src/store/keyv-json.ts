/**
 * Keyv's own (de)serialiser, made fast for the values this bot stores, writing and reading exactly the
 * same text. Keyv escapes a string that starts with ":" (one more ":") and encodes Buffers as ":base64:…";
 * to do so it serialises by hand, recursively, and parses with a reviver — about 5× slower than plain
 * JSON, and it was a sixth of a steady poll's CPU (BENCHMARKS.md "Scale"). None of our values holds a
 * Buffer, and strings starting with ":" are rare: plain JSON is the same text whenever the output has no
 * string starting with ":", and only then is it used; otherwise Keyv's own path runs.
 */
export interface KeyvJson {
  serialize(data: unknown): string;
  deserialize<T>(text: string): T | undefined;
}

/**
 * In JSON.stringify's output (no whitespace) a string starts with `"` right after `[`, `,` or `:` (or at
 * the very start), so a string starting with ":" shows as one of these followed by `":`. The test also
 * hits some texts where no string starts with ":" (a key or value ending in "," or ":"): those merely
 * take the slow, exact path.
 */
const MAY_HAVE_ESCAPED_STRING = /(?:^|[[,:])":/;

export function createKeyvJson(slow: { serialize(data: unknown): string; deserialize(text: string): unknown }): KeyvJson {
  return {
    serialize(data) {
      const text = JSON.stringify(data) as string | undefined;
      if (text === undefined || MAY_HAVE_ESCAPED_STRING.test(text) || hasBuffer(data)) return slow.serialize(data);
      return text;
    },
    deserialize<T>(text: string) {
      return (MAY_HAVE_ESCAPED_STRING.test(text) ? slow.deserialize(text) : JSON.parse(text)) as T | undefined;
    },
  };
}

/** Keyv wraps every value as `{ value, expires }`: a Buffer sits at the top of `value` if anywhere we would put one. */
function hasBuffer(data: unknown): boolean {
  const value = (data as { value?: unknown } | null)?.value;
  return Buffer.isBuffer(value);
}
