/** Discord's "Invalid Form Body" error tree: nested keys down to `_errors: [{ code, message }]`. */
export interface FormErrorTree {
  [key: string]: FormErrorTree | { code: string; message: string }[];
}

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: FormErrorTree;
}

export interface FormErrors {
  add(path: readonly (string | number)[], code: string, message: string): void;
  /** null when nothing was added. */
  toBody(): DiscordErrorBody | null;
}

export function createFormErrors(): FormErrors {
  const tree: FormErrorTree = {};
  let count = 0;
  return {
    add(path, code, message) {
      let node = tree;
      for (const key of path) {
        const next = node[String(key)];
        if (next && !Array.isArray(next)) {
          node = next;
        } else {
          const created: FormErrorTree = {};
          node[String(key)] = created;
          node = created;
        }
      }
      const existing = node._errors;
      const list = Array.isArray(existing) ? existing : [];
      list.push({ code, message });
      node._errors = list;
      count += 1;
    },
    toBody: () => (count === 0 ? null : { code: 50035, message: 'Invalid Form Body', errors: tree }),
  };
}

/** Discord counts characters, not UTF-16 units; counting code points never rejects what Discord accepts. */
export function charLength(value: string): number {
  return [...value].length;
}

export function maxLengthError(max: number): [string, string] {
  return ['BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
