import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, KNOWN_KEYS, type RadarConfig } from './config-schema';
import { locatePath, pointAt } from './locate-problem';
import { suggestKey } from './suggest-key';

/** A config that cannot be used. The CLI prints the message and exits with code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly kind = 'config';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid config\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Reads, parses and validates a YAML config file; every problem is reported at once, with its path. */
export function loadConfig(file: string): Readonly<RadarConfig> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'unknown error'})`]);
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): Readonly<RadarConfig> {
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((e) => {
        const firstLine = e.message.split('\n')[0] ?? e.message;
        return pointAt(file, text, lines.linePos(e.pos[0]), firstLine);
      }),
    );
  }
  const result = configSchema.safeParse(document.toJS() ?? {});
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.flatMap((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
        return keys.map((key) => {
          const where = locatePath(document, lines, issue.path, key);
          const message = formatIssue(issue, key);
          return where ? `${file}:${where.line}:${where.col}: ${message}` : message;
        });
      }),
    );
  }
  return deepFreeze(result.data);
}

/** `topics[2].rules[0]: unbalanced parenthesis at column 14`; for an unknown key, the one it may mean. */
export function formatIssue(issue: z.core.$ZodIssue, key?: string): string {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return (key === undefined ? issue.keys : [key]).map((k) => `${path ? `${path}.` : ''}${k}: unknown key${didYouMean(issue.path, k)}`).join('; ');
  }
  return `${path || '(top level)'}: ${issue.message}`;
}

function didYouMean(path: readonly PropertyKey[], key: string): string {
  const known = KNOWN_KEYS[path.filter((part) => typeof part !== 'number').join('.')];
  const suggestion = known ? suggestKey(key, known) : undefined;
  return suggestion ? ` (did you mean ${suggestion}?)` : '';
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, '');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
