import assert from 'node:assert/strict';
import { GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import type { IssuedToken } from '../../../../src/core/oauth/tokenResponse';
import type { CachedToken } from '../../../../src/core/token/cachedToken';
import { FreshToken, MemoryTokenStore, TokenCache } from '../../../../src/core/token/tokenCache';
import { failed, requestTokenOrThrow, succeeded } from '../../testSupport/outcomes';
import { tokenFrom } from '../../testSupport/tokenFrom';
import { DEMO_CLIENT, Sandbox, startSandbox } from '../../../fixtures/sandbox';

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;
const T0 = Date.parse('2025-03-01T12:00:00Z');
const KEY = 'account-1';

class FakeClock {
  private time = T0;
  now = () => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
  set(ms: number): void {
    this.time = ms;
  }
}

/** A token endpoint stand-in that counts its calls; time is the subject here, so no HTTP. */
class Issuer {
  calls = 0;
  private serial = 0;
  constructor(
    private readonly clock: FakeClock,
    public expiresInSeconds = 300,
  ) {}

  /** Mints a new token on every call. */
  readonly fetch = async (): Promise<FreshToken> => {
    this.calls++;
    this.serial++;
    return this.answer({ accessToken: `token-${this.serial}`, expiresInSeconds: this.expiresInSeconds, raw: {} });
  };

  answer(issued: IssuedToken): FreshToken {
    return { issued, sentAt: this.clock.now(), receivedAt: this.clock.now() };
  }
}

/** The cache on a fake clock; its waits advance the clock and are recorded in `slept`. */
function setUp(expiresInSeconds = 300) {
  const clock = new FakeClock();
  const store = new MemoryTokenStore();
  const slept: number[] = [];
  const cache = new TokenCache(store, clock, async (ms) => {
    slept.push(ms);
    clock.advance(ms);
  });
  const issuer = new Issuer(clock, expiresInSeconds);
  return { clock, store, cache, issuer, slept };
}

function failingFetch(message = 'token endpoint down'): () => Promise<FreshToken> {
  return async () => {
    throw new Error(message);
  };
}

describe('token cache: a valid token is reused until the margin starts', () => {
  it('fetches once and hands out the same token until refreshAt', async () => {
    const { clock, cache, issuer } = setUp(300);
    const first = await tokenFrom(cache, KEY, issuer.fetch);
    clock.advance(270 * SECOND - 1);
    const again = await tokenFrom(cache, KEY, issuer.fetch);
    assert.equal(again.accessToken, first.accessToken);
    assert.equal(issuer.calls, 1);
  });

  it('renews a 5-minute token at 270 s', async () => {
    const { clock, cache, issuer } = setUp(300);
    await tokenFrom(cache, KEY, issuer.fetch);
    clock.advance(270 * SECOND);
    const renewed = await tokenFrom(cache, KEY, issuer.fetch);
    assert.equal(renewed.accessToken, 'token-2');
    assert.equal(issuer.calls, 2);
  });

  it('renews a 30-day token 60 s before it expires, not earlier', async () => {
    const { clock, cache, issuer } = setUp(30 * 24 * 3600);
    await tokenFrom(cache, KEY, issuer.fetch);
    clock.advance(30 * DAY - 60 * SECOND - 1);
    assert.equal((await tokenFrom(cache, KEY, issuer.fetch)).accessToken, 'token-1');
    clock.advance(1);
    assert.equal((await tokenFrom(cache, KEY, issuer.fetch)).accessToken, 'token-2');
  });

  it('keeps a token of unknown expiry until it is refused or cleared', async () => {
    const { clock, cache, issuer } = setUp();
    const fetch = async () => {
      issuer.calls++;
      return issuer.answer({ accessToken: 'no-expiry', raw: {} });
    };
    await tokenFrom(cache, KEY, fetch);
    clock.advance(365 * DAY);
    await tokenFrom(cache, KEY, fetch);
    assert.equal(issuer.calls, 1);
  });

  it('keeps one token per key', async () => {
    const { cache, issuer } = setUp();
    const a = await tokenFrom(cache, 'a', issuer.fetch);
    const b = await tokenFrom(cache, 'b', issuer.fetch);
    assert.notEqual(a.accessToken, b.accessToken);
    assert.equal((await tokenFrom(cache, 'a', issuer.fetch)).accessToken, a.accessToken);
    assert.equal(issuer.calls, 2);
  });
});

describe('token cache: concurrent callers share one token request (single flight)', () => {
  it('100 concurrent acquires with an empty cache make 1 fetch and all get its token', async () => {
    const { cache, issuer } = setUp();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowFetch = async () => {
      await gate;
      return issuer.fetch();
    };
    const all = Promise.all(Array.from({ length: 100 }, () => tokenFrom(cache, KEY, slowFetch)));
    release();
    const tokens = await all;
    assert.equal(issuer.calls, 1);
    assert.deepEqual(new Set(tokens.map((t) => t.accessToken)), new Set(['token-1']));
  });

  it('100 concurrent acquires inside the margin make 1 renewal', async () => {
    const { clock, cache, issuer } = setUp();
    await tokenFrom(cache, KEY, issuer.fetch);
    clock.advance(280 * SECOND);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => tokenFrom(cache, KEY, issuer.fetch)));
    assert.equal(issuer.calls, 2);
    assert.ok(tokens.every((t) => t.accessToken === 'token-2'));
  });

  it('a failed shared request fails every waiting caller once, and the next call tries again', async () => {
    const { cache, issuer } = setUp();
    let attempts = 0;
    const failing = async (): Promise<FreshToken> => {
      attempts++;
      throw new Error('endpoint down');
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokenFrom(cache, KEY, failing)));
    assert.equal(attempts, 1);
    assert.ok(results.every((r) => r.status === 'rejected' && (r.reason as Error).message === 'endpoint down'));
    assert.equal((await tokenFrom(cache, KEY, issuer.fetch)).accessToken, 'token-1');
  });
});

