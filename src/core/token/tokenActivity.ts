import { TokenRequestError } from '../oauth/tokenError';
import type { Acquired } from './tokenCache';

/** What the status bar and the panel need to know about one account's token. */
export interface TokenActivity {
  readonly accountId: string;
  readonly fetching: boolean;
  readonly lastError?: { readonly code?: string; readonly message: string; readonly hint?: string; readonly at: number };
}

/** The account's activity while the endpoint is being asked for a token. */
export function fetchingActivity(current: TokenActivity): TokenActivity {
  return { ...current, fetching: true };
}

/**
 * The account's activity once an acquire has answered, from what the acquire itself returned:
 * a new token clears the last error, a reused one leaves it, a failure (or a renewal that failed
 * while a valid token was kept) becomes it. A request the user cancelled did not fail: the
 * earlier state stands.
 */
export function activityAfter(current: TokenActivity, acquired: Acquired, now: number): TokenActivity {
  const failure = acquired.ok ? acquired.renewalFailure : acquired.error;
  if (failure !== undefined) {
    const cancelled = failure instanceof TokenRequestError && failure.code === 'cancelled';
    return { ...current, fetching: false, lastError: cancelled ? current.lastError : { ...describeFailure(failure), at: now } };
  }
  return { ...current, fetching: false, lastError: acquired.ok && acquired.exchange ? undefined : current.lastError };
}

function describeFailure(error: unknown): { code?: string; message: string; hint?: string } {
  if (error instanceof TokenRequestError) return { code: error.code, message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error) };
}
