/** What the user chose after keeping a created account's secret failed; undefined when they closed the question. */
export type AfterKeepFailure = 'storeAgain' | 'revealOnce' | undefined;

export type KeepOutcome<T> =
  /** Kept, after `attempts` tries. */
  | { readonly kind: 'kept'; readonly saved: T; readonly attempts: number }
  /** Not kept: the user asked to see the secret once, to keep it elsewhere. */
  | { readonly kind: 'reveal'; readonly reason: string }
  /** Not kept, and the user closed the question. */
  | { readonly kind: 'dropped'; readonly reason: string };

/**
 * Pipefy hands a created account's secret out once, so a failure to keep it is never the end of
 * the story by itself: after each failure the user is asked, with the reason, whether to store it
 * again (as often as they like) or to see it once. Returns what happened; the caller shows it.
 */
export async function keepCreatedSecret<T>(
  store: () => Promise<T>,
  askAfterFailure: (reason: string) => Promise<AfterKeepFailure>,
  reasonOf: (error: unknown) => string,
): Promise<KeepOutcome<T>> {
  for (let attempts = 1; ; attempts++) {
    let reason: string;
    try {
      return { kind: 'kept', saved: await store(), attempts };
    } catch (error) {
      reason = reasonOf(error);
    }
    const choice = await askAfterFailure(reason);
    if (choice === 'revealOnce') return { kind: 'reveal', reason };
    if (choice !== 'storeAgain') return { kind: 'dropped', reason };
  }
}
