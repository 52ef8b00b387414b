/**
 * The Run All Pages figure of `npm run bench`: every card of the sandbox's 10,000-card pipe, page
 * after page through the runner and its rate-limit gate, with the sandbox enforcing Pipefy's real
 * limit (500 requests per 30 s, then a 5-minute lockout). The window figure is read from the
 * sandbox's own request log. Each run happens in a child process of its own, so its peak memory
 * is its own: once keeping every item (as the product does, for the result document and Export),
 * once keeping only the count, so what the items cost is visible. The latency figure
 * (allPagesWithLatency.ts) takes its run and its rate-limit checks from here.
 */
import { execFile } from 'node:child_process';
import { GraphQLRunner } from '../src/core/graphql/graphqlRunner';
import { OriginGate, PIPEFY_REQUESTS_PER_WINDOW, RATE_WINDOW_MS } from '../src/core/graphql/originGate';
import { axiosPost } from '../src/core/http/axiosPost';
import { runAllPages } from '../src/core/requests/allPages';
import { CollectedItems, allPagesDocumentText } from '../src/core/requests/collectedItems';
import { parseRequestDocument } from '../src/core/requests/requestDocument';
import { buildRequestBody } from '../src/core/requests/requestBody';
import { parse } from '../src/core/requests/graphqlParser';
import { coreTokenSource } from '../test/fixtures/coreTokenSource';
import { startSandbox, type Sandbox } from '../test/fixtures/sandbox';
import { BIG_PIPE_CARDS, BIG_PIPE_ID } from '../test/fixtures/sandbox/pipefyData';
import { maxInAnyWindow } from './pacing';

const QUERY = `query AllCards($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges { node { id title current_phase { name } fields { name value } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export type Keep = 'items' | 'count';

export interface ChildFigure {
  readonly end: string;
  readonly failure?: { page: number; message: string };
  readonly items: number;
  readonly pages: number;
  readonly ms: number;
  readonly peakRssMb: number;
}

export interface AllPagesFigure {
  readonly items: number;
  readonly pages: number;
  readonly ms: number;
  readonly requestsInWorstWindow: number;
  readonly http429: number;
  readonly peakRssMb: number;
  /** The same run keeping only the count of items. */
  readonly countOnlyPeakRssMb: number;
}

/** One run in this process; what the child prints. */
async function runOnce(keep: Keep, tokenEndpoint: string, graphqlEndpoint: string): Promise<ChildFigure> {
  const document = parseRequestDocument(QUERY, parse);
  const operation = document.operations[0];
  if (!operation.pagination) throw new Error('The bench query is not seen as paginated.');
  const runner = new GraphQLRunner({
    tokens: coreTokenSource({ tokenEndpoint }),
    http: axiosPost,
    allowedOrigins: [new URL(graphqlEndpoint).origin],
    pacing: { gate: new OriginGate(), requestsPerWindow: PIPEFY_REQUESTS_PER_WINDOW },
  });
  const collected = new CollectedItems();
  let counted = 0;
  const started = performance.now();
  const result = await runAllPages(runner, {
    endpoint: graphqlEndpoint,
    body: buildRequestBody(document, operation, { pipeId: BIG_PIPE_ID }),
    pagination: operation.pagination,
    maxItems: BIG_PIPE_CARDS,
    onItems: (items) => (keep === 'items' ? collected.add(items) : (counted += items.length)),
  });
  // The product also writes the result document from the kept items.
  const documentChars = keep === 'items' ? allPagesDocumentText({ operation: 'AllCards', end: result.end, pages: result.pages, items: result.items, durationMs: result.durationMs, message: '' }, collected.jsonTexts()).length : 0;
  const ms = Math.round(performance.now() - started);
  if (keep === 'items' && (collected.count !== result.items || documentChars === 0)) throw new Error('The kept items do not match the count.');
  if (keep === 'count' && counted !== result.items) throw new Error('The counted items do not match the run.');
  return { end: result.end, failure: result.failure, items: result.items, pages: result.pages, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

function inChild(keep: Keep, tokenEndpoint: string, graphqlEndpoint: string): Promise<ChildFigure> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', __filename, keep, tokenEndpoint, graphqlEndpoint], { maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`The Run All Pages child (${keep}) failed: ${stderr.trim() || error.message}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildFigure);
      } catch {
        reject(new Error(`The Run All Pages child (${keep}) printed no figure: ${stdout.trim()} ${stderr.trim()}`));
      }
    });
  });
}

