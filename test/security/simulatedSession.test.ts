import * as assert from 'node:assert/strict';
import { GraphQLRunner } from '../../src/core/graphql/graphqlRunner';
import { axiosPost } from '../../src/core/http/axiosPost';
import { safetyMarginMs } from '../../src/core/token/cachedToken';
import { coreTokenSource } from '../fixtures/coreTokenSource';
import { startSandbox } from '../fixtures/sandbox';
import { watchSandbox } from './figures';

const MINUTE = 60_000;
const SESSION_MS = 30 * MINUTE;
const LIFETIME_SECONDS = 5 * 60;
const CONCURRENT = 4;
/** Uneven gaps between bursts, so that some bursts land just before, at and after each renewal point. */
const GAPS_SECONDS = [1, 7, 3, 11, 2, 5];

/**
 * Issue 6's load bar on time: a 30-minute session of continuous requests with a 5-minute token,
 * on a fake clock that the client and the sandbox share (time is the subject here). The sandbox
 * counts every GraphQL request that arrives with a token it knows has expired; there must be none.
 */
describe('Load: a 30-minute session with a 5-minute token (fake clock)', () => {
  for (const tokenReuse of ['same', 'new'] as const) {
    const reuseTokens = tokenReuse === 'same';
    const how = reuseTokens ? 'the same token until it expires, as Pipefy does' : 'a new token on every POST';
    it(`sends no request with an expired token, and renews only when the margin asks (${how})`, async () => {
      let simulated = Date.UTC(2026, 10, 29, 9);
      const clock = { now: () => simulated };
      const sandbox = watchSandbox('the simulated session\'s sandbox', await startSandbox({ clock, tokenLifetimeSeconds: LIFETIME_SECONDS, tokenReuse }));
      try {
        const runner = new GraphQLRunner({ tokens: coreTokenSource(sandbox, clock), allowedOrigins: [sandbox.url], clock, http: axiosPost });
        const end = simulated + SESSION_MS;
        let sent = 0;
        for (let burst = 0; simulated < end; burst++) {
          const responses = await Promise.all(
            Array.from({ length: CONCURRENT }, () => runner.run({ endpoint: sandbox.graphqlEndpoint, query: '{ me { id } }' })),
          );
          assert.deepEqual(responses.map((response) => response.status), Array(CONCURRENT).fill(200), `burst ${burst} at ${new Date(simulated).toISOString()}`);
          sent += CONCURRENT;
          simulated += GAPS_SECONDS[burst % GAPS_SECONDS.length] * 1000;
        }

        assert.equal(sandbox.stats.expiredTokenRequests, 0, 'requests sent with an expired token');
        assert.equal(sandbox.stats.graphqlRequests, sent, 'every request reached the sandbox once: no 401 retries were needed');
        const usableMs = LIFETIME_SECONDS * 1000 - safetyMarginMs(LIFETIME_SECONDS * 1000);
        const fewest = Math.ceil(SESSION_MS / usableMs);
        // Pipefy hands back the same token until it expires, so a renewal inside the margin may take one extra POST per lifetime.
        const most = reuseTokens ? 2 * Math.ceil(SESSION_MS / (LIFETIME_SECONDS * 1000)) + 1 : fewest + 1;
        assert.ok(sandbox.stats.tokenPosts >= fewest && sandbox.stats.tokenPosts <= most, `${sandbox.stats.tokenPosts} token POSTs, expected ${fewest} to ${most}`);
      } finally {
        await sandbox.close();
      }
    });
  }
});