describe('token cache: forced refresh', () => {
  it('fetches a new token even when the cached one is fresh', async () => {
    const { cache, issuer } = setUp();
    await tokenFrom(cache, KEY, issuer.fetch);
    const forced = await tokenFrom(cache, KEY, issuer.fetch, { forceRefresh: true });
    assert.equal(forced.accessToken, 'token-2');
    assert.equal((await tokenFrom(cache, KEY, issuer.fetch)).accessToken, 'token-2');
    assert.equal(issuer.calls, 2);
  });

  it('concurrent forced refreshes still share one request', async () => {
    const { cache, issuer } = setUp();
    await Promise.all(Array.from({ length: 20 }, () => tokenFrom(cache, KEY, issuer.fetch, { forceRefresh: true })));
    assert.equal(issuer.calls, 1);
  });

  it('a failed forced refresh rejects, and leaves the still-valid token in the store', async () => {
    const { cache, issuer, store } = setUp();
    const token = await tokenFrom(cache, KEY, issuer.fetch);
    await assert.rejects(tokenFrom(cache, KEY, failingFetch(), { forceRefresh: true }), /token endpoint down/);
    assert.deepEqual(await store.get(KEY), token);
  });
});

describe('token cache: invalidation after a 401 drops only the refused token', () => {
  it('drops the token when it is the one that was refused, and fetches anew', async () => {
    const { cache, issuer, store } = setUp();
    const token = await tokenFrom(cache, KEY, issuer.fetch);
    await cache.invalidate(KEY, token.accessToken);
    assert.equal(await store.get(KEY), undefined);
    assert.equal(await cache.peek(KEY), undefined);
    assert.equal((await tokenFrom(cache, KEY, issuer.fetch)).accessToken, 'token-2');
  });

  it('keeps a newer token when an older one is reported refused', async () => {
    const { cache, issuer, store } = setUp();
    const old = await tokenFrom(cache, KEY, issuer.fetch);
    const newer = await tokenFrom(cache, KEY, issuer.fetch, { forceRefresh: true });
    await cache.invalidate(KEY, old.accessToken);
    assert.deepEqual(await store.get(KEY), newer);
    assert.equal((await tokenFrom(cache, KEY, issuer.fetch)).accessToken, newer.accessToken);
    assert.equal(issuer.calls, 2);
  });

  it('drops whatever token is cached when no token is named', async () => {
    const { cache, issuer, store } = setUp();
    await tokenFrom(cache, KEY, issuer.fetch);
    await cache.invalidate(KEY);
    assert.equal(await store.get(KEY), undefined);
  });

  it('clear() empties the key', async () => {
    const { cache, issuer, store } = setUp();
    await tokenFrom(cache, KEY, issuer.fetch);
    await cache.clear(KEY);
    assert.equal(await store.get(KEY), undefined);
    assert.equal(await cache.peek(KEY), undefined);
  });
});