/**
 * One Run All Pages of the big pipe against `sandbox`, in a child process of its own; a run that
 * did not fetch every card is no figure, so it throws, naming the run by `name`.
 */
export async function completeRunInChild(sandbox: Sandbox, keep: Keep, name: string): Promise<ChildFigure> {
  const run = await inChild(keep, sandbox.tokenEndpoint, sandbox.graphqlEndpoint);
  if (run.end !== 'complete' || run.items !== BIG_PIPE_CARDS) {
    throw new Error(`Run All Pages ${name} ended "${run.end}" with ${run.items} of ${BIG_PIPE_CARDS} items${run.failure ? ` (page ${run.failure.page}: ${run.failure.message})` : ''}.`);
  }
  return run;
}

/**
 * What the sandbox's own log says of the rate limit since its last reset. A log that lost requests
 * would make the window figure a guess, and a run over Pipefy's limit is a failure, so each throws.
 */
export function rateLimitFigure(sandbox: Sandbox): { requestsInWorstWindow: number; http429: number } {
  const arrivals = sandbox.requests.filter((request) => request.path === '/graphql').map((request) => request.at);
  const http429 = sandbox.rateLimitStats.refused;
  if (arrivals.length !== sandbox.stats.graphqlRequests) {
    throw new Error(`The sandbox recorded ${arrivals.length} of ${sandbox.stats.graphqlRequests} GraphQL requests; the window figure cannot be taken.`);
  }
  const requestsInWorstWindow = maxInAnyWindow(arrivals, RATE_WINDOW_MS);
  if (http429 > 0 || requestsInWorstWindow > PIPEFY_REQUESTS_PER_WINDOW) {
    throw new Error(`Run All Pages went over Pipefy's limit: ${requestsInWorstWindow} requests in one 30 s window, ${http429} answered 429.`);
  }
  return { requestsInWorstWindow, http429 };
}

export async function measureAllPages(): Promise<AllPagesFigure> {
  // The real limit, as the sandbox enforces it by default.
  const sandbox = await startSandbox({ tokenLifetimeSeconds: 3600 });
  try {
    const kept = await completeRunInChild(sandbox, 'items', 'keeping the items');
    const { requestsInWorstWindow, http429 } = rateLimitFigure(sandbox);
    sandbox.reset();
    const counted = await completeRunInChild(sandbox, 'count', 'keeping the count');
    return {
      items: kept.items,
      pages: kept.pages,
      ms: kept.ms,
      requestsInWorstWindow,
      http429,
      peakRssMb: kept.peakRssMb,
      countOnlyPeakRssMb: counted.peakRssMb,
    };
  } finally {
    await sandbox.close();
  }
}

if (require.main === module) {
  const [keep, tokenEndpoint, graphqlEndpoint] = process.argv.slice(2);
  if ((keep !== 'items' && keep !== 'count') || !tokenEndpoint || !graphqlEndpoint) {
    console.error('Usage: allPages.ts items|count TOKEN_ENDPOINT GRAPHQL_ENDPOINT (the bench runs it; see measureAllPages).');
    process.exitCode = 2;
  } else {
    runOnce(keep, tokenEndpoint, graphqlEndpoint).then(
      (figure) => console.log(JSON.stringify(figure)),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      },
    );
  }
}
