import pino from 'pino';

/** The logging port every module receives; pino's Logger satisfies it. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Paths pino blanks out wherever they appear, so a token can never reach a log line. */
const REDACTED_PATHS = ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'discordToken', '*.discordToken'];

/**
 * Structured JSON logs on stderr: stdout belongs to command output (`once --json` pipes it to other tools).
 */
export function createLogger(level: string, destination: NodeJS.WritableStream | number = 2): Logger {
  const stream = typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination;
  return pino({ level, base: undefined, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
}

/** A logger that drops everything, for tests that do not look at logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
