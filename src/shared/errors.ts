/**
 * An error whose message is written for the person who caused it (a CLI user, a Discord admin)
 * and is safe to show them as is. Anything else is logged with its stack and shown as a generic apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string) {
    super(message);
  }
}

/** The message of any thrown value, for log lines. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
