import { GraphQLRequestError, OriginHeldError, type GraphQLRequest, type GraphQLResponse } from '../graphql/graphqlRunner';
import type { Lockout } from '../graphql/originGate';
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
  /** The cursor or number of the next page, for a resume should the run end here (window closed); absent after the last page. */
  readonly next?: ResumePosition;
}

/** Where a page starts: a cursor (null for the first page of a connection), or a page number. */
export type ResumePosition = string | number | null;

/** What an earlier part of the same run took: a resumed run counts on from there. */
export interface EarlierPart {
  readonly pages: number;
  readonly items: number;
  readonly durationMs: number;
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
  /**
   * A resume: the pages, items and time of the part before. Pages are numbered, items capped and
   * time counted across both parts; the body's cursor (or page) variable says where to go on from.
   */
  readonly continues?: EarlierPart;
  /** Send even though the origin is held after a 429 (Send Anyway); pacing still applies. */
  readonly sendAnyway?: boolean;
  /**
   * When the origin is held after a 429 as a page is about to go: wait until the hold ends and
   * send it then (a resume after a lockout), instead of failing the run. Cancel ends the wait.
   */
  readonly waitOutHold?: { readonly onHeld?: (lockout: Lockout) => void; readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void> };
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
  /**
   * Where the run can go on from: the cursor or number of the first page not taken. Absent when
   * complete, and when going on from there would skip items (a cap that took part of a page) or
   * ask for the same page again for ever (a page that gave no new cursor, a page size refused).
   */
  readonly next?: ResumePosition;
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
  const before = request.continues ?? { pages: 0, items: 0, durationMs: 0 };
  const variable = pagination.kind === 'cursor' ? pagination.cursorVariable : pagination.pageVariable;
  let position = startPosition(pagination, request.body.variables);
  let pages = before.pages;
  let items = before.items;
  let lastStatus: number | undefined;
  const elapsed = () => before.durationMs + now() - started;
  const result = (end: AllPagesEnd, next?: ResumePosition, failure?: AllPagesResult['failure']): AllPagesResult => ({
    end,
    pages,
    items,
    durationMs: elapsed(),
    failure,
    lastStatus,
    next: end === 'complete' ? undefined : next,
  });

  const refusal = pageSizeProblem(pagination, request.body.variables);
  if (refusal) return result('failed', undefined, { page: pages + 1, message: refusal });

  for (;;) {
    // Asked before every page, as the gate is asked during its wait: after a Cancel nothing more is sent.
    if (signal?.aborted) return result('cancelled', position);
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
        sendAnyway: request.sendAnyway,
      });
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      if (error.code === 'cancelled' && signal?.aborted) return result('cancelled', position);
      if (error instanceof OriginHeldError && request.waitOutHold) {
        // Held, not sent: nothing reached the server, so the same page goes once the hold ends.
        request.waitOutHold.onHeld?.(error.lockout);
        await (request.waitOutHold.sleep ?? sleep)(Math.max(0, error.lockout.until - now()), signal);
        continue;
      }
      return result('failed', position, { page, message: `${error.message} ${error.hint}` });
    }
    lastStatus = response.status;
    const read = readPage(response, pagination);
    if ('problem' in read) return result('failed', position, { page, message: read.problem });

    const room = request.maxItems - items;
    const taken = read.items.length > room ? read.items.slice(0, room) : read.items;
    request.onItems(taken);
    pages = page;
    items += taken.length;
    // Asking again for the same page (or an earlier one) would go round forever.
    const stuck = read.hasNextPage ? stuckMessage(pagination, page, position, read.next) : undefined;
    const next = read.hasNextPage && !stuck ? read.next : undefined;
    request.onPage?.({ page, items, elapsedMs: elapsed(), next });

    if (!read.hasNextPage) return result('complete');
    // Part of this page was left behind: going on from the next page would skip it.
    if (items >= request.maxItems) return result('capped', taken.length === read.items.length ? next : undefined);
    // Cancelled while this page was in flight: it is kept, and no other is asked for.
    if (signal?.aborted) return result('cancelled', next);
    if (stuck) return result('failed', undefined, { page: page + 1, message: stuck });
    position = read.next;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (the loop then sees the Cancel). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Where the run starts: the cursor or page number the variables give, else the first page. */
function startPosition(pagination: Pagination, variables: Readonly<Record<string, unknown>>): ResumePosition {
  if (pagination.kind === 'cursor') {
    const given = variables[pagination.cursorVariable];
    return typeof given === 'string' ? given : null;
  }
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
