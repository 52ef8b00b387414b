import * as v from 'valibot';
import type { GraphQLResponse } from '../graphql/graphqlRunner';
import { isJsonObject } from '../json/jsonObject';
import type { Pagination } from './pagination';

/**
 * One page as Run All Pages reads it: its items, whether another page follows, and what to ask it
 * with (the `endCursor`, or the next page's number).
 */
export type PageRead =
  | { readonly items: readonly unknown[]; readonly hasNextPage: boolean; readonly next: string | number | null }
  | { readonly problem: string };

/** The items and the next position of one answer, or why the answer is not a page. */
export function readPage(response: Pick<GraphQLResponse, 'status' | 'json' | 'errors' | 'problem'>, pagination: Pagination): PageRead {
  if (response.problem) return { problem: response.problem.message };
  if (response.errors.length) {
    const first = response.errors[0];
    const more = response.errors.length > 1 ? ` (and ${response.errors.length - 1} more error${response.errors.length > 2 ? 's' : ''})` : '';
    return { problem: `${first.code ? `${first.code}: ` : ''}${first.message}${more}` };
  }
  const parsed = v.safeParse(answerSchema(pagination), response.json, { abortEarly: true });
  return parsed.success ? parsed.output : { problem: parsed.issues[0].message };
}

/**
 * An object's one field, read whether the key is there or not: a missing field then fails with
 * the field schema's own message (valibot gives a missing key the object's message), and anything
 * but an object (an array too) fails with `notObject`.
 */
const fieldOf = <S extends v.GenericSchema>(key: string, schema: S, notObject: string) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isJsonObject, notObject),
    v.transform((object) => object[key]),
    schema,
  );

/** Anything but a string is no cursor; a page without one is caught as a page that cannot go on. */
const cursor = v.fallback(v.optional(v.nullable(v.string())), null);

/** `data` down the connection path to the paged field, each step saying where the answer stops. */
function answerSchema(pagination: Pagination) {
  const where = pagination.connectionPath.join('.');
  let schema: v.GenericSchema<unknown, PageRead> = pagination.kind === 'cursor' ? connectionSchema(pagination, where) : numberedPageSchema(pagination, where);
  for (const key of [...pagination.connectionPath].reverse()) {
    schema = fieldOf(key, schema, `The answer has no ${where} connection (it stops before "${key}").`);
  }
  return v.pipe(
    v.unknown(),
    v.transform((json) => (isJsonObject(json) ? json.data : undefined)),
    schema,
  );
}

function connectionSchema(pagination: Extract<Pagination, { kind: 'cursor' }>, where: string) {
  const noHasNextPage = `${where} has no pageInfo.hasNextPage.`;
  return v.pipe(
    v.custom<Record<string, unknown>>(isJsonObject, `The answer has no ${where} connection.`),
    // Picked into keys that are always there, so each missing part gets its own message, in this order.
    v.transform((connection) => ({ pageInfo: connection.pageInfo, list: connection[pagination.items] })),
    v.object({
      pageInfo: v.pipe(
        v.custom<Record<string, unknown>>(isJsonObject, noHasNextPage),
        v.object({ hasNextPage: v.boolean(noHasNextPage), endCursor: cursor }, noHasNextPage),
      ),
      list: v.array(v.unknown(), `${where} has no ${pagination.items} list.`),
    }),
    v.transform(({ pageInfo, list }) => ({ items: itemsOf(list, pagination.items), hasNextPage: pageInfo.hasNextPage, next: pageInfo.endCursor ?? null })),
  );
}

function numberedPageSchema(pagination: Extract<Pagination, { kind: 'pageNumber' }>, where: string) {
  const listKey = typeof pagination.items === 'string' ? pagination.items : pagination.items.list;
  const noNextPage = `${where} has no ${pagination.nextPageField} (a page number, or null after the last page).`;
  return v.pipe(
    v.custom<Record<string, unknown>>(isJsonObject, `The answer has no ${where} list.`),
    v.transform((paged) => ({ next: paged[pagination.nextPageField], list: paged[listKey] })),
    v.object({
      // Null after the last page; a page number otherwise.
      next: v.nullable(v.pipe(v.number(noNextPage), v.integer(noNextPage))),
      list: v.array(v.unknown(), `${where} has no ${listKey} list.`),
    }),
    v.transform(({ next, list }) => ({ items: itemsOf(list, pagination.items), hasNextPage: next !== null, next })),
  );
}

function itemsOf(list: readonly unknown[], items: Pagination['items']): readonly unknown[] {
  return items === 'edges' ? list.map((edge) => (isJsonObject(edge) ? edge.node : undefined)) : list;
}
