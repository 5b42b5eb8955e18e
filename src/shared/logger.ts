import { isatty } from 'node:tty';
import pino from 'pino';
import pinoPretty from 'pino-pretty';
import { createSecretScrubber, REDACTED } from './scrub-secrets';

/** The logging port every module receives; pino's Logger satisfies it. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** `json`: one JSON object per line, for log shippers. `pretty`: coloured, readable lines, for a terminal. */
export type LogFormat = 'json' | 'pretty';

export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

export function isLogFormat(value: string): value is LogFormat {
  return (LOG_FORMATS as readonly string[]).includes(value);
}

export interface LoggerOptions {
  /** Forces a format; left out, logs are pretty on a terminal and JSON everywhere else. */
  format?: LogFormat;
  /** Exact values that must never be printed, such as the bot token; shorter than 4 characters are ignored. */
  secrets?: readonly (string | undefined)[];
  /** Whether the destination is a terminal; by default asked of the file descriptor or stream. */
  isTTY?: boolean;
}

/** Paths pino blanks out before serialising; the scrubber below catches the same keys at any depth too. */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'discordToken',
  '*.discordToken',
  'authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
];

/** Detail objects that come with a `summary` line: JSON logs keep them, pretty logs show the summary. */
const PRETTY_HIDDEN_DETAIL = 'cycle';

/** Pretty when asked for, or when nobody asked and a person is watching. */
export function chooseLogFormat(format: LogFormat | undefined, isTTY: boolean): LogFormat {
  return format ?? (isTTY ? 'pretty' : 'json');
}

/**
 * Structured logs on stderr: stdout belongs to command output (`once --json` pipes it to other tools).
 * Every finished line passes through a scrubber, so a token inside an error message, a stack or a URL
 * is removed as surely as one under a `token` key.
 */
export function createLogger(level: string, destination: NodeJS.WritableStream | number = 2, options: LoggerOptions = {}): Logger {
  const isTTY = options.isTTY ?? (typeof destination === 'number' ? isatty(destination) : (destination as { isTTY?: boolean }).isTTY === true);
  const format = chooseLogFormat(options.format, isTTY);
  const scrub = createSecretScrubber(options.secrets);
  const stream =
    format === 'pretty'
      ? pinoPretty({
          destination,
          sync: true,
          colorize: isTTY,
          translateTime: 'SYS:HH:MM:ss.l',
          // A line that brings a readable `summary` (the poll cycle's) shows it instead of its detail object.
          ignore: `pid,hostname,summary,${PRETTY_HIDDEN_DETAIL}`,
          messageFormat: (log, messageKey) => (typeof log.summary === 'string' ? `${String(log[messageKey])}: ${log.summary}` : String(log[messageKey])),
          singleLine: true,
        })
      : typeof destination === 'number'
        ? pino.destination({ fd: destination, sync: true })
        : destination;
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      hooks: { streamWrite: scrub },
    },
    stream,
  );
}

/** A logger that drops everything, for tests that do not look at logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