describe('token cache: acquire says what happened, to every caller that shared the request', () => {
  /** A fetch that reports the round trip it made, as the token client does. */
  function exchangeReporting(issuer: Issuer, gate?: Promise<void>) {
    return async (): Promise<FreshToken> => {
      await gate;
      const fresh = await issuer.fetch();
      const exchange = {
        request: { method: 'POST' as const, url: 'https://auth.example/token', headers: {}, body: 'grant_type=client_credentials' },
        response: { status: 200, headers: {}, bodyText: `{"access_token":"${fresh.issued.accessToken}"}`, durationMs: 5, sizeBytes: 30 },
      };
      return { ...fresh, exchange };
    };
  }

  it('concurrent callers share one request and each sees its exchange', async () => {
    const { cache, issuer } = setUp();
    let release!: () => void;
    const fetch = exchangeReporting(issuer, new Promise<void>((resolve) => (release = resolve)));
    const all = Promise.all(Array.from({ length: 5 }, (_, i) => cache.acquire(KEY, fetch, { forceRefresh: i % 2 === 0 })));
    release();
    const acquisitions = (await all).map(succeeded);
    assert.equal(issuer.calls, 1);
    for (const acquisition of acquisitions) {
      assert.equal(acquisition.token.accessToken, 'token-1');
      assert.equal(acquisition.exchange?.response?.bodyText, '{"access_token":"token-1"}');
      assert.equal(acquisition.renewalFailure, undefined);
    }
  });

  it('a reused token comes with no exchange', async () => {
    const { cache, issuer } = setUp();
    const fetch = exchangeReporting(issuer);
    assert.ok(succeeded(await cache.acquire(KEY, fetch)).exchange);
    const reused = succeeded(await cache.acquire(KEY, fetch));
    assert.equal(reused.token.accessToken, 'token-1');
    assert.equal(reused.exchange, undefined);
    assert.equal(issuer.calls, 1);
  });

  it('a failed renewal that keeps the valid token is reported to every caller that shared it', async () => {
    const { clock, cache, issuer } = setUp(300);
    await cache.acquire(KEY, issuer.fetch);
    clock.advance(285 * SECOND);
    const acquisitions = (await Promise.all(Array.from({ length: 3 }, () => cache.acquire(KEY, failingFetch('renewal refused'))))).map(succeeded);
    for (const acquisition of acquisitions) {
      assert.equal(acquisition.token.accessToken, 'token-1');
      assert.match(String(acquisition.renewalFailure), /renewal refused/);
    }
  });

  it('says when the endpoint answered with the token already held', async () => {
    const { clock, cache } = setUp();
    const same = async (): Promise<FreshToken> => ({ issued: { accessToken: 'same', expiresInSeconds: 300, raw: {} }, sentAt: clock.now(), receivedAt: clock.now() });
    assert.equal(succeeded(await cache.acquire(KEY, same)).reissued, false);
    assert.equal(succeeded(await cache.acquire(KEY, same, { forceRefresh: true })).reissued, true);
  });
});

