/**
 * The Run All Pages figure of `npm run bench`: every card of the sandbox's 100,000-card pipe
 * (2,000 pages, Pipefy's scale), page after page through the runner and its rate-limit gate, with
 * the sandbox enforcing Pipefy's real limit (500 requests per 30 s, then a 5-minute lockout). The
 * window figure is read from the sandbox's own request log, and the run's time is given over the
 * least the limit allows. Each run happens in a child process of its own, so its memory is its
 * own: once keeping every item (as the product does, for the result document and Export), once
 * keeping only the count, so what the items cost is visible. Then a run paced low enough to wait
 * for room is cancelled while it waits, to time how soon Cancel lets go. The latency figure
 * (allPagesWithLatency.ts) takes its run, its rate-limit checks and its bound from here.
 *
 * `npx tsx bench/allPages.ts` takes this figure alone and prints it.
 */
import { execFile } from 'node:child_process';
import { GraphQLRunner } from '../src/core/graphql/graphqlRunner';
import { OriginGate, PIPEFY_REQUESTS_PER_WINDOW, RATE_WINDOW_MS } from '../src/core/graphql/originGate';
import { axiosPost } from '../src/core/http/axiosPost';
import { type AllPagesResult, runAllPages } from '../src/core/requests/allPages';
import { CollectedItems, allPagesDocumentText } from '../src/core/requests/collectedItems';
import { parseRequestDocument } from '../src/core/requests/requestDocument';
import { buildRequestBody } from '../src/core/requests/requestBody';
import { parse } from '../src/core/requests/graphqlParser';
import { coreTokenSource } from '../test/fixtures/coreTokenSource';
import { startSandbox, type Sandbox } from '../test/fixtures/sandbox';
import { BIG_PIPE_CARDS, BIG_PIPE_ID, HUGE_PIPE_CARDS, HUGE_PIPE_ID } from '../test/fixtures/sandbox/pipefyData';
import { maxInAnyWindow } from './pacing';

