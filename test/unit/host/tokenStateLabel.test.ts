import * as assert from 'node:assert/strict';
import type { CachedToken } from '../../../src/core/token/cachedToken';
import { describeTokenState } from '../../../src/host/requests/views/tokenStateLabel';

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
    assert.deepEqual(describeTokenState(token(5 * MINUTE), idle, T0), { text: '5 min left', color: undefined });
    assert.equal(describeTokenState(token(5 * MINUTE), idle, T0 + 4 * MINUTE).color, undefined);
    assert.equal(describeTokenState(token(5 * MINUTE), idle, T0 + 4 * MINUTE + 1).color, 'editorWarning.foreground');
  });

  it('the error colour once expired, or when the last fetch failed', () => {
    assert.deepEqual(describeTokenState(token(5 * MINUTE), idle, T0 + 5 * MINUTE), { text: 'token expired', color: 'errorForeground' });
    assert.deepEqual(describeTokenState(token(60 * MINUTE), failed, T0), { text: '1h 00m left (last fetch failed)', color: 'errorForeground' });
    assert.deepEqual(describeTokenState(undefined, failed, T0), { text: 'no token (last fetch failed)', color: 'errorForeground' });
  });
});