describe('token cache: when the token endpoint fails, a still-valid token stays in use', () => {
  it('hands out the still-valid token when renewal inside the margin fails, keeps it stored and says the renewal failed', async () => {
    const { clock, cache, issuer, store } = setUp(300);
    const token = await tokenFrom(cache, KEY, issuer.fetch);
    clock.advance(285 * SECOND);
    const used = succeeded(await cache.acquire(KEY, failingFetch()));
    assert.equal(used.token.accessToken, token.accessToken);
    assert.match(String(used.renewalFailure), /token endpoint down/);
    assert.deepEqual(await store.get(KEY), token);
  });

  it('the next success replaces it, with no failure to report', async () => {
    const { clock, cache, issuer, store } = setUp(300);
    await tokenFrom(cache, KEY, issuer.fetch);
    clock.advance(285 * SECOND);
    await tokenFrom(cache, KEY, failingFetch());
    const renewed = succeeded(await cache.acquire(KEY, issuer.fetch));
    assert.equal(renewed.token.accessToken, 'token-2');
    assert.equal(renewed.renewalFailure, undefined);
    assert.deepEqual(await store.get(KEY), renewed.token);
  });

  it('never hands out an expired token: once it has expired the failure reaches the caller', async () => {
    const { clock, cache, issuer } = setUp(300);
    await tokenFrom(cache, KEY, issuer.fetch);
    clock.advance(300 * SECOND);
    await assert.rejects(tokenFrom(cache, KEY, failingFetch()), /token endpoint down/);
  });

  it('with no token at all, the failure reaches the caller and nothing is stored', async () => {
    const { cache, store } = setUp();
    await assert.rejects(tokenFrom(cache, KEY, failingFetch()), /token endpoint down/);
    assert.equal(await store.get(KEY), undefined);
  });
});

describe('token cache: a server that hands back the same token is not asked again before it expires', () => {
  it('stops renewing a reused token until its expiry, sends it until its last second, then waits for the new one', async () => {
    const { clock, cache, issuer, slept } = setUp();
    let calls = 0;
    // Doorkeeper-like: the same token while it is valid, expires_in = what is left.
    const doorkeeper = async (): Promise<FreshToken> => {
      calls++;
      const age = clock.now() - T0;
      if (age < 300 * SECOND) {
        return issuer.answer({ accessToken: 'same', expiresInSeconds: Math.floor((300 * SECOND - age) / 1000), createdAtSeconds: T0 / 1000, raw: {} });
      }
      return issuer.answer({ accessToken: 'next', expiresInSeconds: 300, createdAtSeconds: Math.floor(clock.now() / 1000), raw: {} });
    };
    await tokenFrom(cache, KEY, doorkeeper);
    clock.advance(270 * SECOND);
    assert.equal((await tokenFrom(cache, KEY, doorkeeper)).accessToken, 'same');
    assert.equal(calls, 2, 'asked once at the margin');
    for (let s = 271; s < 299; s++) {
      clock.set(T0 + s * SECOND);
      assert.equal((await tokenFrom(cache, KEY, doorkeeper)).accessToken, 'same');
    }
    assert.equal(calls, 2, 'not asked again while the same token is still valid');
    // In its last second a request could reach the server after the token ended there.
    clock.set(T0 + 299 * SECOND);
    assert.equal((await tokenFrom(cache, KEY, doorkeeper)).accessToken, 'next');
    assert.deepEqual(slept, [2 * SECOND], 'waited until the server surely has a new token');
    assert.equal(calls, 3);
  });

  it('dates the expiry from when the request went out, so a slow answer cannot make it late', async () => {
    const { clock, cache } = setUp();
    const slow = async (): Promise<FreshToken> => {
      const sentAt = clock.now();
      clock.advance(4 * SECOND);
      return { issued: { accessToken: 'slow', expiresInSeconds: 300, raw: {} }, sentAt, receivedAt: clock.now() };
    };
    const token = await tokenFrom(cache, KEY, slow);
    assert.equal(token.expiresAt, T0 + 300 * SECOND);
    assert.equal(token.obtainedAt, T0 + 4 * SECOND);
  });
});

