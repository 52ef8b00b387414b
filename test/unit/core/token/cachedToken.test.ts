import assert from 'node:assert/strict';
import type { IssuedToken } from '../../../../src/core/oauth/tokenResponse';
import { decodeJwtTimes, isExpired, judgeAnsweredToken, needsRenewal, parseCachedToken, safetyMarginMs, toCachedToken } from '../../../../src/core/token/cachedToken';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
/** A whole second, as created_at is in seconds. */
const T0 = Date.parse('2025-03-01T12:00:00Z');

/** A request answered in no time, at `ms`. */
function at(ms: number) {
  return { sentAt: ms, receivedAt: ms };
}

function issued(fields: Partial<IssuedToken> & { accessToken?: string } = {}): IssuedToken {
  return { accessToken: 'opaque-token', tokenType: 'Bearer', raw: {}, ...fields };
}

/** An unsigned JWT: the client only reads its times, it never verifies it. */
function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.${Buffer.from('signature').toString('base64url')}`;
}

describe('cached token: the safety margin is min(60 s, 10% of the lifetime)', () => {
  it('is 30 s for a 5-minute token, 60 s for 10 minutes and more', () => {
    assert.equal(safetyMarginMs(5 * MINUTE), 30 * SECOND);
    assert.equal(safetyMarginMs(10 * MINUTE), 60 * SECOND);
    assert.equal(safetyMarginMs(30 * DAY), 60 * SECOND);
  });

  it('is never negative', () => {
    assert.equal(safetyMarginMs(0), 0);
    assert.equal(safetyMarginMs(-5 * SECOND), 0);
  });
});

describe('cached token: the expiry is counted from the moment the response arrived', () => {
  it('a 5-minute token expires 300 s after receipt and is renewed from 270 s', () => {
    const token = toCachedToken(issued({ expiresInSeconds: 300 }), at(T0));
    assert.deepEqual(token, { accessToken: 'opaque-token', tokenType: 'Bearer', obtainedAt: T0, expiresAt: T0 + 300 * SECOND, refreshAt: T0 + 270 * SECOND });
  });

  it('a 30-day token is renewed 60 s before it expires', () => {
    const token = toCachedToken(issued({ expiresInSeconds: 30 * 24 * 3600 }), at(T0));
    assert.equal(token.expiresAt, T0 + 30 * DAY);
    assert.equal(token.refreshAt, T0 + 30 * DAY - 60 * SECOND);
  });

  it('a reused token dated by created_at takes its margin from its whole lifetime, not from what is left', () => {
    // Doorkeeper: minted at T0 for 300 s, handed out again at T0 + 200 s with expires_in 100.
    const token = toCachedToken(issued({ expiresInSeconds: 100, createdAtSeconds: T0 / 1000 }), at(T0 + 200 * SECOND));
    assert.equal(token.obtainedAt, T0);
    assert.equal(token.expiresAt, T0 + 300 * SECOND);
    assert.equal(token.refreshAt, T0 + 270 * SECOND);
  });

  it('a created_at in the future (a skewed server clock) does not move obtainedAt past the receipt', () => {
    const token = toCachedToken(issued({ expiresInSeconds: 300, createdAtSeconds: T0 / 1000 + 3600 }), at(T0));
    assert.equal(token.obtainedAt, T0);
    assert.equal(token.expiresAt, T0 + 300 * SECOND);
  });
});

describe('cached token: counted from when the request was sent', () => {
  it('a slow answer does not make the expiry late', () => {
    const token = toCachedToken(issued({ expiresInSeconds: 300 }), { sentAt: T0, receivedAt: T0 + 3 * SECOND });
    assert.equal(token.expiresAt, T0 + 300 * SECOND);
    assert.equal(token.obtainedAt, T0 + 3 * SECOND);
  });
});

describe('cached token: judging an answer against the token held before', () => {
  const held = toCachedToken(issued({ expiresInSeconds: 300 }), at(T0));

  it('a new token is used as it came', () => {
    const answered = toCachedToken(issued({ accessToken: 'other', expiresInSeconds: 300 }), at(T0 + 270 * SECOND));
    assert.deepEqual(judgeAnsweredToken(held, answered, at(T0 + 270 * SECOND), T0 + 270 * SECOND), { kind: 'use', token: answered });
  });

  it('the same token with its whole lifetime again keeps its expiry, and is used until its last second', () => {
    const now = T0 + 270 * SECOND;
    const verdict = judgeAnsweredToken(held, toCachedToken(issued({ expiresInSeconds: 300 }), at(now)), at(now), now);
    assert.equal(verdict.kind, 'use');
    assert.equal(verdict.token.expiresAt, T0 + 300 * SECOND);
    assert.equal(verdict.token.refreshAt, T0 + 299 * SECOND, 'not sent in its last second: it could end in flight');
    assert.equal(verdict.token.reissued, true);
  });

  it('the same token in its last second is not used: ask again once the server surely has a new one', () => {
    const now = T0 + 299_200;
    const verdict = judgeAnsweredToken(held, toCachedToken(issued({ expiresInSeconds: 0 }), at(now)), at(now), now);
    assert.equal(verdict.kind, 'wait');
    assert.equal(verdict.kind === 'wait' && verdict.askAgainAt, T0 + 301 * SECOND, 'its expiry, plus the second expires_in is rounded by');
  });

  it('the same token counted down (expires_in floored) keeps the expiry already held', () => {
    const now = T0 + 270_400;
    const verdict = judgeAnsweredToken(held, toCachedToken(issued({ expiresInSeconds: 29 }), at(now)), at(now), now);
    assert.equal(verdict.token.expiresAt, T0 + 300 * SECOND);
  });

  it('the same token that the answer proves ends sooner takes the earlier expiry', () => {
    const now = T0 + 100 * SECOND;
    const verdict = judgeAnsweredToken(held, toCachedToken(issued({ expiresInSeconds: 10 }), at(now)), at(now), now);
    assert.equal(verdict.token.expiresAt, T0 + 110 * SECOND);
  });

  it('a token handed out with expires_in 0 is waited out for at most the rounding', () => {
    const now = T0 + 299_600;
    const answered = toCachedToken(issued({ accessToken: 'unknown-before', expiresInSeconds: 0 }), at(now));
    const verdict = judgeAnsweredToken(undefined, answered, at(now), now);
    assert.equal(verdict.kind, 'wait');
    assert.equal(verdict.kind === 'wait' && verdict.askAgainAt, now + 1000);
  });
});

describe('cached token: without expires_in, a JWT\'s exp is the expiry', () => {
  it('falls back to exp, and dates the token by iat', () => {
    const iat = T0 / 1000 - 10;
    const token = toCachedToken(issued({ accessToken: jwt({ sub: 'sa', iat, exp: iat + 600 }) }), at(T0));
    assert.equal(token.obtainedAt, iat * 1000);
    assert.equal(token.expiresAt, (iat + 600) * 1000);
    assert.equal(token.refreshAt, (iat + 600) * 1000 - 60 * SECOND);
  });

  it('prefers expires_in over exp when both are there', () => {
    const token = toCachedToken(issued({ accessToken: jwt({ exp: T0 / 1000 + 9999 }), expiresInSeconds: 300 }), at(T0));
    assert.equal(token.expiresAt, T0 + 300 * SECOND);
  });

  it('marks the expiry unknown when there is neither expires_in nor exp', () => {
    for (const accessToken of ['opaque-token', jwt({ sub: 'sa' }), 'a.b.c', 'not.base64!.jwt']) {
      const token = toCachedToken(issued({ accessToken }), at(T0));
      assert.equal(token.expiresAt, undefined, accessToken);
      assert.equal(token.refreshAt, undefined, accessToken);
      assert.equal(token.obtainedAt, T0);
    }
  });

  it('reads exp and iat in milliseconds and ignores claims that are not numbers', () => {
    assert.deepEqual(decodeJwtTimes(jwt({ exp: 2000, iat: 1000 })), { exp: 2_000_000, iat: 1_000_000 });
    assert.deepEqual(decodeJwtTimes(jwt({ exp: '2000', iat: null })), { exp: undefined, iat: undefined });
    assert.equal(decodeJwtTimes('only.two'), undefined);
    assert.equal(decodeJwtTimes(`x.${Buffer.from('not json').toString('base64url')}.y`), undefined);
  });
});

describe('cached token: expired and due for renewal', () => {
  const token = toCachedToken(issued({ expiresInSeconds: 300 }), at(T0));

  it('is expired from expiresAt on, never before', () => {
    assert.equal(isExpired(token, T0 + 300 * SECOND - 1), false);
    assert.equal(isExpired(token, T0 + 300 * SECOND), true);
  });

  it('is due for renewal from refreshAt on', () => {
    assert.equal(needsRenewal(token, T0 + 270 * SECOND - 1), false);
    assert.equal(needsRenewal(token, T0 + 270 * SECOND), true);
  });

  it('a token of unknown expiry is never expired nor due', () => {
    const unknown = toCachedToken(issued(), at(T0));
    assert.equal(isExpired(unknown, T0 + 365 * DAY), false);
    assert.equal(needsRenewal(unknown, T0 + 365 * DAY), false);
  });

  it('an expired token is due for renewal even if it carries no refreshAt', () => {
    const stored = { accessToken: 'old', obtainedAt: T0, expiresAt: T0 + 300 * SECOND };
    assert.equal(needsRenewal(stored, T0 + 300 * SECOND), true);
  });
});

describe('cached token: what a store holds is parsed, and malformed values count as no token', () => {
  const token = toCachedToken(issued({ expiresInSeconds: 300 }), at(T0));

  it('reads back what was stored as JSON', () => {
    assert.deepEqual(parseCachedToken(JSON.parse(JSON.stringify(token))), token);
  });

  it('accepts a token without type or expiry', () => {
    assert.deepEqual(parseCachedToken({ accessToken: 'tok', obtainedAt: T0 }), {
      accessToken: 'tok',
      tokenType: undefined,
      obtainedAt: T0,
      expiresAt: undefined,
      refreshAt: undefined,
    });
  });

  it('drops fields it does not know', () => {
    assert.equal('secret' in (parseCachedToken({ ...token, secret: 'x' }) ?? {}), false);
  });

  for (const [what, value] of [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'tok'],
    ['an array', [token]],
    ['no accessToken', { obtainedAt: T0 }],
    ['an empty accessToken', { ...token, accessToken: '' }],
    ['a numeric accessToken', { ...token, accessToken: 42 }],
    ['no obtainedAt', { accessToken: 'tok' }],
    ['obtainedAt as a string', { ...token, obtainedAt: String(T0) }],
    ['expiresAt as null', { ...token, expiresAt: null }],
    ['expiresAt as NaN', { ...token, expiresAt: Number.NaN }],
    ['refreshAt as a string', { ...token, refreshAt: 'soon' }],
    ['tokenType as a number', { ...token, tokenType: 1 }],
  ] as const) {
    it(`rejects ${what}`, () => {
      assert.equal(parseCachedToken(value), undefined);
    });
  }
});
