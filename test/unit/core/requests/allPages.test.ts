import assert from 'node:assert/strict';
import { type GraphQLRequest, type GraphQLResponse, GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { OriginGate } from '../../../../src/core/graphql/originGate';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { type AllPagesRequest, runAllPages } from '../../../../src/core/requests/allPages';
import { CollectedItems } from '../../../../src/core/requests/collectedItems';
import { buildRequestBody } from '../../../../src/core/requests/requestBody';
import { coreTokenSource } from '../../../fixtures/coreTokenSource';
import { type Sandbox, startSandbox } from '../../../fixtures/sandbox';
import { BIG_PIPE_CARDS, BIG_PIPE_ID, CUSTOMERS_TABLE_ID, CUSTOMERS_TABLE_RECORDS, PipefyData } from '../../../fixtures/sandbox/pipefyData';
import { WatchedGate } from '../graphql/watchedGate';
import { readRequest } from './readRequest';

const CARDS = `query Tickets($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges { node { id title fields { name value } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface RunOptions extends Partial<AllPagesRequest> {
  readonly query?: string;
  readonly variables?: Record<string, unknown>;
  readonly gate?: OriginGate;
  readonly requestsPerWindow?: number;
}

/** Runs `query` (by default the 10,000-card pipe's allCards) through the real runner and gate; the items come back as the ids they carry. */
function runAgainst(sandbox: Sandbox, { query = CARDS, variables, gate, requestsPerWindow, ...overrides }: RunOptions = {}) {
  const request = readRequest(query);
  const operation = request.operations[0];
  assert.ok(operation.pagination, 'the query is seen as paginated');
  const collected = new CollectedItems();
  const runner = new GraphQLRunner({
    tokens: coreTokenSource(sandbox),
    http: axiosPost,
    allowedOrigins: [sandbox.url],
    pacing: { gate: gate ?? new OriginGate(), requestsPerWindow: requestsPerWindow ?? 500 },
  });
  const done = runAllPages(runner, {
    endpoint: sandbox.graphqlEndpoint,
    body: buildRequestBody(request, operation, { pipeId: BIG_PIPE_ID, ...variables }),
    pagination: operation.pagination,
    maxItems: 10_000,
    onItems: (items) => collected.add(items),
    ...overrides,
  });
  return done.then((result) => ({ result, ids: collected.jsonTexts().map((text) => (JSON.parse(text) as { id: string }).id) }));
}

/** The variables each GraphQL request carried, in order. */
const sentVariables = (sandbox: Sandbox) =>
  sandbox.requests.filter((request) => request.path === '/graphql').map((request) => (JSON.parse(request.body) as { variables: Record<string, unknown> }).variables);

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

  const run = (options: RunOptions = {}) => runAgainst(sandbox, options);

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
    assert.equal(result.next, undefined, 'part of page 3 was left behind: going on from page 4 would skip it');
  });

  it('a cap reached on a page taken whole names the next page, for a resume once the cap is raised', async () => {
    const { result } = await run({ maxItems: 100 });
    assert.deepEqual([result.end, result.pages, result.next], ['capped', 2, Buffer.from('card:99').toString('base64')]);
  });

  it('Cancel with a page in flight takes that page and sends no other, keeping the pages taken', async () => {
    const cancel = new AbortController();
    // Cancelled the moment page 3 is let through the gate, so it is on its way when Cancel comes.
    const gate = new WatchedGate((admission, call) => call === 3 && void admission.then(() => cancel.abort()));
    const { result, ids } = await run({ gate, signal: cancel.signal });
    assert.deepEqual([result.end, result.pages, ids.length, sandbox.stats.graphqlRequests], ['cancelled', 3, 150, 3]);
  });

  it('Cancel while a page waits for room in the window sends nothing more and ends the run then, keeping the pages taken', async function () {
    // Two requests per 30 s window: page 3 would wait about 30 s, past this test's timeout, unless
    // Cancel reaches the wait. The window is full when page 3 asks, so it is queued when Cancel comes.
    this.timeout(20_000);
    const cancel = new AbortController();
    const gate = new WatchedGate((_admission, call) => call === 3 && cancel.abort());
    const { result, ids } = await run({ gate, requestsPerWindow: 2, signal: cancel.signal });
    assert.deepEqual([result.end, result.pages, ids.length, result.failure], ['cancelled', 2, 100, undefined]);
    assert.equal(sandbox.stats.graphqlRequests, 2, 'page 3 was never sent');
    assert.equal(gate.decide(new URL(sandbox.url).origin, Date.now()).kind, 'wait', 'the cancelled page took no slot: the two pages sent still fill the window');
  });

  it('Cancel before the first page sends nothing', async () => {
    const cancel = new AbortController();
    cancel.abort();
    const { result } = await run({ signal: cancel.signal });
    assert.deepEqual([result.end, result.pages, result.items, sandbox.stats.graphqlRequests], ['cancelled', 0, 0, 0]);
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

/**
 * Pipefy's other paged lists, each detected from the query and served by the sandbox in Pipefy's
 * shape: a database table's records (200 a page), cards under a search filter, and numbered pages.
 */
describe('Run All Pages: table records, a card search and numbered pages, against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  const data = new PipefyData();
  const bigPipe = data.pipes.get(BIG_PIPE_ID);
  const titled = (text: string) => (bigPipe?.cards ?? []).filter((card) => card.title.toLowerCase().includes(text.toLowerCase())).map((card) => card.id);

  before(async () => {
    sandbox = await startSandbox({ tokenLifetimeSeconds: 3600 });
  });
  beforeEach(() => sandbox.reset());
  after(() => sandbox.close());

  const RECORDS = `query Records($tableId: ID!, $first: Int, $after: String) {
    table_records(table_id: $tableId, first: $first, after: $after) {
      edges { node { id title record_fields { name value } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  it('takes every record of a table in pages of 200', async () => {
    const { result, ids } = await runAgainst(sandbox, { query: RECORDS, variables: { tableId: CUSTOMERS_TABLE_ID, first: 200 } });
    assert.deepEqual([result.end, result.pages, result.items], ['complete', CUSTOMERS_TABLE_RECORDS / 200, CUSTOMERS_TABLE_RECORDS]);
    assert.deepEqual(ids, [...(data.tables.get(CUSTOMERS_TABLE_ID)?.records ?? [])].map((record) => record.id));
    assert.deepEqual(new Set(sentVariables(sandbox).map((variables) => variables.first)), new Set([200]));
  });

  it('refuses a table_records page over 200, as a variable or in the query, before sending anything', async () => {
    const asVariable = await runAgainst(sandbox, { query: RECORDS, variables: { tableId: CUSTOMERS_TABLE_ID, first: 500 } });
    const inQuery = await runAgainst(sandbox, { query: RECORDS.replace('first: $first', 'first: 201'), variables: { tableId: CUSTOMERS_TABLE_ID } });
    assert.deepEqual([asVariable.result.end, asVariable.result.failure?.page, inQuery.result.end], ['failed', 1, 'failed']);
    assert.equal(asVariable.result.failure?.message, 'table_records gives at most 200 records per page, and the query asks for first: 500 (the "first" variable). Ask for 200 or fewer; nothing was sent.');
    assert.match(inQuery.result.failure?.message ?? '', /asks for first: 201\. Ask for 200 or fewer/);
    assert.equal(sandbox.stats.graphqlRequests, 0);
  });

  it('keeps a cards search filter on every page, and takes only the cards it matches', async () => {
    const query = `query Search($pipeId: ID!, $after: String, $search: CardSearch) {
      cards(pipe_id: $pipeId, first: 50, after: $after, search: $search) { edges { node { id title } } pageInfo { hasNextPage endCursor } }
    }`;
    const { result, ids } = await runAgainst(sandbox, { query, variables: { search: { title: 'ticket 77' } } });
    const expected = titled('ticket 77');
    assert.equal(expected.length, 111, '77, 770–779 and 7700–7799');
    assert.deepEqual([result.end, result.pages, ids], ['complete', 3, expected]);
    assert.deepEqual(new Set(sentVariables(sandbox).map((variables) => JSON.stringify(variables.search))), new Set(['{"title":"ticket 77"}']));
  });

  it('keeps a search written into the query on every page too', async () => {
    const query = `query ($pipeId: ID!, $after: String) {
      cards(pipe_id: $pipeId, first: 50, after: $after, search: {title: "Ticket 99"}) { edges { node { id } } pageInfo { hasNextPage endCursor } }
    }`;
    const { result, ids } = await runAgainst(sandbox, { query });
    assert.deepEqual([result.end, ids], ['complete', titled('Ticket 99')]);
    assert.ok(result.pages > 1);
  });

  const NUMBERED = `query Numbered($pipeId: ID!, $page: Int!, $search: CardSearch) {
    cardSearch(pipe_id: $pipeId, search: $search, pagination: {page: $page, perPage: 50}) { cards { id title } next_page }
  }`;

  it('advances the page number until no next page is named, keeping the search', async () => {
    const { result, ids } = await runAgainst(sandbox, { query: NUMBERED, variables: { search: { title: 'Ticket 77' } } });
    assert.deepEqual([result.end, result.pages, ids], ['complete', 3, titled('ticket 77')]);
    assert.deepEqual(
      sentVariables(sandbox).map(({ page, search }) => [page, search]),
      [1, 2, 3].map((page) => [page, { title: 'Ticket 77' }]),
    );
  });

  it('starts numbered pages from the page the variables give, and stops at the item cap', async () => {
    const { result, ids } = await runAgainst(sandbox, { query: NUMBERED, variables: { page: 3 }, maxItems: 120 });
    assert.deepEqual([result.end, result.pages, result.items], ['capped', 3, 120]);
    assert.deepEqual(ids, (bigPipe?.cards ?? []).slice(100, 220).map((card) => card.id));
  });
});

/**
 * The loop alone, with a sender that answers from a script: what a server might say that the
 * sandbox never does.
 */
describe('Run All Pages: a next page that would not move the run on', () => {
  const NUMBERED = `query ($page: Int) { cardSearch(pipe_id: "3", pagination: {page: $page}) { cards { id } next_page } }`;

  function runScripted(query: string, answers: readonly unknown[], variables: Record<string, unknown> = {}) {
    const request = readRequest(query);
    const operation = request.operations[0];
    assert.ok(operation.pagination);
    const sent: unknown[] = [];
    const sender = {
      run: async (page: GraphQLRequest): Promise<GraphQLResponse> => {
        sent.push(page.variables);
        const json = answers[sent.length - 1];
        return { status: 200, headers: {}, bodyText: JSON.stringify(json), json, durationMs: 1, sizeBytes: 1, errors: [], retriedAfter401: false, pacedMs: 0 };
      },
    };
    const done = runAllPages(sender, { endpoint: 'http://127.0.0.1/graphql', body: buildRequestBody(request, operation, variables), pagination: operation.pagination, maxItems: 100, onItems: () => undefined });
    return done.then((result) => ({ result, sent }));
  }

  it('stops, naming the page, when a numbered page names itself or an earlier one as next', async () => {
    const page = (next: number | null) => ({ data: { cardSearch: { cards: [{ id: '1' }], next_page: next } } });
    const { result, sent } = await runScripted(NUMBERED, [page(3), page(3)], { page: 2 });
    assert.deepEqual(sent, [{ page: 2 }, { page: 3 }]);
    assert.deepEqual([result.end, result.pages, result.failure], ['failed', 2, { page: 3, message: 'Page 2 gave next_page 3, which does not come after the page it answered (3).' }]);
  });

  it('stops when a connection says there is more but gives no new endCursor', async () => {
    const query = 'query ($after: String) { cards(pipe_id: "3", after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }';
    const page = (endCursor: string | null) => ({ data: { cards: { nodes: [{ id: '1' }], pageInfo: { hasNextPage: true, endCursor } } } });
    const { result } = await runScripted(query, [page('a'), page('a')]);
    assert.deepEqual([result.end, result.failure?.page, result.failure?.message], ['failed', 3, 'Page 2 said there is a next page but gave no new endCursor to ask for it with.']);
    assert.equal(result.next, undefined, 'going on from there would ask for the same page again');
  });
});