describe('token cache: at the expiry boundary no call fails (the server still holds the old token for up to a second)', () => {
  /** Counts down whole seconds like Pipefy: the same token while it is valid, expires_in floored, 0 in its last second. */
  function countingDown(clock: FakeClock, lifetimeMs: number, firstAt = T0) {
    const posts: number[] = [];
    const fetch = async (): Promise<FreshToken> => {
      posts.push(clock.now());
      const generation = Math.floor((clock.now() - firstAt) / lifetimeMs);
      const expiresAt = firstAt + (generation + 1) * lifetimeMs;
      const issued = { accessToken: `token-${generation + 1}`, expiresInSeconds: Math.floor((expiresAt - clock.now()) / 1000), raw: {} };
      return { issued, sentAt: clock.now(), receivedAt: clock.now() };
    };
    return { fetch, posts };
  }

  it('a token handed out with expires_in 0 is waited out, and the next answer is used', async () => {
    const { clock, cache, slept } = setUp();
    // A fresh window asks 4.6 s into a 5-second token's life: the server still hands it out.
    clock.set(T0 + 4600);
    const server = countingDown(clock, 5000);
    const token = await tokenFrom(cache, KEY, server.fetch);
    assert.equal(token.accessToken, 'token-2');
    assert.deepEqual(slept, [1000], 'waited at most the rounding of expires_in');
    assert.deepEqual(server.posts, [T0 + 4600, T0 + 5600]);
  });

  it('a renewal at the margin that gets the same token with expires_in 0 waits for the next instead of sending one that could end in flight', async () => {
    const { clock, cache, slept } = setUp();
    const server = countingDown(clock, 5000);
    assert.equal((await tokenFrom(cache, KEY, server.fetch)).accessToken, 'token-1');
    // The 10% margin of a 5-second token is 0.5 s, as is its in-flight guard: token-1 is at its end.
    clock.set(T0 + 4500);
    const renewed = succeeded(await cache.acquire(KEY, server.fetch));
    assert.equal(renewed.token.accessToken, 'token-2');
    assert.equal(renewed.renewalFailure, undefined, 'waiting for the next token is no failure');
    assert.deepEqual(slept, [1500], 'until its expiry, plus the second expires_in is rounded by');
    assert.deepEqual(server.posts, [T0, T0 + 4500, T0 + 6000]);
  });

  it('a 5-minute token handed back at the margin is sent until its last second, then the next one is waited for without asking again', async () => {
    const { clock, cache, slept } = setUp();
    const server = countingDown(clock, 300 * SECOND);
    await tokenFrom(cache, KEY, server.fetch);
    clock.set(T0 + 270 * SECOND);
    assert.equal((await tokenFrom(cache, KEY, server.fetch)).accessToken, 'token-1');
    clock.set(T0 + 298_999);
    assert.equal((await tokenFrom(cache, KEY, server.fetch)).accessToken, 'token-1');
    clock.set(T0 + 299 * SECOND);
    assert.equal((await tokenFrom(cache, KEY, server.fetch)).accessToken, 'token-2');
    assert.deepEqual(server.posts, [T0, T0 + 270 * SECOND, T0 + 301 * SECOND], 'once at the margin, once for the next token');
    assert.deepEqual(slept, [2 * SECOND]);
  });

  it('when the client\'s estimate ends a little before the server\'s, the old token comes back with expires_in 0 and is waited out', async () => {
    const { clock, cache, slept } = setUp();
    // The server minted the token 300 ms before the client heard of it: expires_in 4 (4.7 s left).
    const server = countingDown(clock, 5000, T0 - 300);
    const first = await tokenFrom(cache, KEY, server.fetch);
    assert.equal(first.expiresAt, T0 + 4000);
    clock.set(T0 + 4000);
    const next = await tokenFrom(cache, KEY, server.fetch);
    assert.equal(next.accessToken, 'token-2');
    assert.deepEqual(slept, [1000]);
  });

  it('gives up with a clear message when the endpoint keeps handing out a dead token', async () => {
    const { cache, store, slept } = setUp();
    const stuck = async (): Promise<FreshToken> => ({ issued: { accessToken: 'dead', expiresInSeconds: 0, raw: {} }, sentAt: T0, receivedAt: T0 });
    await assert.rejects(tokenFrom(cache, KEY, stuck), /keeps handing out a token that has already expired \(expires_in is 0, or its exp has passed\), even after waiting/);
    assert.equal(slept.length, 3);
    assert.equal(await store.get(KEY), undefined);
  });
});

