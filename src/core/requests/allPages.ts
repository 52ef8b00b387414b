import { GraphQLRequestError, type GraphQLRequest, type GraphQLResponse } from '../graphql/graphqlRunner';
import type { Pagination } from './pagination';
import type { GraphQLRequestBody } from './requestBody';
import { isJsonObject } from '../json/jsonObject';

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
  /** The first page's body; its cursor variable, if given, is where the run starts. */
  readonly body: GraphQLRequestBody;
  readonly pagination: Pagination;
  /** The run stops once it holds this many items, even if there are more pages. */
  readonly maxItems: number;
  /** Takes each page's items, in order, as soon as the page is in; the run keeps no page itself. */
  readonly onItems: (items: readonly unknown[]) => void;
  readonly onPage?: (progress: PageProgress) => void;
  /** Asked after each page: true stops the run there, keeping every page already taken. */
  readonly isCancelled?: () => boolean;
  readonly now?: () => number;
}

/**
 * complete: the last page said there is no next one; capped: stopped at maxItems with more to
 * come; cancelled: stopped by the user after a page; failed: a page could not be had.
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
 * Runs a paginated query page after page, each page's `endCursor` passed as the cursor variable
 * of the next, until `hasNextPage` is false. Pages go one at a time through the sender, so the
 * rate-limit gate paces them like any other request, and a 429 (which locks the origin out for
 * minutes) stops the run at that page instead of sending into the lockout.
 */
export async function runAllPages(sender: PageSender, request: AllPagesRequest): Promise<AllPagesResult> {
  const now = request.now ?? Date.now;
  const started = now();
  const { cursorVariable } = request.pagination;
  let cursor = request.body.variables[cursorVariable] ?? null;
  let pages = 0;
  let items = 0;
  let lastStatus: number | undefined;
  const result = (end: AllPagesEnd, failure?: AllPagesResult['failure']): AllPagesResult => ({ end, pages, items, durationMs: now() - started, failure, lastStatus });

  for (;;) {
    const page = pages + 1;
    let response: GraphQLResponse;
    lastStatus = undefined;
    try {
      response = await sender.run({
        endpoint: request.endpoint,
        query: request.body.query,
        variables: { ...request.body.variables, [cursorVariable]: cursor },
        operationName: request.body.operationName,
      });
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      return result('failed', { page, message: `${error.message} ${error.hint}` });
    }
    lastStatus = response.status;
    const read = readPage(response, request.pagination);
    if ('problem' in read) return result('failed', { page, message: read.problem });

    const room = request.maxItems - items;
    const taken = read.items.length > room ? read.items.slice(0, room) : read.items;
    request.onItems(taken);
    pages = page;
    items += taken.length;
    request.onPage?.({ page, items, elapsedMs: now() - started });

    if (!read.hasNextPage) return result('complete');
    if (items >= request.maxItems) return result('capped');
    if (request.isCancelled?.()) return result('cancelled');
    if (read.endCursor === null || read.endCursor === cursor) {
      // Asking again with the same cursor would get the same page forever.
      return result('failed', { page: page + 1, message: `Page ${page} said there is a next page but gave no new endCursor to ask for it with.` });
    }
    cursor = read.endCursor;
  }
}

type PageRead = { readonly items: readonly unknown[]; readonly hasNextPage: boolean; readonly endCursor: string | null } | { readonly problem: string };

/** The items and the next cursor of one answer, or why the answer is not a page. */
export function readPage(response: Pick<GraphQLResponse, 'status' | 'json' | 'errors' | 'problem'>, pagination: Pagination): PageRead {
  if (response.problem) return { problem: response.problem.message };
  if (response.errors.length) {
    const first = response.errors[0];
    const more = response.errors.length > 1 ? ` (and ${response.errors.length - 1} more error${response.errors.length > 2 ? 's' : ''})` : '';
    return { problem: `${first.code ? `${first.code}: ` : ''}${first.message}${more}` };
  }
  let value: unknown = (response.json as { data?: unknown } | undefined)?.data;
  for (const key of pagination.connectionPath) {
    if (!isJsonObject(value)) return { problem: `The answer has no ${pagination.connectionPath.join('.')} connection (it stops before "${key}").` };
    value = value[key];
  }
  if (!isJsonObject(value)) return { problem: `The answer has no ${pagination.connectionPath.join('.')} connection.` };
  const pageInfo = value.pageInfo;
  if (!isJsonObject(pageInfo) || typeof pageInfo.hasNextPage !== 'boolean') return { problem: `${pagination.connectionPath.join('.')} has no pageInfo.hasNextPage.` };
  const endCursor = typeof pageInfo.endCursor === 'string' ? pageInfo.endCursor : null;
  const list = pagination.items === 'edges' ? value.edges : value.nodes;
  if (!Array.isArray(list)) return { problem: `${pagination.connectionPath.join('.')} has no ${pagination.items} list.` };
  const items = pagination.items === 'edges' ? list.map((edge) => (isJsonObject(edge) ? edge.node : undefined)) : list;
  return { items, hasNextPage: pageInfo.hasNextPage, endCursor };
}

