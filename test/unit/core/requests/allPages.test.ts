import assert from 'node:assert/strict';
import { GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { OriginGate } from '../../../../src/core/graphql/originGate';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { type AllPagesRequest, runAllPages } from '../../../../src/core/requests/allPages';
import { CollectedItems } from '../../../../src/core/requests/collectedItems';
import { buildRequestBody } from '../../../../src/core/requests/requestBody';
import { coreTokenSource } from '../../../fixtures/coreTokenSource';
import { type Sandbox, startSandbox } from '../../../fixtures/sandbox';
import { BIG_PIPE_CARDS, BIG_PIPE_ID } from '../../../fixtures/sandbox/pipefyData';
import { readRequest } from './readRequest';

const CARDS = `query Tickets($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges { node { id title fields { name value } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Run All Pages through the real runner and gate, against the sandbox's 10,000-card pipe with
 * Pipefy's rate limit on (200 pages are well under it).
 */
describe('Run All Pages: following the cursor through the runner, against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ tokenLifetimeSeconds: 3600 });
  });
  beforeEach(() => sandbox.reset());
  after(() => sandbox.close());

  function run(overrides: Partial<AllPagesRequest> & { variables?: Record<string, unknown>; gate?: OriginGate } = {}) {
    const request = readRequest(CARDS);
    const operation = request.operations[0];
    assert.ok(operation.pagination);
    const collected = new CollectedItems();
    const runner = new GraphQLRunner({
      tokens: coreTokenSource(sandbox),
      http: axiosPost,
      allowedOrigins: [sandbox.url],
      pacing: { gate: overrides.gate ?? new OriginGate(), requestsPerWindow: 500 },
    });
    const done = runAllPages(runner, {
      endpoint: sandbox.graphqlEndpoint,
      body: buildRequestBody(request, operation, { pipeId: BIG_PIPE_ID, ...overrides.variables }),
      pagination: operation.pagination,
      maxItems: 10_000,
      onItems: (items) => collected.add(items),
      ...overrides,
    });
    return done.then((result) => ({ result, ids: collected.jsonTexts().map((text) => (JSON.parse(text) as { id: string }).id) }));
  }

  it('takes every card of the 10,000-card pipe exactly once and in order, in 200 pages', async () => {
    const { result, ids } = await run();
    assert.deepEqual([result.end, result.pages, result.items, result.failure], ['complete', 200, BIG_PIPE_CARDS, undefined]);
    const first = Number(ids[0]);
    assert.deepEqual(ids, Array.from({ length: BIG_PIPE_CARDS }, (_, index) => String(first + index)));
    assert.equal(sandbox.stats.graphqlRequests, 200);
  });

  it('stops at the item cap, taking only what fits from the last page', async () => {
    const { result, ids } = await run({ maxItems: 120 });
    assert.deepEqual([result.end, result.pages, result.items, ids.length], ['capped', 3, 120, 120]);
  });

  it('stops after the page in flight when cancelled, keeping the pages taken', async () => {
    let pagesSeen = 0;
    const { result, ids } = await run({ onPage: (progress) => (pagesSeen = progress.page), isCancelled: () => pagesSeen >= 3 });
    assert.deepEqual([result.end, result.pages, ids.length, sandbox.stats.graphqlRequests], ['cancelled', 3, 150, 3]);
  });

  it('reports the page that failed and why, and keeps the pages before it', async () => {
    sandbox.failPage(7);
    const { result, ids } = await run();
    assert.equal(result.end, 'failed');
    assert.equal(result.failure?.page, 7);
    assert.match(result.failure?.message ?? '', /^INTERNAL_SERVER_ERROR: Simulated failure reading cards from position 301\./);
    assert.deepEqual([result.pages, ids.length], [6, 300]);
  });

  it('renews an expired token mid-run through the runner and carries on', async () => {
    const { result } = await run({ maxItems: 500, onPage: (progress) => progress.page === 2 && sandbox.expireTokens() });
    assert.deepEqual([result.end, result.items], ['capped', 500]);
    assert.equal(sandbox.stats.tokensIssued, 2);
  });

  it('stops at a 429 instead of sending into the lockout, naming the page', async () => {
    sandbox.setRateLimit({ requests: 3, windowSeconds: 30, lockoutSeconds: 300 });
    const gate = new OriginGate();
    const { result, ids } = await run({ gate });
    assert.deepEqual([result.end, result.failure?.page, ids.length], ['failed', 4, 150]);
    assert.match(result.failure?.message ?? '', /429/);
    assert.equal(sandbox.rateLimitStats.refused, 1, 'nothing more was sent once the origin answered 429');
  });

  it('starts from the cursor the variables give', async () => {
    const { result, ids } = await run({ maxItems: 50 });
    const next = await run({ maxItems: 50, variables: { after: Buffer.from('card:49').toString('base64') } });
    assert.equal(result.end, 'capped');
    assert.equal(Number(next.ids[0]), Number(ids[49]) + 1);
  });
});
