import { readEnvironment, type Environment } from '../config/environment';
import { createSecretScrubber } from '../shared/scrub-secrets';

/**
 * The scrubber every line the CLI prints goes through: error messages can echo a token (a proxy quoting
 * the Authorization header) or a store URL with its password. Removes the bot token and the password of
 * a store URL given on the command line or in RADAR_STORE, as exact strings, plus every secret the
 * scrubber recognises by shape (credentials in any URL, such as the config file's store).
 */
export function createOutputScrubber(env?: Readonly<Environment>, storeFlag?: unknown): (text: string) => string {
  const storeUrls = [env?.storeUrl, typeof storeFlag === 'string' ? storeFlag : undefined];
  return createSecretScrubber([env?.discordToken, ...storeUrls.flatMap(passwordsOf)]);
}

/** The password of a URL as written and decoded; none when the text is not a URL with one. */
function passwordsOf(url: string | undefined): string[] {
  if (url === undefined || !URL.canParse(url)) return [];
  const { password } = new URL(url);
  if (password === '') return [];
  try {
    return [password, decodeURIComponent(password)];
  } catch {
    return [password]; // a stray % that does not decode
  }
}

/**
 * Node prints an uncaught error or unhandled rejection itself, unscrubbed. This prints it through the
 * scrubber instead, then exits with `exitCode` as Node would have.
 */
export function scrubUncaughtErrors(exitCode: number): void {
  const report = (error: unknown): void => {
    let env: Readonly<Environment> | undefined;
    try {
      env = readEnvironment();
    } catch {
      env = undefined; // the shapes the scrubber knows still apply
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${createOutputScrubber(env)(`unexpected error: ${text}`)}\n`);
    process.exit(exitCode);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}
