/**
 * `tokenBoundary`: for each way the sandbox can reuse tokens, a 5-second token and a GraphQL call
 * every 50 ms for 30 seconds on the real clock, through the runner and the token cache. Each call
 * that does not come back 200 without errors counts as failed; every 401 the runner met (and then
 * retried) counts as unauthorized. The modes run side by side, each against its own sandbox.
 */
import { GraphQLRunner, type GraphQLResponse } from '../src/core/graphql/graphqlRunner';
import { axiosPost } from '../src/core/http/axiosPost';
import { coreTokenSource } from '../test/fixtures/coreTokenSource';
import { startSandbox, TOKEN_REUSE_MODES, type TokenReuse } from '../test/fixtures/sandbox';

export interface TokenBoundaryFigure {
  readonly mode: TokenReuse;
  readonly calls: number;
  readonly failed: number;
  readonly unauthorized: number;
}

const QUERY = '{ me { id } }';

export async function tokenBoundary(options: { lifetimeSeconds?: number; intervalMs?: number; durationMs?: number } = {}): Promise<TokenBoundaryFigure[]> {
  const { lifetimeSeconds = 5, intervalMs = 50, durationMs = 30_000 } = options;
  return Promise.all(TOKEN_REUSE_MODES.map((mode) => oneMode(mode, lifetimeSeconds, intervalMs, durationMs)));
}

async function oneMode(mode: TokenReuse, lifetimeSeconds: number, intervalMs: number, durationMs: number): Promise<TokenBoundaryFigure> {
  // 600 calls in 30 s is over Pipefy's 500 per 30 s: token boundaries are the subject here, and the
  // `pacing` figure measures the limit, so the sandbox does not enforce it.
  const sandbox = await startSandbox({ tokenLifetimeSeconds: lifetimeSeconds, tokenReuse: mode, rateLimit: false });
  try {
    const runner = new GraphQLRunner({ tokens: coreTokenSource(sandbox), http: axiosPost, allowedOrigins: [sandbox.url] });
    let unauthorized = 0;
    let failed = 0;
    const calls: Promise<void>[] = [];
    const call = async () => {
      let response: GraphQLResponse;
      try {
        response = await runner.run({ endpoint: sandbox.graphqlEndpoint, query: QUERY });
      } catch {
        failed++;
        return;
      }
      if (response.retriedAfter401) unauthorized++;
      if (response.status === 401) unauthorized++;
      if (response.status !== 200 || response.errors.length > 0) failed++;
    };
    // A steady cadence on the real clock, whatever each call takes: calls overlap as they would in use.
    const started = performance.now();
    for (let tick = 0; tick * intervalMs < durationMs; tick++) {
      const due = started + tick * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      calls.push(call());
    }
    await Promise.all(calls);
    if (calls.length === 0 || sandbox.stats.graphqlRequests < calls.length) {
      throw new Error(`tokenBoundary (${mode}): ${calls.length} calls made but ${sandbox.stats.graphqlRequests} reached the sandbox; the figure cannot be trusted.`);
    }
    if (sandbox.stats.tokensIssued < 2) {
      throw new Error(`tokenBoundary (${mode}): only ${sandbox.stats.tokensIssued} token(s) issued in ${durationMs / 1000} s of ${lifetimeSeconds}-second tokens, so no boundary was crossed.`);
    }
    return { mode, calls: calls.length, failed, unauthorized };
  } finally {
    await sandbox.close();
  }
}
