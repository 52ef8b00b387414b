/**
 * Polls `probe` until it returns something other than undefined, or throws with `describe()`'s
 * account of the last state. playwright-core has no `expect`, and the workbench updates on its own time.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  describe: () => string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** True when `text` matches: a string must be contained, a RegExp must match. */
export function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}
