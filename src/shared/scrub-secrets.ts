/** What a secret is replaced with, in log lines and anywhere else text leaves the process. */
export const REDACTED = '[redacted]';

/** Key names whose values are secrets whatever they contain, at any depth of a logged object. */
const SECRET_KEYS = ['token', 'discordToken', 'authorization', 'password', 'secret', 'webhookToken'];

/**
 * Secrets recognisable by shape, wherever they appear in a line: inside an error message, a stack, a URL.
 * Each keeps the part that helps debugging (the route, the webhook id) and drops the credential.
 */
const SECRET_PATTERNS: readonly { pattern: RegExp; replacement: string }[] = [
  // Discord bot token: base64 user id . base64 timestamp . HMAC (the same shape covers JWTs).
  { pattern: /[\w-]{20,}\.[\w-]{6,}\.[\w-]{20,}/g, replacement: REDACTED },
  // Webhook and interaction-followup URLs carry their token in the path: /webhooks/<id>/<token>.
  { pattern: /(\/webhooks\/\d+\/)[\w.-]+/g, replacement: `$1${REDACTED}` },
  // Interaction callbacks: /interactions/<id>/<interaction token>/callback.
  { pattern: /(\/interactions\/\d+\/)[\w.-]+/g, replacement: `$1${REDACTED}` },
  // An Authorization header value written out as text.
  { pattern: /\b(Bot|Bearer|Basic)\s+[\w.+/=-]{8,}/g, replacement: `$1 ${REDACTED}` },
  // Credentials in a URL: redis://user:password@host, ?token=… query parameters.
  { pattern: /(\b[a-z][a-z\d+.-]*:\/\/[^\s:@/"]*:)[^\s@/"]+@/gi, replacement: `$1${REDACTED}@` },
  { pattern: /([?&](?:token|access_token|api_key|key|secret)=)[^&\s"#]+/gi, replacement: `$1${REDACTED}` },
];

// `"token":"…"` at any depth of the serialised line, string or primitive value; the key match ignores case.
const SECRET_KEY_VALUE = new RegExp(`("(?:${SECRET_KEYS.join('|')})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\]\\s]+)`, 'gi');

/**
 * Returns a function that removes secrets from a line of text (a serialised JSON log line or plain text):
 * the exact `secrets` given (e.g. the configured bot token), values of secret-named JSON keys, and
 * anything shaped like a Discord token, webhook or interaction token, or credential in a URL.
 */
export function createSecretScrubber(secrets: readonly (string | undefined)[] = []): (line: string) => string {
  // A secret appears as is in plain text and JSON-escaped inside a serialised string.
  const exact = [...new Set(secrets.filter((s): s is string => s !== undefined && s.length >= 4))]
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
    .sort((a, b) => b.length - a.length);
  return (line) => {
    let text = line;
    for (const secret of exact) text = text.split(secret).join(REDACTED);
    text = text.replace(SECRET_KEY_VALUE, `$1"${REDACTED}"`);
    for (const { pattern, replacement } of SECRET_PATTERNS) text = text.replace(pattern, replacement);
    return text;
  };
}
