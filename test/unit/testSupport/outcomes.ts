import assert from 'node:assert/strict';
import { requestToken, type TokenOutcome } from '../../../src/core/oauth/requestToken';

/** The success an outcome must be, narrowed; a failure fails the test with its error. */
export function succeeded<T extends { readonly ok: boolean }>(outcome: T): Extract<T, { ok: true }> {
  if (!outcome.ok) assert.fail(`expected a success, got ${String((outcome as { error?: unknown }).error)}`);
  return outcome as Extract<T, { ok: true }>;
}

/** The failure an outcome must be, narrowed. */
export function failed<T extends { readonly ok: boolean }>(outcome: T): Extract<T, { ok: false }> {
  if (outcome.ok) assert.fail('expected a failure, got a success');
  return outcome as Extract<T, { ok: false }>;
}

/**
 * requestToken as a call that throws its failure (the error, with the exchange beside it), for
 * tests that assert on a success's fields or on a failure's error.
 */
export async function requestTokenOrThrow(...args: Parameters<typeof requestToken>): Promise<Extract<TokenOutcome, { ok: true }>> {
  const outcome = await requestToken(...args);
  if (!outcome.ok) throw Object.assign(outcome.error, { exchange: outcome.exchange });
  return outcome;
}
