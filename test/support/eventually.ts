/**
 * Never less than this for `eventually`: its deadline only guards against waiting forever (the test then
 * fails with the check's last error instead of jest's bare timeout), it is no speed check. On two cores
 * shared with other jobs, what takes 1 s alone can take 30.
 */
export const EVENTUALLY_MIN_MS = 60_000;

/**
 * Resolves once `check` passes (re-checked every 25 ms), or fails with its last error after
 * `timeoutMs`, raised to EVENTUALLY_MIN_MS: tests wait for what they expect, not for a time.
 */
export async function eventually(check: () => void | Promise<void>, timeoutMs = EVENTUALLY_MIN_MS): Promise<void> {
  const deadline = Date.now() + Math.max(timeoutMs, EVENTUALLY_MIN_MS);
  for (;;) {
    try {
      await check();
      return;
    } catch (error: unknown) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
