import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type RadarConfig } from './config-schema';

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
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((e) => {
        const where = e.linePos?.[0];
        const firstLine = e.message.split('\n')[0] ?? e.message;
        return where ? `line ${where.line}, column ${where.col}: ${firstLine}` : firstLine;
      }),
    );
  }
  const result = configSchema.safeParse(document.toJS() ?? {});
  if (!result.success) throw new ConfigError(file, result.error.issues.map(formatIssue));
  return deepFreeze(result.data);
}

/** `topics[2].rules[0]: unbalanced parenthesis at column 14` */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${path ? `${path}.` : ''}${key}: unknown key`).join('; ');
  }
  return `${path || '(top level)'}: ${issue.message}`;
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
