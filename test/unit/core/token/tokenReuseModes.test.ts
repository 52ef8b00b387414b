import assert from 'node:assert/strict';
import { GraphQLRunner, type TokenSource } from '../../../../src/core/graphql/graphqlRunner';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import type { CachedToken } from '../../../../src/core/token/cachedToken';
import { type FreshToken, MemoryTokenStore, TokenCache } from '../../../../src/core/token/tokenCache';
import { requestTokenOrThrow } from '../../testSupport/outcomes';
import { tokenFrom } from '../../testSupport/tokenFrom';
import { coreTokenSource } from '../../../fixtures/coreTokenSource';
import { DEMO_CLIENT, startSandbox, TOKEN_REUSE_MODES, type Sandbox } from '../../../fixtures/sandbox';

const KEY = 'demo';
const ME = '{ me { id } }';

/**
 * The token cache, the GraphQL runner and the token request against the sandbox in each way a
 * token endpoint may reuse tokens (which one Pipefy follows is unverified): every call succeeds.
 */
for (const mode of TOKEN_REUSE_MODES) {
  describe(`token reuse mode "${mode}": cache, runner and token request against the sandbox`, () => {
    describe('a minute of calls with a 5-second token (fake clock)', () => {
      it('every call succeeds, none is sent with an expired token, and only a revoking server ever answers 401', async () => {
        let simulated = Date.UTC(2026, 10, 29, 18);
        const clock = { now: () => simulated };
        const sandbox = await startSandbox({ clock, tokenLifetimeSeconds: 5, tokenReuse: mode });
        try {
          const sleep = async (ms: number) => {
            simulated += ms;
          };
          const runner = new GraphQLRunner({ tokens: coreTokenSource(sandbox, clock, { sleep }), http: axiosPost, allowedOrigins: [sandbox.url], clock });
          const end = simulated + 60_000;
          // Uneven steps land calls just before, at and after each renewal point and each expiry.
          const steps = [137, 250, 49, 500, 333, 1, 999];
          for (let i = 0; simulated < end; i++) {
            const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
            assert.equal(response.status, 200, `call ${i} at +${simulated % 60_000} ms`);
            if (mode !== 'new-revoking') assert.equal(response.retriedAfter401, false, `call ${i}`);
            simulated += steps[i % steps.length];
          }
          assert.equal(sandbox.stats.expiredTokenRequests, 0);
          assert.ok(sandbox.stats.tokensIssued >= 11, `${sandbox.stats.tokensIssued} tokens over a minute of 5-second tokens`);
        } finally {
          await sandbox.close();
        }
      });
    });

    describe('on the real clock', () => {
      let sandbox: Sandbox;
      before(async () => {
        sandbox = await startSandbox({ tokenReuse: mode });
      });
      afterEach(() => sandbox.reset());
      after(() => sandbox.close());

      const fetch = async (): Promise<FreshToken> => {
        const result = await requestTokenOrThrow({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form' }, axiosPost);
        return { issued: result.token, ...result.exchange };
      };
      const sourceOf = (cache: TokenCache): TokenSource => ({
        acquire: (options) => tokenFrom(cache, KEY, fetch, options),
        invalidate: (accessToken) => cache.invalidate(KEY, accessToken),
      });
      /** A run that took `stale` from the cache just before something replaced it, then asks the cache as usual. */
      const tookBefore = (stale: CachedToken, cache: TokenCache): TokenSource => {
        let first = true;
        const source = sourceOf(cache);
        return {
          acquire: async (options) => {
            if (first) {
              first = false;
              return stale;
            }
            return source.acquire(options);
          },
          invalidate: source.invalidate,
        };
      };

      it('Refresh Token while a run holds the old token: the run succeeds, and no further token is asked for', async () => {
        const cache = new TokenCache(new MemoryTokenStore());
        const old = await tokenFrom(cache, KEY, fetch);
        const refreshed = await tokenFrom(cache, KEY, fetch, { forceRefresh: true });
        const posts = sandbox.stats.tokenPosts;
        const response = await new GraphQLRunner({ tokens: tookBefore(old, cache), http: axiosPost, allowedOrigins: [sandbox.url] }).run({ endpoint: sandbox.graphqlEndpoint, query: ME });
        assert.equal(response.status, 200);
        assert.equal(response.retriedAfter401, mode === 'new-revoking' && refreshed.accessToken !== old.accessToken);
        assert.equal(sandbox.stats.tokenPosts, posts, 'the newer cached token was used, not replaced');
        assert.equal((await cache.peek(KEY))?.accessToken, refreshed.accessToken);
      });

      it('a second window refreshed the shared token: this window\'s run succeeds with it, without asking for another', async () => {
        const store = new MemoryTokenStore();
        const thisWindow = new TokenCache(store);
        const otherWindow = new TokenCache(store);
        const old = await tokenFrom(thisWindow, KEY, fetch);
        const refreshed = await tokenFrom(otherWindow, KEY, fetch, { forceRefresh: true });
        // This window has not heard of it yet: its memory still holds the old token.
        assert.equal((await thisWindow.peek(KEY))?.accessToken, old.accessToken);
        const posts = sandbox.stats.tokenPosts;
        const runner = new GraphQLRunner({ tokens: sourceOf(thisWindow), http: axiosPost, allowedOrigins: [sandbox.url] });
        const response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
        assert.equal(response.status, 200);
        assert.equal(sandbox.stats.tokenPosts, posts);
        const used = sandbox.requests.filter((request) => request.path === '/graphql').at(-1)?.authorization;
        assert.equal(used, `Bearer ${mode === 'new-revoking' ? refreshed.accessToken : old.accessToken}`);
        // And the other window's runs keep working with what is stored.
        assert.equal((await new GraphQLRunner({ tokens: sourceOf(otherWindow), http: axiosPost, allowedOrigins: [sandbox.url] }).run({ endpoint: sandbox.graphqlEndpoint, query: ME })).status, 200);
      });

      it('runs, forced refreshes and a second window all at once: every run succeeds', async function () {
        this.timeout(30_000);
        const store = new MemoryTokenStore();
        const windows = [new TokenCache(store), new TokenCache(store)];
        const runners = windows.map((cache) => new GraphQLRunner({ tokens: sourceOf(cache), http: axiosPost, allowedOrigins: [sandbox.url] }));
        const work: Promise<unknown>[] = [];
        for (let i = 0; i < 200; i++) {
          work.push(runners[i % 2].run({ endpoint: sandbox.graphqlEndpoint, query: ME }).then((response) => assert.equal(response.status, 200, `run ${i}`)));
          if (i % 25 === 0) work.push(tokenFrom(windows[(i / 25) % 2], KEY, fetch, { forceRefresh: true }));
          if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await Promise.all(work);
      });

      it('the token request sees the mode: the same token or a new one, with the lifetime the mode says', async () => {
        const first = await requestTokenOrThrow({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'json' }, axiosPost);
        const second = await requestTokenOrThrow({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'basic' }, axiosPost);
        const same = mode === 'same' || mode === 'same-full-lifetime';
        assert.equal(second.token.accessToken === first.token.accessToken, same);
        if (mode === 'same-full-lifetime') assert.equal(second.token.expiresInSeconds, 300);
        else assert.ok(second.token.expiresInSeconds! <= 300);
      });
    });
  });
}
