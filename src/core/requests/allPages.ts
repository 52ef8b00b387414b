import { GraphQLRequestError, type GraphQLRequest, type GraphQLResponse } from '../graphql/graphqlRunner';
import { readPage } from './pageAnswer';
import { type Pagination, pageSizeProblem } from './pagination';
import type { GraphQLRequestBody } from './requestBody';

/** What sends each page: the GraphQL runner, with its allowed origins, token renewal, 401 retry and rate-limit gate. */
export interface PageSender {
  run(request: GraphQLRequest): Promise<GraphQLResponse>;
}

/** How far a run has got, after each page. */
export interface PageProgress {
  readonly page: number;
  readonly items: number;
  readonly elapsedMs: number;
}

export interface AllPagesRequest {
  readonly endpoint: string;
  /** The first page's body; its cursor (or page) variable, if given, is where the run starts. */
  readonly body: GraphQLRequestBody;
  readonly pagination: Pagination;
  /** The run stops once it holds this many items, even if there are more pages. */
  readonly maxItems: number;
  /** Takes each page's items, in order, as soon as the page is in; the run keeps no page itself. */
  readonly onItems: (items: readonly unknown[]) => void;
  readonly onPage?: (progress: PageProgress) => void;
  /**
   * Cancel. A page waiting for room in the rate-limit window is never sent and the run ends at
   * once; a page in flight is still answered and taken; no page follows. Every page taken is kept.
   */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/**
 * complete: the last page said there is no next one; capped: stopped at maxItems with more to
 * come; cancelled: stopped by the user; failed: a page could not be had.
 */
export type AllPagesEnd = 'complete' | 'capped' | 'cancelled' | 'failed';

export interface AllPagesResult {
  readonly end: AllPagesEnd;
  /** Pages whose items were taken. */
  readonly pages: number;
  readonly items: number;
  readonly durationMs: number;
  /** With `failed`: the page (from 1) that failed, and why. */
  readonly failure?: { readonly page: number; readonly message: string };
  /** The status of the last page's HTTP answer; undefined when it got none. */
  readonly lastStatus?: number;
}

/**
 * Runs a paginated query page after page until the last: each page's `endCursor` passed as the
 * cursor variable of the next until `hasNextPage` is false, or for numbered pages the next page's
 * number as the page variable until none is named. Pages go one at a time through the sender, so
 * the rate-limit gate paces them like any other request, and a 429 (which locks the origin out
 * for minutes) stops the run at that page instead of sending into the lockout.
 */
export async function runAllPages(sender: PageSender, request: AllPagesRequest): Promise<AllPagesResult> {
  const now = request.now ?? Date.now;
  const started = now();
  const { pagination, signal } = request;
  const variable = pagination.kind === 'cursor' ? pagination.cursorVariable : pagination.pageVariable;
  let position = startPosition(pagination, request.body.variables);
  let pages = 0;
  let items = 0;
  let lastStatus: number | undefined;
  const result = (end: AllPagesEnd, failure?: AllPagesResult['failure']): AllPagesResult => ({ end, pages, items, durationMs: now() - started, failure, lastStatus });

  const refusal = pageSizeProblem(pagination, request.body.variables);
  if (refusal) return result('failed', { page: 1, message: refusal });

  for (;;) {
    // Asked before every page, as the gate is asked during its wait: after a Cancel nothing more is sent.
    if (signal?.aborted) return result('cancelled');
    const page = pages + 1;
    let response: GraphQLResponse;
    lastStatus = undefined;
    try {
      response = await sender.run({
        endpoint: request.endpoint,
        query: request.body.query,
        variables: { ...request.body.variables, [variable]: position },
        operationName: request.body.operationName,
        // The wait for room in the window only: a page already sent is still answered and taken.
        waitSignal: signal,
      });
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      if (error.code === 'cancelled' && signal?.aborted) return result('cancelled');
      return result('failed', { page, message: `${error.message} ${error.hint}` });
    }
    lastStatus = response.status;
    const read = readPage(response, pagination);
    if ('problem' in read) return result('failed', { page, message: read.problem });

    const room = request.maxItems - items;
    const taken = read.items.length > room ? read.items.slice(0, room) : read.items;
    request.onItems(taken);
    pages = page;
    items += taken.length;
    request.onPage?.({ page, items, elapsedMs: now() - started });

    if (!read.hasNextPage) return result('complete');
    if (items >= request.maxItems) return result('capped');
    // Cancelled while this page was in flight: it is kept, and no other is asked for.
    if (signal?.aborted) return result('cancelled');
    // Asking again for the same page (or an earlier one) would go round forever.
    const stuck = stuckMessage(pagination, page, position, read.next);
    if (stuck) return result('failed', { page: page + 1, message: stuck });
    position = read.next;
  }
}

/** Where the run starts: the cursor or page number the variables give, else the first page. */
function startPosition(pagination: Pagination, variables: Readonly<Record<string, unknown>>): unknown {
  if (pagination.kind === 'cursor') return variables[pagination.cursorVariable] ?? null;
  const given = variables[pagination.pageVariable];
  // Unverified: numbered pages are taken to start at 1, as the sandbox's do.
  return typeof given === 'number' ? given : 1;
}

function stuckMessage(pagination: Pagination, page: number, position: unknown, next: string | number | null): string | undefined {
  if (pagination.kind === 'cursor') {
    return next === null || next === position ? `Page ${page} said there is a next page but gave no new endCursor to ask for it with.` : undefined;
  }
  return typeof next === 'number' && typeof position === 'number' && next <= position
    ? `Page ${page} gave ${pagination.nextPageField} ${next}, which does not come after the page it answered (${position}).`
    : undefined;
}
