import type { Logger } from '../../src/shared/logger';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message?: string;
}

/** A Logger that keeps what it is told, so tests can check what was logged (and what was not shown). */
export function createRecordingLogger(entries: LogEntry[] = [], bindings: Record<string, unknown> = {}): Logger & { entries: LogEntry[] } {
  const record = (level: LogEntry['level']) => (obj: object | string, msg?: string) => {
    const fields = typeof obj === 'string' ? { ...bindings } : { ...bindings, ...obj };
    entries.push({ level, fields, message: typeof obj === 'string' ? obj : msg });
  };
  return {
    entries,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: (more) => createRecordingLogger(entries, { ...bindings, ...more }),
  };
}