const QUERY = `query AllCards($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges { node { id title current_phase { name } fields { name value } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export type Keep = 'items' | 'count';

/** A sandbox pipe to run over, and how many cards it holds. */
export interface BenchPipe {
  readonly id: string;
  readonly cards: number;
}
export const BIG_PIPE: BenchPipe = { id: BIG_PIPE_ID, cards: BIG_PIPE_CARDS };
export const HUGE_PIPE: BenchPipe = { id: HUGE_PIPE_ID, cards: HUGE_PIPE_CARDS };

/** Pages waited on in the cancel figure: the run is cancelled as the next one waits for the window. */
const PAGES_BEFORE_CANCEL = 5;
/** How long the cancel figure's run has been waiting for room when it is cancelled. */
const CANCEL_AFTER_WAITING_MS = 300;

export interface ChildFigure {
  readonly end: string;
  readonly failure?: { page: number; message: string };
  readonly items: number;
  readonly pages: number;
  readonly ms: number;
  readonly peakRssMb: number;
  /** The child's RSS just before the run began: its own code and modules loaded, no item yet. */
  readonly rssBeforeMb: number;
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
  /** The least the rate limit allows for `pages` requests. */
  readonly minimumMs: number;
  /** ms over minimumMs: 1 would be a run that loses no time beyond what the limit demands. */
  readonly minimumTimeRatio: number;
  /** The run keeping the items: its process's peak RSS less its RSS just before the run. */
  readonly peakRssGrowthMb: number;
  /** A run waiting for room in the window, cancelled through its signal: from the abort to the run's return. */
  readonly cancelWhileWaitingMs: number;
}

export interface AllPagesLimits {
  readonly pages: number;
  readonly latencyMs: number;
  readonly requestsPerWindow: number;
  readonly windowMs: number;
}

/**
 * The least time a Run All Pages of `pages` can take. Each page needs the previous page's cursor,
 * so pages go one after another and their latencies add up; the rate limit lets `requestsPerWindow`
 * go in each window, so only the windows after the first are waited for. Whichever is longer
 * bounds the run (the server's own time is left out, so the bound holds on any machine), and the
 * one token request before the first page adds its latency.
 */
export function minimumAllPagesMs({ pages, latencyMs, requestsPerWindow, windowMs }: AllPagesLimits): number {
  const sequentialMs = pages * latencyMs;
  const windowsWaited = Math.max(0, Math.ceil(pages / requestsPerWindow) - 1);
  return Math.max(sequentialMs, windowsWaited * windowMs) + latencyMs;
}

/** A figure the bench could not take is a failure, never a null or NaN in the JSON. */
export function requireFigures<T extends object>(name: string, figures: T): T {
  const missing = Object.entries(figures).filter(([, value]) => typeof value !== 'number' || !Number.isFinite(value)).map(([key, value]) => `${key} (${String(value)})`);
  if (missing.length) throw new Error(`The ${name} figure is missing ${missing.join(', ')}.`);
  return figures;
}

/** One run in this process; what the child prints. */
async function runOnce(keep: Keep, pipe: BenchPipe, tokenEndpoint: string, graphqlEndpoint: string): Promise<ChildFigure> {
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
  const rssBeforeMb = Math.round(process.memoryUsage.rss() / 1024 / 1024);
  // The gate's pacing timers do not hold a process open (see systemGateTimers), and while the run
  // waits for the window nothing else does: without this the child would exit mid-run, silently.
  const keepAlive = setInterval(() => undefined, 60_000);
  const started = performance.now();
  let result: AllPagesResult;
  let documentChars = 0;
  try {
    result = await runAllPages(runner, {
      endpoint: graphqlEndpoint,
      body: buildRequestBody(document, operation, { pipeId: pipe.id }),
      pagination: operation.pagination,
      maxItems: pipe.cards,
      onItems: (items) => (keep === 'items' ? collected.add(items) : (counted += items.length)),
    });
    // The product also writes the result document from the kept items.
    if (keep === 'items') documentChars = allPagesDocumentText({ operation: 'AllCards', end: result.end, pages: result.pages, items: result.items, durationMs: result.durationMs, message: '' }, collected.jsonTexts()).length;
  } finally {
    clearInterval(keepAlive);
  }
  const ms = Math.round(performance.now() - started);
  if (keep === 'items' && (collected.count !== result.items || documentChars === 0)) throw new Error('The kept items do not match the count.');
  if (keep === 'count' && counted !== result.items) throw new Error('The counted items do not match the run.');
  return { end: result.end, failure: result.failure, items: result.items, pages: result.pages, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rssBeforeMb };
}

function inChild(keep: Keep, pipe: BenchPipe, tokenEndpoint: string, graphqlEndpoint: string): Promise<ChildFigure> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', __filename, keep, pipe.id, String(pipe.cards), tokenEndpoint, graphqlEndpoint], { maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
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
 * One Run All Pages of `pipe` against `sandbox`, in a child process of its own; a run that did
 * not fetch every card is no figure, so it throws, naming the run by `name`.
 */
export async function completeRunInChild(sandbox: Sandbox, pipe: BenchPipe, keep: Keep, name: string): Promise<ChildFigure> {
  const run = await inChild(keep, pipe, sandbox.tokenEndpoint, sandbox.graphqlEndpoint);
  if (run.end !== 'complete' || run.items !== pipe.cards) {
    throw new Error(`Run All Pages ${name} ended "${run.end}" with ${run.items} of ${pipe.cards} items${run.failure ? ` (page ${run.failure.page}: ${run.failure.message})` : ''}.`);
  }
  return run;
}

/**
 * How soon Cancel lets go of a run that is waiting for room in the rate-limit window: the runner
 * is paced at PAGES_BEFORE_CANCEL requests per window, so the page after them waits about 30 s;
 * a little into that wait the run's signal is aborted, and the time until runAllPages returns is
 * the figure. A run that did not end cancelled right there, or was not waiting, is no figure.
 */
async function cancelWhileWaiting(sandbox: Sandbox): Promise<number> {
  const document = parseRequestDocument(QUERY, parse);
  const operation = document.operations[0];
  if (!operation.pagination) throw new Error('The bench query is not seen as paginated.');
  const runner = new GraphQLRunner({
    tokens: coreTokenSource(sandbox),
    http: axiosPost,
    allowedOrigins: [sandbox.url],
    pacing: { gate: new OriginGate(), requestsPerWindow: PAGES_BEFORE_CANCEL },
  });
  const controller = new AbortController();
  let abortedAt: number | undefined;
  let sentBeforeAbort: number | undefined;
  const result = await runAllPages(runner, {
    endpoint: sandbox.graphqlEndpoint,
    body: buildRequestBody(document, operation, { pipeId: BIG_PIPE_ID }),
    pagination: operation.pagination,
    maxItems: BIG_PIPE_CARDS,
    onItems: () => undefined,
    onPage: ({ page }) => {
      if (page !== PAGES_BEFORE_CANCEL) return;
      setTimeout(() => {
        sentBeforeAbort = sandbox.stats.graphqlRequests;
        abortedAt = performance.now();
        controller.abort();
      }, CANCEL_AFTER_WAITING_MS);
    },
    signal: controller.signal,
  });
  const returnedAt = performance.now();
  if (abortedAt === undefined || result.end !== 'cancelled' || result.pages !== PAGES_BEFORE_CANCEL || sentBeforeAbort !== PAGES_BEFORE_CANCEL) {
    throw new Error(
      `The cancel figure's run ended "${result.end}" after ${result.pages} pages, ${sentBeforeAbort ?? 'no'} requests sent when it was cancelled; it was to be cancelled while waiting after page ${PAGES_BEFORE_CANCEL}.`,
    );
  }
  return Number((returnedAt - abortedAt).toFixed(2));
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
    const kept = await completeRunInChild(sandbox, HUGE_PIPE, 'items', 'keeping the items');
    const { requestsInWorstWindow, http429 } = rateLimitFigure(sandbox);
    sandbox.reset();
    const counted = await completeRunInChild(sandbox, HUGE_PIPE, 'count', 'keeping the count');
    rateLimitFigure(sandbox);
    sandbox.reset();
    const cancelWhileWaitingMs = await cancelWhileWaiting(sandbox);
    const minimumMs = minimumAllPagesMs({ pages: kept.pages, latencyMs: 0, requestsPerWindow: PIPEFY_REQUESTS_PER_WINDOW, windowMs: RATE_WINDOW_MS });
    // Faster than the limit allows means the limit was not in force, and the ratio would flatter the product.
    if (kept.ms < minimumMs) throw new Error(`Run All Pages took ${kept.ms} ms for ${kept.pages} pages, under the ${minimumMs} ms Pipefy's limit demands: the limit was not in force.`);
    return requireFigures('allPages', {
      items: kept.items,
      pages: kept.pages,
      ms: kept.ms,
      minimumMs,
      minimumTimeRatio: Number((kept.ms / minimumMs).toFixed(3)),
      requestsInWorstWindow,
      http429,
      peakRssMb: kept.peakRssMb,
      peakRssGrowthMb: kept.peakRssMb - kept.rssBeforeMb,
      countOnlyPeakRssMb: counted.peakRssMb,
      cancelWhileWaitingMs,
    });
  } finally {
    await sandbox.close();
  }
}

const fail = (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
};

if (require.main === module) {
  const [keep, pipeId, cards, tokenEndpoint, graphqlEndpoint] = process.argv.slice(2);
  if (keep === undefined) {
    // This figure alone, as `npm run bench` prints it.
    measureAllPages().then((figure) => console.log(`allPages: ${JSON.stringify(figure)}`), fail);
  } else if ((keep !== 'items' && keep !== 'count') || !pipeId || !Number.isInteger(Number(cards)) || !tokenEndpoint || !graphqlEndpoint) {
    console.error('Usage: allPages.ts [items|count PIPE_ID CARDS TOKEN_ENDPOINT GRAPHQL_ENDPOINT] (without arguments: the allPages figure; with them, one run, as the bench starts it).');
    process.exitCode = 2;
  } else {
    runOnce(keep, { id: pipeId, cards: Number(cards) }, tokenEndpoint, graphqlEndpoint).then(
      (figure) => console.log(JSON.stringify(figure)),
      fail,
    );
  }
}