describe('token cache: the same token with its full lifetime again never moves its expiry later', () => {
  it('keeps the first expiry when a server repeats the whole lifetime for a token it re-serves', async () => {
    const { clock, cache } = setUp();
    let posts = 0;
    const fullLifetime = async (): Promise<FreshToken> => {
      posts++;
      const generation = clock.now() < T0 + 300 * SECOND ? 1 : 2;
      return { issued: { accessToken: `token-${generation}`, expiresInSeconds: 300, raw: {} }, sentAt: clock.now(), receivedAt: clock.now() };
    };
    const first = await tokenFrom(cache, KEY, fullLifetime);
    clock.set(T0 + 270 * SECOND);
    const again = await tokenFrom(cache, KEY, fullLifetime);
    assert.equal(again.accessToken, first.accessToken);
    assert.equal(again.expiresAt, T0 + 300 * SECOND, 'not T0 + 570 s');
    assert.equal(again.refreshAt, T0 + 299 * SECOND);
    clock.set(T0 + 299 * SECOND);
    assert.equal((await tokenFrom(cache, KEY, fullLifetime)).accessToken, 'token-2');
    assert.equal(clock.now(), T0 + 301 * SECOND, 'asked once the server surely has a new one');
    assert.equal(posts, 3);
  });

  it('a forced refresh that gets the same token back does not extend it either', async () => {
    const { clock, cache } = setUp();
    const same = async (): Promise<FreshToken> => ({ issued: { accessToken: 'same', expiresInSeconds: 300, raw: {} }, sentAt: clock.now(), receivedAt: clock.now() });
    await tokenFrom(cache, KEY, same);
    clock.advance(100 * SECOND);
    assert.equal((await tokenFrom(cache, KEY, same, { forceRefresh: true })).expiresAt, T0 + 300 * SECOND);
  });
});

