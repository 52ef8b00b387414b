import assert from 'node:assert/strict';
import { GraphQLRequestError, GraphQLRunner, OriginHeldError } from '../../../../src/core/graphql/graphqlRunner';
import { OriginGate } from '../../../../src/core/graphql/originGate';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { coreTokenSource } from '../../../fixtures/coreTokenSource';
import { WatchedGate } from './watchedGate';
import { type Sandbox, startSandbox } from '../../../fixtures/sandbox';

const ME = '{ me { id } }';
const LIMIT = 5;
const WINDOW_SECONDS = 1;

/** The most GraphQL requests the sandbox saw arrive within any window of `windowMs`. */
function maxInAnyWindow(sandbox: Sandbox, windowMs: number): number {
  const arrivals = sandbox.requests.filter((request) => request.path === '/graphql').map((request) => request.at);
  let most = 0;
  for (let first = 0, last = 0; last < arrivals.length; last++) {
    while (arrivals[last] - arrivals[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * The runner with the shared gate against the sandbox's rate limit on the real clock, scaled down
 * to 5 requests a second so a burst takes seconds, not minutes.
 */
describe('GraphQL runner: pacing and the 429 lockout, against the sandbox', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({ rateLimit: { requests: LIMIT, windowSeconds: WINDOW_SECONDS, lockoutSeconds: 300 } });
  });
  afterEach(() => sandbox.close());

  const runnerWith = (gate?: OriginGate) =>
    new GraphQLRunner({ tokens: coreTokenSource(sandbox), http: axiosPost, allowedOrigins: [sandbox.url], pacing: gate && { gate, requestsPerWindow: LIMIT } });

  it('without pacing, a burst over the limit is locked out (the sandbox enforces it)', async () => {
    const runner = runnerWith();
    const responses = await Promise.all(Array.from({ length: 3 * LIMIT }, () => runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME })));
    assert.ok(responses.some((response) => response.status === 429));
    assert.equal(sandbox.rateLimitStats.lockouts, 1);
  });

  it('with pacing, the same burst waits for the window instead: every run succeeds and no window holds more than the limit', async function () {
    this.timeout(30_000);
    const gate = new OriginGate(undefined, WINDOW_SECONDS * 1000);
    // Two runners sharing one gate, as every run in the extension host does.
    const [a, b] = [runnerWith(gate), runnerWith(gate)];
    const responses = await Promise.all(Array.from({ length: 3 * LIMIT }, (_, i) => (i % 2 ? a : b).run({ endpoint: sandbox.graphqlEndpoint, query: ME })));
    assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([200]));
    assert.deepEqual(sandbox.rateLimitStats, { lockouts: 0, refused: 0 });
    assert.ok(maxInAnyWindow(sandbox, WINDOW_SECONDS * 1000) <= LIMIT, `at most ${LIMIT} in any window`);
    assert.equal(responses.filter((response) => response.pacedMs > 0).length, 2 * LIMIT, 'all but the first window\'s worth waited');
  });

  it('after a 429 without Retry-After the origin is held for 5 minutes: nothing is sent until the caller sends anyway', async () => {
    sandbox.setRateLimit({ requests: 1, lockoutSeconds: 300 });
    const gate = new OriginGate();
    const runner = runnerWith(gate);
    const run = (sendAnyway?: boolean) => runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME, sendAnyway });
    assert.equal((await run()).status, 200);
    const limited = await run();
    assert.equal(limited.status, 429);
    assert.equal(limited.lockout?.source, 'assumed');
    assert.equal(limited.lockout && limited.lockout.until - limited.lockout.since, 300_000);

    const before = sandbox.stats.graphqlRequests;
    const held = await run().then(
      () => assert.fail('a held run was sent'),
      (error: unknown) => error,
    );
    assert.ok(held instanceof OriginHeldError);
    assert.equal(held.code, 'held');
    assert.deepEqual(held.lockout, limited.lockout);
    assert.match(held.message, new RegExp(`^${sandbox.url.replace(/[.]/g, '\\.')} answered 429 \\(rate limit\\) at .* and is blocked until .*no Retry-After`));
    assert.equal(sandbox.stats.graphqlRequests, before, 'the held run reached nothing');

    assert.equal((await run(true)).status, 429, 'sent anyway: it reaches the server, which is still blocking');
    assert.equal(sandbox.stats.graphqlRequests, before + 1);
    sandbox.setRateLimit(false); // the server's block ends
    assert.equal((await run(true)).status, 200);
    assert.equal((await run()).status, 200, 'an answer that is not a 429 ended the hold');
  });

  it('a 429 with Retry-After holds the origin for that long', async () => {
    sandbox.setRateLimit({ requests: 1, lockoutSeconds: 45, retryAfter: true });
    const runner = runnerWith(new OriginGate());
    await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
    const { lockout } = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME });
    assert.equal(lockout?.source, 'retry-after');
    assert.equal(lockout && lockout.until - lockout.since, 45_000);
  });

  it('a run cancelled while it waits for the window is never sent', async () => {
    const gate = new OriginGate(undefined, 60_000);
    const runner = runnerWith(gate);
    await Promise.all(Array.from({ length: LIMIT }, () => runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME })));
    const before = sandbox.stats.graphqlRequests;
    const abort = new AbortController();
    const waiting = runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME, signal: abort.signal });
    abort.abort();
    const error = await waiting.then(() => assert.fail('sent'), (e: unknown) => e);
    assert.ok(error instanceof GraphQLRequestError);
    assert.equal(error.code, 'cancelled');
    assert.equal(sandbox.stats.graphqlRequests, before);
  });

  it('a wait signal ends the wait for the window at once: the request queued behind a full window is never sent', async function () {
    // A minute's window: without the signal reaching the queue, the run would outlast the timeout.
    this.timeout(10_000);
    const abort = new AbortController();
    const gate = new WatchedGate((_admission, call) => call === LIMIT + 1 && abort.abort(), 60_000);
    const runner = runnerWith(gate);
    await Promise.all(Array.from({ length: LIMIT }, () => runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME })));
    const error = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: ME, waitSignal: abort.signal }).then(
      () => assert.fail('sent'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof GraphQLRequestError);
    assert.equal(error.code, 'cancelled');
    assert.equal(sandbox.stats.graphqlRequests, LIMIT);
  });

  it('a wait signal aborted once the request is let through does not stop it: the answer comes back', async () => {
    sandbox.setLatency(200);
    const abort = new AbortController();
    const gate = new WatchedGate((admission) => void admission.then(() => abort.abort()));
    const response = await runnerWith(gate).run({ endpoint: sandbox.graphqlEndpoint, query: ME, waitSignal: abort.signal });
    assert.ok(abort.signal.aborted);
    assert.equal(response.status, 200);
  });
});
