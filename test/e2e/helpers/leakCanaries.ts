/**
 * Every client secret the e2e tests type and every token they see, remembered for the run, so
 * the security run's at-rest scans (test/security/secretsAtRest.test.ts, and the scan of the
 * session's files after the last test in test/security/hooks.ts) can look for all of them in what
 * VS Code and the extension wrote to disk, not only for the ones their own flows used.
 */
export interface Canary {
  readonly value: string;
  /** What the value is and where it came from, for the failure message (never the value itself). */
  readonly origin: string;
}

const canaries = new Map<string, string>();

/** Values shorter than this would match by chance in binary files; the tests' secrets are longer. */
export const MIN_CANARY_LENGTH = 12;

export function rememberCanary(value: string, origin: string): void {
  if (value.length < MIN_CANARY_LENGTH) throw new Error(`A leak canary must have at least ${MIN_CANARY_LENGTH} characters (${origin}).`);
  if (!canaries.has(value)) canaries.set(value, origin);
}

export function rememberedCanaries(): Canary[] {
  return [...canaries].map(([value, origin]) => ({ value, origin }));
}

/** A secret no other run or test could produce by chance. */
export function uniqueSecret(prefix: string): string {
  return `${prefix}-${globalThis.crypto.randomUUID()}`;
}
