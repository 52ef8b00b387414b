/**
 * The pacing figure of `npm run bench`: 1,500 calls to one origin through the GraphQL runner, all
 * at once, with the sandbox enforcing Pipefy's real limit (500 requests per 30 s, then a 5-minute
 * lockout). The gate must spread them so that no 30-second window the server measures holds more
 * than 500, and no call is answered 429. On the real clock: about a minute, as the limit demands.
 */
import { GraphQLRunner } from '../src/core/graphql/graphqlRunner';
import { OriginGate, PIPEFY_REQUESTS_PER_WINDOW, RATE_WINDOW_MS } from '../src/core/graphql/originGate';
import { axiosPost } from '../src/core/http/axiosPost';
import { coreTokenSource } from '../test/fixtures/coreTokenSource';
import { startSandbox, type RecordedRequest } from '../test/fixtures/sandbox';

export interface PacingFigure {
  readonly requests: number;
  readonly windowSeconds: number;
  /** The most GraphQL requests that reached the sandbox within any window of windowSeconds. */
  readonly maxInAnyWindow: number;
  readonly http429: number;
  /** How long the burst took, and the longest any call waited for the window. */
  readonly elapsedMs: number;
  readonly longestWaitMs: number;
}

/** The most arrivals within any window of `windowMs` (the sandbox counts an arrival `windowMs` old as out). */
export function maxInAnyWindow(arrivals: readonly number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

export async function measurePacing(requests = 1500): Promise<PacingFigure> {
  // The real limit, as the sandbox enforces it by default; started without options so it stays so.
  const sandbox = await startSandbox({ tokenLifetimeSeconds: 3600 });
  try {
    const runner = new GraphQLRunner({
      tokens: coreTokenSource(sandbox),
      http: axiosPost,
      allowedOrigins: [sandbox.url],
      pacing: { gate: new OriginGate(), requestsPerWindow: PIPEFY_REQUESTS_PER_WINDOW },
    });
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: requests }, () => runner.run({ endpoint: sandbox.graphqlEndpoint, query: '{ me { id } }' })));
    const elapsedMs = performance.now() - started;

    const arrivals = sandbox.requests.filter((request: RecordedRequest) => request.path === '/graphql').map((request) => request.at);
    // The sandbox keeps its last 5,000 requests; fewer than were sent would make the figure a guess.
    if (arrivals.length !== requests || sandbox.stats.graphqlRequests !== requests) {
      throw new Error(`The sandbox recorded ${arrivals.length} of ${requests} GraphQL requests (it counted ${sandbox.stats.graphqlRequests}); the window figure cannot be taken.`);
    }
    const failed = responses.filter((response) => response.status !== 200 && response.status !== 429);
    if (failed.length) throw new Error(`${failed.length} calls answered neither 200 nor 429 (first: ${failed[0].status}); the pacing figure would mean nothing.`);
    return {
      requests,
      windowSeconds: RATE_WINDOW_MS / 1000,
      maxInAnyWindow: maxInAnyWindow(arrivals, RATE_WINDOW_MS),
      http429: responses.filter((response) => response.status === 429).length,
      elapsedMs,
      longestWaitMs: Math.max(...responses.map((response) => response.pacedMs)),
    };
  } finally {
    await sandbox.close();
  }
}
