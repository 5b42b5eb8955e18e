/**
 * The few shape checks the store needs for what it reads back (stored-shapes.ts), written out so that
 * zod stays config/'s library alone (eslint.config.js: each library is imported by one folder). Objects
 * are loose: unknown fields are kept and not looked at. The first problem found is reported.
 */
export interface ShapeIssue {
  path: (string | number)[];
  message: string;
}

export interface Shape {
  /** The first problem with `value`, or undefined when it has the shape. */
  issue(value: unknown, path?: (string | number)[]): ShapeIssue | undefined;
  optional(): Shape;
  /** Arrays: at least `count` elements. */
  min(count: number): Shape;
}

/**
 * Checks run on every entry read back (hundreds per poll), so a value that has the shape costs no
 * allocation: a check knows no path, and an issue found deep down gets its path on the way back up.
 */
type Check = (value: unknown) => ShapeIssue | undefined;

function shape(check: Check): Shape {
  return {
    issue: (value, path = []) => {
      const found = check(value);
      return found && path.length > 0 ? { ...found, path: [...path, ...found.path] } : found;
    },
    optional: () => shape((value) => (value === undefined ? undefined : check(value))),
    min: (count) => shape((value) => check(value) ?? (Array.isArray(value) && value.length < count ? { path: [], message: `expected at least ${count} element(s)` } : undefined)),
  };
}

function typed(expected: string, test: (value: unknown) => boolean): () => Shape {
  return () => shape((value) => (test(value) ? undefined : { path: [], message: `expected ${expected}, got ${describe(value)}` }));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** The issue found at `key` of a value, as seen from the value. */
function under(key: string | number, found: ShapeIssue): ShapeIssue {
  return { ...found, path: [key, ...found.path] };
}

function array(element: Shape): Shape {
  return shape((value) => {
    if (!Array.isArray(value)) return { path: [], message: `expected array, got ${describe(value)}` };
    for (let index = 0; index < value.length; index++) {
      const found = element.issue(value[index]);
      if (found) return under(index, found);
    }
    return undefined;
  });
}

function looseObject(fields: Record<string, Shape>): Shape {
  const entries = Object.entries(fields);
  return shape((value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { path: [], message: `expected object, got ${describe(value)}` };
    for (const [name, field] of entries) {
      const found = field.issue((value as Record<string, unknown>)[name]);
      if (found) return under(name, found);
    }
    return undefined;
  });
}

/** Named like zod's builders, so stored-shapes.ts reads as before. */
export const z = {
  string: typed('string', (value) => typeof value === 'string'),
  number: typed('number', (value) => typeof value === 'number' && !Number.isNaN(value)),
  boolean: typed('boolean', (value) => typeof value === 'boolean'),
  unknown: () => shape(() => undefined),
  array,
  looseObject,
};
