/**
 * The Run All Pages figure of `npm run bench` over a slow network: the allPages figure's run (the
 * runner and its gate, Pipefy's limit enforced by the sandbox) over the 10,000-card pipe, with
 * the sandbox answering every request 150 ms late. Its time is given as a ratio to the least that
 * the latency and the rate limit allow, so the figure says what the product adds on top. The
 * 10,000-card pipe rather than the 100,000-card one: at 150 ms a page, 2,000 pages would add five
 * minutes to the bench and say nothing the 200 pages do not.
 */
import { PIPEFY_REQUESTS_PER_WINDOW, RATE_WINDOW_MS } from '../src/core/graphql/originGate';
import { startSandbox } from '../test/fixtures/sandbox';
import { BIG_PIPE, completeRunInChild, minimumAllPagesMs, rateLimitFigure, requireFigures } from './allPages';

/** A round trip of a distant server, as a user far from Pipefy's API meets it. */
const LATENCY_MS = 150;

export interface AllPagesWithLatencyFigure {
  readonly items: number;
  readonly pages: number;
  readonly latencyMs: number;
  readonly requestsInWorstWindow: number;
  readonly http429: number;
  readonly minimumMs: number;
  readonly ms: number;
  /** ms over minimumMs: 1 would be a run that spends nothing of its own. */
  readonly ratio: number;
}

export async function measureAllPagesWithLatency(): Promise<AllPagesWithLatencyFigure> {
  // Pipefy's limit, as the sandbox enforces it by default, with the latency added to every request.
  const sandbox = await startSandbox({ tokenLifetimeSeconds: 3600, latencyMs: LATENCY_MS });
  try {
    // The items are kept, as the product keeps them for the result document and Export.
    const run = await completeRunInChild(sandbox, BIG_PIPE, 'items', `with ${LATENCY_MS} ms of latency`);
    const { requestsInWorstWindow, http429 } = rateLimitFigure(sandbox);
    const minimumMs = minimumAllPagesMs({ pages: run.pages, latencyMs: LATENCY_MS, requestsPerWindow: PIPEFY_REQUESTS_PER_WINDOW, windowMs: RATE_WINDOW_MS });
    // Faster than the bound means the latency was not added, and the ratio would flatter the product.
    if (run.ms < minimumMs) {
      throw new Error(`Run All Pages with ${LATENCY_MS} ms of latency took ${run.ms} ms, under the ${minimumMs} ms the latency alone demands: the sandbox did not add it.`);
    }
    return requireFigures('allPagesWithLatency', {
      items: run.items,
      pages: run.pages,
      latencyMs: LATENCY_MS,
      requestsInWorstWindow,
      http429,
      minimumMs,
      ms: run.ms,
      ratio: Number((run.ms / minimumMs).toFixed(3)),
    });
  } finally {
    await sandbox.close();
  }
}
