/** Polls until `check` stops throwing (or returns a value), for effects that happen after an HTTP ack. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000, label = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw lastError instanceof Error ? lastError : new Error(`timed out waiting for ${label}`);
}