describe('token cache: at a whole-second boundary on the real clock', () => {
  it('a window that asks in the token\'s last second gets the next token, not an error', async function () {
    this.timeout(10_000);
    const sandbox = await startSandbox({ tokenLifetimeSeconds: 2 });
    try {
      const fetch = async (): Promise<FreshToken> => {
        const result = await requestTokenOrThrow({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form' }, axiosPost);
        return { issued: result.token, ...result.exchange };
      };
      const first = await tokenFrom(new TokenCache(new MemoryTokenStore()), KEY, fetch);
      // Into the last second of the first token's life, as the server counts it.
      await new Promise((resolve) => setTimeout(resolve, first.expiresAt! - Date.now() - 1000 + 200));
      const raw = await requestTokenOrThrow({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form' }, axiosPost);
      assert.deepEqual([raw.token.accessToken, raw.token.expiresInSeconds], [first.accessToken, 0], 'the server hands out the old token with expires_in 0');
      const second = await tokenFrom(new TokenCache(new MemoryTokenStore()), KEY, fetch);
      assert.notEqual(second.accessToken, first.accessToken);
      const response = await new GraphQLRunner({ tokens: { acquire: async () => second, invalidate: async () => undefined }, http: axiosPost, allowedOrigins: [sandbox.url] }).run({ endpoint: sandbox.graphqlEndpoint, query: '{ me { id } }' });
      assert.equal(response.status, 200);
      assert.equal(sandbox.stats.expiredTokenRequests, 0);
    } finally {
      await sandbox.close();
    }
  });
});

describe('token cache: the store is shared with other windows', () => {
  it('reuses a token another window stored, without fetching', async () => {
    const { clock, store, issuer } = setUp();
    const other = new TokenCache(store, clock);
    const token = await tokenFrom(other, KEY, issuer.fetch);
    const cache = new TokenCache(store, clock);
    assert.deepEqual(await tokenFrom(cache, KEY, issuer.fetch), token);
    assert.equal(issuer.calls, 1);
  });

  it('sees another window\'s new token after forget()', async () => {
    const { clock, store, cache, issuer } = setUp();
    await tokenFrom(cache, KEY, issuer.fetch);
    const other = new TokenCache(store, clock);
    const newer = await tokenFrom(other, KEY, issuer.fetch, { forceRefresh: true });
    cache.forget(KEY);
    assert.deepEqual(await cache.peek(KEY), newer);
  });

  it('never hands out an expired token found in the store, even one without refreshAt', async () => {
    const { store, cache, issuer } = setUp();
    const stale: CachedToken = { accessToken: 'stale', obtainedAt: T0 - 600 * SECOND, expiresAt: T0 - 1 };
    await store.set(KEY, stale);
    assert.equal((await tokenFrom(cache, KEY, issuer.fetch)).accessToken, 'token-1');
  });
});

describe('token cache: acquire returns its failure as a value, never throws', () => {
  it('a refusal the fetcher returns reaches the caller with its exchange, and nothing is stored', async () => {
    const { cache, store } = setUp();
    const exchange = { request: { method: 'POST' as const, url: 'https://auth.example/token', headers: {}, body: 'grant_type=client_credentials' } };
    const refusal = new Error('401 invalid_client');
    const result = failed(await cache.acquire(KEY, async () => ({ ok: false, error: refusal, exchange })));
    assert.equal(result.error, refusal);
    assert.deepEqual(result.exchange, exchange);
    assert.equal(await store.get(KEY), undefined);
  });

  it('a fetcher that throws, or a store that cannot be read, comes back as a failure too', async () => {
    const { cache } = setUp();
    assert.match(String(failed(await cache.acquire(KEY, failingFetch('boom'))).error), /boom/);
    const unreadable = new TokenCache({ get: () => Promise.reject(new Error('store locked')), set: async () => {}, delete: async () => {} });
    assert.match(String(failed(await unreadable.acquire(KEY, failingFetch())).error), /store locked/);
  });
});

describe('token cache with the sandbox\'s Doorkeeper-like endpoint, both on one fake clock', () => {
  let sandbox: Sandbox;
  const clock = new FakeClock();
  before(async () => {
    sandbox = await startSandbox({ clock, tokenLifetimeSeconds: 300 });
  });
  after(() => sandbox.close());

  it('posts once per token lifetime: at the margin the same token comes back and is sent until its last second', async () => {
    const cache = new TokenCache(new MemoryTokenStore(), clock, async (ms) => clock.advance(ms));
    const fetch = async (): Promise<FreshToken> => {
      const result = await requestTokenOrThrow({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form' }, axiosPost, clock.now);
      return { issued: result.token, ...result.exchange };
    };
    const first = await tokenFrom(cache, KEY, fetch);
    clock.set(T0 + 270 * SECOND);
    assert.equal((await tokenFrom(cache, KEY, fetch)).accessToken, first.accessToken);
    assert.equal(sandbox.stats.tokenPosts, 2, 'asked once at the margin, got the same token');
    for (let s = 271; s < 299; s++) {
      clock.set(T0 + s * SECOND);
      assert.equal((await tokenFrom(cache, KEY, fetch)).accessToken, first.accessToken);
    }
    assert.equal(sandbox.stats.tokenPosts, 2);
    clock.set(T0 + 299 * SECOND);
    assert.notEqual((await tokenFrom(cache, KEY, fetch)).accessToken, first.accessToken);
    assert.equal(sandbox.stats.tokenPosts, 3);
    assert.equal(sandbox.stats.tokensIssued, 2);
  });
});
