// Polling with a deadline: tests never sleep for a fixed time (the e2e and LSP tiers).
import { setTimeout as delay } from 'node:timers/promises';

/** Calls `probe` until it returns a truthy value (returned) or the deadline passes (throws naming `what`). */
export async function pollUntil(probe, { what, timeoutMs = 30_000, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await delay(intervalMs);
  }
  const cause = lastError ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
}
