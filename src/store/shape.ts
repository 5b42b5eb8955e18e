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

type Check = (value: unknown, path: (string | number)[]) => ShapeIssue | undefined;

function shape(check: Check): Shape {
  return {
    issue: (value, path = []) => check(value, path),
    optional: () => shape((value, path) => (value === undefined ? undefined : check(value, path))),
    min: (count) =>
      shape((value, path) => check(value, path) ?? (Array.isArray(value) && value.length < count ? { path, message: `expected at least ${count} element(s)` } : undefined)),
  };
}

function typed(expected: string, test: (value: unknown) => boolean): () => Shape {
  return () => shape((value, path) => (test(value) ? undefined : { path, message: `expected ${expected}, got ${describe(value)}` }));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function array(element: Shape): Shape {
  return shape((value, path) => {
    if (!Array.isArray(value)) return { path, message: `expected array, got ${describe(value)}` };
    for (const [index, entry] of value.entries()) {
      const found = element.issue(entry, [...path, index]);
      if (found) return found;
    }
    return undefined;
  });
}

function looseObject(fields: Record<string, Shape>): Shape {
  return shape((value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { path, message: `expected object, got ${describe(value)}` };
    for (const [name, field] of Object.entries(fields)) {
      const found = field.issue((value as Record<string, unknown>)[name], [...path, name]);
      if (found) return found;
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
