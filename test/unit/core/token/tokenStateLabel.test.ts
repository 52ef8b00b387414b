import * as assert from 'node:assert/strict';
import type { CachedToken } from '../../../../src/core/token/cachedToken';
import { formatShortRemaining } from '../../../../src/core/token/countdown';
import { describeTokenState } from '../../../../src/core/token/tokenStateLabel';

const MINUTE = 60_000;
const T0 = Date.parse('2025-03-01T12:00:00Z');

function token(lifetimeMs: number): CachedToken {
  return { accessToken: 'unused', tokenType: 'Bearer', obtainedAt: T0, expiresAt: T0 + lifetimeMs };
}

/** The Accounts view colours a token by the same urgency rule as the status bar and the Try It countdown. */
describe('describeTokenState (Accounts view)', () => {
  const idle = { accountId: 'a', fetching: false };
  const failed = { ...idle, lastError: { message: 'invalid_client', at: T0 } };

  it('a fresh 5-minute token is calm, and the warning colour comes in its last minute', () => {
    assert.deepEqual(describeTokenState(token(5 * MINUTE), idle, T0), { text: '05:00 left', color: undefined });
    assert.equal(describeTokenState(token(5 * MINUTE), idle, T0 + 4 * MINUTE).color, undefined);
    assert.equal(describeTokenState(token(5 * MINUTE), idle, T0 + 4 * MINUTE + 1).color, 'editorWarning.foreground');
  });

  it('says the time left as the status bar does, to the second', () => {
    for (const [at, left] of [[2 * MINUTE + 1_000, 179_000], [4 * MINUTE + 1, 59_999], [0, 90 * MINUTE], [0, 3 * 24 * 60 * MINUTE + 1]] as const) {
      const shown = describeTokenState(token(at + left), idle, T0 + at).text;
      assert.equal(shown, `${formatShortRemaining(left)} left`);
    }
    assert.equal(describeTokenState(token(5 * MINUTE), idle, T0 + 2 * MINUTE + 1_000).text, '02:59 left');
  });

  it('the error colour once expired, or when the last fetch failed', () => {
    assert.deepEqual(describeTokenState(token(5 * MINUTE), idle, T0 + 5 * MINUTE), { text: 'token expired', color: 'errorForeground' });
    assert.deepEqual(describeTokenState(token(60 * MINUTE), failed, T0), { text: '1h 00m left (last fetch failed)', color: 'errorForeground' });
    assert.deepEqual(describeTokenState(undefined, failed, T0), { text: 'no token (last fetch failed)', color: 'errorForeground' });
  });
});
