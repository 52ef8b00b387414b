import assert from 'node:assert/strict';
import { GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { OriginGate } from '../../../../src/core/graphql/originGate';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { type AllPagesRequest, type AllPagesResult, type PageProgress, runAllPages } from '../../../../src/core/requests/allPages';
import {
  type ResumePoint,
  type RunIdentity,
  chooseResumePoint,
  continuationNote,
  holdOn,
  partNotHeld,
  resumeTitle,
  operationKey,
  planResume,
  pointAfterRun,
  pointWhileRunning,
  readResumePoints,
  resumeArgs,
  runIdentity,
  withResumePoint,
  withoutResumePoint,
} from '../../../../src/core/requests/allPagesResume';
import { AllPagesResults } from '../../../../src/core/requests/allPagesResults';
import { CollectedItems } from '../../../../src/core/requests/collectedItems';
import type { Pagination } from '../../../../src/core/requests/pagination';
import { buildRequestBody } from '../../../../src/core/requests/requestBody';
import { coreTokenSource } from '../../../fixtures/coreTokenSource';
import { type Sandbox, startSandbox } from '../../../fixtures/sandbox';
import { BIG_PIPE_CARDS, BIG_PIPE_ID, PipefyData } from '../../../fixtures/sandbox/pipefyData';
import { readRequest } from './readRequest';

const CARDS = `query Tickets($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges { node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const NUMBERED = `query Numbered($pipeId: ID!, $page: Int!) {
  cardSearch(pipe_id: $pipeId, pagination: {page: $page, perPage: 50}) { cards { id title } next_page }
}`;
const ENDPOINT = 'http://127.0.0.1:9/graphql';

function identity(overrides: Partial<RunIdentity> = {}): RunIdentity {
  return {
    ...runIdentity({
      runId: 'run-1',
      operationLabel: 'Tickets',
      requestUri: 'file:///work/tickets.graphql',
      operationName: 'Tickets',
      line: 1,
      accountId: 'acc-1',
      accountLabel: 'sandbox',
      endpoint: `${ENDPOINT}?secret=not-kept`,
      queryText: CARDS,
      variables: { pipeId: '3', after: null },
    }),
    ...overrides,
  };
}

const result = (fields: Partial<AllPagesResult>): AllPagesResult => ({ end: 'failed', pages: 6, items: 300, durationMs: 1200, next: 'Y3Vyc29y', ...fields });

function paginationOf(query: string): Pagination {
  const pagination = readRequest(query).operations[0].pagination;
  assert.ok(pagination, 'the query is seen as paginated');
  return pagination;
}

describe('Resume Run All Pages: the resume point', () => {
  const point = pointAfterRun(identity(), result({}), 'Failed on page 7: boom. Kept 6 pages, 300 items in 1.2 s', 1_000);

  it('reads back what was stored, as JSON, the same; and drops entries that are not resume points', () => {
    assert.ok(point);
    const stored: unknown = JSON.parse(JSON.stringify([point, { runId: 'x' }, 'junk', { ...point, next: { cursor: 1 } }]));
    assert.deepEqual(readResumePoints(stored), [point]);
    assert.deepEqual(readResumePoints(undefined), []);
  });

  it('keeps the endpoint without its query string, and the query only as a fingerprint', () => {
    assert.ok(point);
    assert.equal(point.endpoint, ENDPOINT);
    assert.doesNotMatch(JSON.stringify(point), /not-kept|allCards/);
    assert.match(point.query, /^[0-9a-f]{8}$/);
  });

  it('is left by a failed, cancelled or capped run with pages taken and a next page to ask for, and by no other', () => {
    const at = (fields: Partial<AllPagesResult>) => pointAfterRun(identity(), result(fields), 'how it ended', 1_000);
    assert.deepEqual([at({ end: 'failed' })?.next, at({ end: 'cancelled' })?.end, at({ end: 'capped' })?.end], ['Y3Vyc29y', 'cancelled', 'capped']);
    assert.equal(at({ end: 'complete', next: undefined }), undefined, 'complete');
    assert.equal(at({ pages: 0, items: 0, next: null }), undefined, 'nothing taken yet: running again is the same');
    assert.equal(at({ end: 'capped', next: undefined }), undefined, 'a cap that took part of a page');
  });

  it('while a run goes, points at the next page after each page, and at nothing after the last', () => {
    const progress = (next: PageProgress['next']): PageProgress => ({ page: 5, items: 250, elapsedMs: 900, next });
    const going = pointWhileRunning(identity(), progress('Y3Vyc29yOjI0OQ=='), 900, 2_000);
    assert.deepEqual(going && [going.end, going.next, going.pages, going.items, going.durationMs], ['running', 'Y3Vyc29yOjI0OQ==', 5, 250, 900]);
    assert.equal(pointWhileRunning(identity(), progress(undefined), 900, 2_000), undefined);
  });

  it('keeps one point per operation, the latest, and drops an operation\'s point', () => {
    assert.ok(point);
    const other = { ...point, operationName: 'Other', runId: 'run-2' };
    const newer = { ...point, pages: 9, runId: 'run-3' };
    const points = withResumePoint(withResumePoint(withResumePoint([], point), other), newer);
    assert.deepEqual(points.map((kept) => kept.runId), ['run-2', 'run-3']);
    assert.deepEqual(withoutResumePoint(points, operationKey(other)).map((kept) => kept.runId), ['run-3']);
    assert.deepEqual(resumeArgs(point), { uri: 'file:///work/tickets.graphql', operationName: 'Tickets' });
    assert.deepEqual(resumeArgs({ ...point, operationName: undefined, line: 4 }), { uri: 'file:///work/tickets.graphql', line: 4 });
  });
});

describe('Resume Run All Pages: which run, and whether it can go on', () => {
  const base = pointAfterRun(identity(), result({}), 'Failed on page 7', 1_000) as ResumePoint;
  const other: ResumePoint = { ...base, runId: 'run-2', operationName: 'Other', requestUri: 'file:///work/other.graphql' };
  const plan = (point: ResumePoint, fields: Partial<Parameters<typeof planResume>[1]> = {}) =>
    planResume(point, { queryText: CARDS, pagination: paginationOf(CARDS), endpoint: ENDPOINT, maxItems: 10_000, capSetting: 'pipefy.runAllPages.maxItems', ...fields });

  it('takes the only run, offers a pick of several (newest first), and narrows to the named file and operation', () => {
    assert.deepEqual(chooseResumePoint([base], {}, new Set()), { kind: 'one', point: base });
    assert.deepEqual(chooseResumePoint([base, other], {}, new Set()), { kind: 'pick', points: [other, base] });
    assert.deepEqual(chooseResumePoint([base, other], { uri: other.requestUri }, new Set()), { kind: 'one', point: other });
    assert.deepEqual(chooseResumePoint([base, other], { operationName: 'Tickets' }, new Set()), { kind: 'one', point: base });
  });

  it('does not offer a run still going in this window, and says why nothing is offered', () => {
    const none = chooseResumePoint([base], {}, new Set([base.runId]));
    assert.equal(none.kind, 'none');
    assert.match(none.kind === 'none' ? none.message : '', /^There is no Run All Pages run to resume\. .* The run that is going now can be resumed once it ends\.$/);
    const named = chooseResumePoint([base], { uri: 'file:///elsewhere.graphql' }, new Set());
    assert.match(named.kind === 'none' ? named.message : '', /^That operation has no Run All Pages run to resume/);
  });

  it('goes on with the variables the run sent, its cursor set to the next page, counting from the part before', () => {
    assert.deepEqual(plan(base), { ok: true, variables: { pipeId: '3', after: 'Y3Vyc29y' }, continues: { pages: 6, items: 300, durationMs: 1200 } });
  });

  it('refuses an edited query, another kind of paging, another endpoint, and a run already at the cap, saying what to do', () => {
    const refused = (outcome: ReturnType<typeof plan>) => (outcome.ok ? 'went on' : outcome.message);
    assert.equal(refused(plan(base, { queryText: CARDS.replace('title', 'title createdAt') })), 'Tickets was edited since its run stopped; resuming would mix the items of two queries. Run All Pages runs it again from the first page.');
    assert.match(refused(plan(base, { pagination: paginationOf(NUMBERED) })), /^Tickets no longer pages the way its run did\./);
    assert.equal(
      refused(plan(base, { endpoint: 'https://api.pipefy.com/graphql' })),
      'The account "sandbox" now sends to https://api.pipefy.com/graphql, but the run went to http://127.0.0.1:9/graphql. Run All Pages runs it again from the first page.',
    );
    assert.equal(refused(plan({ ...base, end: 'capped' }, { maxItems: 300 })), 'The run of Tickets already holds 300 items, the cap (pipefy.runAllPages.maxItems is 300). Raise the cap to resume it.');
  });

  it('finds the hold on the endpoint\'s origin only', () => {
    const lockouts = [{ origin: 'https://api.pipefy.com', until: 5 }];
    assert.equal(holdOn(lockouts, 'https://api.pipefy.com/graphql'), lockouts[0]);
    assert.equal(holdOn(lockouts, ENDPOINT), undefined);
  });

  it('appends to the items this window still holds, and otherwise says the whole part before is left out', () => {
    const results = new AllPagesResults();
    const held = { operationLabel: 'Tickets', responseUri: 'pipefy-response:/1', items: new CollectedItems(), requestUri: base.requestUri, runId: base.runId };
    results.add(held);
    results.add({ ...held, responseUri: 'pipefy-response:/2', runId: 'run-2' });
    assert.equal(results.byRun(base.runId), held);
    assert.equal(results.byRun('run-gone'), undefined);
    const continues = { pages: 6, items: 300, durationMs: 1200 };
    assert.equal(partNotHeld(continues, held), undefined, 'held: nothing left out');
    assert.deepEqual(partNotHeld(continues, { ...held, notHeld: { pages: 2, items: 100 } }), { pages: 2, items: 100 }, 'held since a reload: what was left out then');
    assert.deepEqual(partNotHeld(continues, undefined), { pages: 6, items: 300 });
    assert.equal(resumeTitle({ pages: 1_999 }), 'Resume from page 2,000');
  });

  it('says what a document resumed after a reload leaves out', () => {
    assert.equal(
      continuationNote({ pages: 6, items: 300 }),
      'Continues from page 7: the 300 items of pages 1–6 are not in this document (taken before a window reload, or dropped for newer runs); the counts include them.',
    );
  });
});

/**
 * Resumed runs through the real runner and gate against the sandbox: the first part stopped by a
 * fault, a Cancel, a reload or a 429, the second part from the resume point.
 */
describe('Resume Run All Pages: going on against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  const bigPipe = new PipefyData().pipes.get(BIG_PIPE_ID);
  const allIds = (bigPipe?.cards ?? []).map((card) => card.id);

  before(async () => {
    sandbox = await startSandbox({ tokenLifetimeSeconds: 3600 });
  });
  beforeEach(() => sandbox.reset());
  after(() => sandbox.close());

  const runnerFor = (gate: OriginGate) => new GraphQLRunner({ tokens: coreTokenSource(sandbox), http: axiosPost, allowedOrigins: [sandbox.url], pacing: { gate, requestsPerWindow: 500 } });

  /** One part of a run: from `point` if given (its items appended to `collected`), else from the first page. */
  async function part(
    options: { query?: string; variables?: Record<string, unknown>; point?: ResumePoint; collected?: CollectedItems; gate?: OriginGate; maxItems?: number } & Partial<AllPagesRequest>,
  ) {
    const { query = CARDS, variables = { pipeId: BIG_PIPE_ID }, point, collected = new CollectedItems(), gate = new OriginGate(), maxItems = 10_000, ...overrides } = options;
    const operation = readRequest(query).operations[0];
    const pagination = paginationOf(query);
    let body = buildRequestBody(readRequest(query), operation, variables);
    let continues;
    if (point) {
      const plan = planResume(point, { queryText: body.query, pagination, endpoint: sandbox.graphqlEndpoint, maxItems, capSetting: 'pipefy.runAllPages.maxItems' });
      assert.ok(plan.ok, plan.ok ? '' : plan.message);
      body = { ...body, variables: plan.variables };
      continues = plan.continues;
    }
    const run = runIdentity({ ...identity(), endpoint: sandbox.graphqlEndpoint, queryText: body.query, variables: body.variables });
    let whileRunning: ResumePoint | undefined;
    const ended = await runAllPages(runnerFor(gate), {
      endpoint: sandbox.graphqlEndpoint,
      body,
      pagination,
      maxItems,
      onItems: (items) => collected.add(items),
      continues,
      ...overrides,
      onPage: (progress) => {
        whileRunning = pointWhileRunning(run, progress, progress.elapsedMs, Date.now()) ?? whileRunning;
        overrides.onPage?.(progress);
      },
    });
    return { result: ended, point: pointAfterRun(run, ended, 'how it ended', Date.now()), whileRunning, collected };
  }

  const ids = (collected: CollectedItems) => collected.jsonTexts().map((text) => (JSON.parse(text) as { id: string }).id);
  const sentPositions = (name: string) =>
    sandbox.requests.filter((request) => request.path === '/graphql').map((request) => (JSON.parse(request.body) as { variables: Record<string, unknown> }).variables[name]);

  it('after a failed page, goes on from that page to the last: every card once, in order, with pages and items counted across both parts', async () => {
    // Page 4 answers 500 once; asked again, it answers.
    const first = await part({ onPage: (progress) => progress.page === 3 && sandbox.failNextGraphQL('server_error') });
    assert.deepEqual([first.result.end, first.result.failure?.page, first.result.pages, first.result.items], ['failed', 4, 3, 150]);
    assert.ok(first.point);
    assert.deepEqual([first.point.pages, first.point.items, first.point.end], [3, 150, 'failed']);

    const second = await part({ point: first.point, collected: first.collected });
    assert.deepEqual([second.result.end, second.result.pages, second.result.items, second.point], ['complete', 200, BIG_PIPE_CARDS, undefined]);
    assert.deepEqual(ids(second.collected), allIds);
    assert.ok(second.result.durationMs >= first.result.durationMs, 'the time of the part before is counted too');
    const cursors = sentPositions('after');
    assert.equal(cursors.length, 201, 'page 4 twice (failed, then answered), every other page once');
    assert.equal(cursors[3], cursors[4], 'the resume started at the page that failed');
    assert.equal(new Set(cursors).size, 200);
  });

  it('after a Cancel of numbered pages, goes on from the next page number', async () => {
    const cancel = new AbortController();
    const first = await part({ query: NUMBERED, signal: cancel.signal, onPage: (progress) => progress.page === 2 && cancel.abort() });
    assert.deepEqual([first.result.end, first.result.pages, first.point?.next], ['cancelled', 2, 3]);
    assert.ok(first.point);
    const second = await part({ query: NUMBERED, point: first.point, collected: first.collected, maxItems: 300 });
    assert.deepEqual([second.result.end, second.result.pages, second.result.items], ['capped', 6, 300]);
    assert.deepEqual(ids(second.collected), allIds.slice(0, 300));
    assert.deepEqual(sentPositions('page'), [1, 2, 3, 4, 5, 6]);
  });

  it('after a window closed mid-run, goes on from the point kept after the last page taken, into a new set of items', async () => {
    // The run is stopped at page 5 as a closed window stops it: the point kept while it ran is all that is left.
    const cancel = new AbortController();
    const first = await part({ signal: cancel.signal, onPage: (progress) => progress.page === 5 && cancel.abort() });
    assert.ok(first.whileRunning);
    assert.deepEqual([first.whileRunning.end, first.whileRunning.pages, first.whileRunning.items], ['running', 5, 250]);
    const stored = readResumePoints(JSON.parse(JSON.stringify([first.whileRunning])))[0];

    const second = await part({ point: stored });
    assert.deepEqual([second.result.end, second.result.pages, second.result.items], ['complete', 200, BIG_PIPE_CARDS]);
    assert.deepEqual(ids(second.collected), allIds.slice(250), 'only the pages after the reload are held; none is taken twice');
    assert.equal(new Set(sentPositions('after')).size, 200);
  });

  it('after a 429, waits for the hold to end and then goes on; without waiting, the held page is not sent', async () => {
    sandbox.setRateLimit({ requests: 3, windowSeconds: 30, lockoutSeconds: 2, retryAfter: true });
    const gate = new OriginGate();
    const pipeOne = { pipeId: '1' };
    const query = CARDS.replace('first: 50', 'first: 30');
    const first = await part({ query, variables: pipeOne, gate });
    assert.deepEqual([first.result.end, first.result.failure?.page, first.result.lastStatus, first.result.items], ['failed', 4, 429, 90]);
    assert.ok(first.point);

    const refused = await part({ query, variables: pipeOne, gate, point: first.point, collected: first.collected });
    assert.deepEqual([refused.result.end, refused.result.lastStatus, sandbox.rateLimitStats.refused], ['failed', undefined, 1]);
    assert.match(refused.result.failure?.message ?? '', /blocked until/);

    const held: number[] = [];
    const second = await part({ query, variables: pipeOne, gate, point: first.point, collected: first.collected, waitOutHold: { onHeld: (lockout) => held.push(lockout.until) } });
    assert.equal(held.length, 1, 'the resume was held once, then sent when the hold ended');
    assert.deepEqual([second.result.end, second.result.pages, second.result.items], ['complete', 4, 120]);
    assert.deepEqual(ids(second.collected), (new PipefyData().pipes.get('1')?.cards ?? []).map((card) => card.id));
    assert.equal(sandbox.rateLimitStats.refused, 1, 'nothing was sent into the hold');
  });
});
