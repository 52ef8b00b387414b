import assert from 'node:assert/strict';
import { TokenRequestError } from '../../../../src/core/oauth/tokenError';
import type { CachedToken } from '../../../../src/core/token/cachedToken';
import { activityAfter, fetchingActivity, type TokenActivity } from '../../../../src/core/token/tokenActivity';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const token: CachedToken = { accessToken: 't', obtainedAt: NOW, expiresAt: NOW + 300_000, refreshAt: NOW + 270_000 };
const exchange = { request: { method: 'POST' as const, url: 'https://app.pipefy.com/oauth/token', headers: {}, body: '' } };
const earlier: TokenActivity = { accountId: 'a', fetching: false, lastError: { code: 'invalid_client', message: 'refused', at: NOW - 60_000 } };

describe('token activity: read off what the acquire returned', () => {
  it('asking the endpoint shows as fetching, keeping the last error until the answer', () => {
    assert.deepEqual(fetchingActivity(earlier), { ...earlier, fetching: true });
  });

  it('a new token clears the last error', () => {
    assert.deepEqual(activityAfter(fetchingActivity(earlier), { ok: true, token, exchange }, NOW), { accountId: 'a', fetching: false, lastError: undefined });
  });

  it('a token reused from the cache leaves the last error as it was', () => {
    assert.deepEqual(activityAfter(earlier, { ok: true, token }, NOW), earlier);
  });

  it('a refusal becomes the last error, with its code, message, hint and time', () => {
    const error = new TokenRequestError('invalid_client', 'The token endpoint refused the client.', 'Check the secret.');
    const after = activityAfter(fetchingActivity({ accountId: 'a', fetching: false }), { ok: false, error, exchange }, NOW);
    assert.deepEqual(after, { accountId: 'a', fetching: false, lastError: { code: 'invalid_client', message: 'The token endpoint refused the client.', hint: 'Check the secret.', at: NOW } });
  });

  it('a renewal that failed while a valid token was kept is shown as the last error', () => {
    const after = activityAfter({ accountId: 'a', fetching: true }, { ok: true, token, renewalFailure: new Error('socket hang up') }, NOW);
    assert.deepEqual(after, { accountId: 'a', fetching: false, lastError: { message: 'socket hang up', at: NOW } });
  });

  it('a request the user cancelled is no failure: the earlier state stands', () => {
    const cancelled = new TokenRequestError('cancelled', 'The request was cancelled.', 'Try again.');
    assert.deepEqual(activityAfter(fetchingActivity(earlier), { ok: false, error: cancelled }, NOW), earlier);
    assert.deepEqual(activityAfter({ accountId: 'a', fetching: true }, { ok: false, error: cancelled }, NOW), { accountId: 'a', fetching: false, lastError: undefined });
  });
});
