import assert from 'node:assert/strict';
import { GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { OriginGate, PIPEFY_REQUESTS_PER_WINDOW } from '../../../../src/core/graphql/originGate';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { runAllPages } from '../../../../src/core/requests/allPages';
import { buildRequestBody } from '../../../../src/core/requests/requestBody';
import { coreTokenSource } from '../../../fixtures/coreTokenSource';
import { startSandbox, TOKEN_REUSE_MODES } from '../../../fixtures/sandbox';
import { BIG_PIPE_CARDS, BIG_PIPE_ID } from '../../../fixtures/sandbox/pipefyData';
import { readRequest } from './readRequest';

const CARDS = `query Tickets($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges { node { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const LIFETIME_SECONDS = 300;
/** Each page moves the shared fake clock this far: 200 pages span 2,000 s, over six 5-minute tokens. */
const SECONDS_PER_PAGE = 10;

/**
 * Run All Pages longer than its token lives: a 5-minute token (Pipefy's own lifetime for some
 * accounts) over a run of half an hour. The clock is faked, shared by the client and the sandbox,
 * because time is what this is about; whichever way the token endpoint reuses tokens (which one
 * Pipefy follows is unverified), the token is renewed along the way and no page fails.
 */
describe('Run All Pages over several token lifetimes, against the sandbox (fake clock)', () => {
  for (const mode of TOKEN_REUSE_MODES) {
    it(`"${mode}": a run of 2,000 s with a 5-minute token ends complete, every page taken, the token renewed and never sent expired`, async function () {
      this.timeout(60_000);
      let simulated = Date.UTC(2026, 11, 6, 9);
      const clock = { now: () => simulated };
      const sandbox = await startSandbox({ clock, tokenLifetimeSeconds: LIFETIME_SECONDS, tokenReuse: mode });
      try {
        // The cache's waits (for a token the endpoint hands out again) pass on the same clock.
        const sleep = async (ms: number) => {
          simulated += ms;
        };
        const runner = new GraphQLRunner({
          tokens: coreTokenSource(sandbox, clock, { sleep }),
          http: axiosPost,
          allowedOrigins: [sandbox.url],
          clock,
          pacing: { gate: new OriginGate(), requestsPerWindow: PIPEFY_REQUESTS_PER_WINDOW },
        });
        const request = readRequest(CARDS);
        const operation = request.operations[0];
        assert.ok(operation.pagination);
        const result = await runAllPages(runner, {
          endpoint: sandbox.graphqlEndpoint,
          body: buildRequestBody(request, operation, { pipeId: BIG_PIPE_ID }),
          pagination: operation.pagination,
          maxItems: BIG_PIPE_CARDS,
          onItems: () => undefined,
          onPage: () => {
            simulated += SECONDS_PER_PAGE * 1000;
          },
          now: clock.now,
        });

        assert.deepEqual([result.end, result.pages, result.items, result.failure], ['complete', 200, BIG_PIPE_CARDS, undefined]);
        assert.ok(result.durationMs >= 200 * SECONDS_PER_PAGE * 1000, `the run spanned ${result.durationMs} ms of the fake clock`);
        assert.equal(sandbox.stats.expiredTokenRequests, 0, 'no page was sent with an expired token');
        const lifetimes = Math.ceil(result.durationMs / (LIFETIME_SECONDS * 1000));
        const bearers = new Set(sandbox.requests.filter((sent) => sent.path === '/graphql').map((sent) => sent.authorization));
        assert.ok(sandbox.stats.tokenPosts >= lifetimes, `${sandbox.stats.tokenPosts} token POSTs over ${lifetimes} lifetimes`);
        assert.ok(bearers.size >= lifetimes, `${bearers.size} tokens carried over ${lifetimes} lifetimes`);
        // One request per page: none had to be sent again after a 401, not even where the old token was revoked.
        assert.equal(sandbox.stats.graphqlRequests, 200);
      } finally {
        await sandbox.close();
      }
    });
  }
});
