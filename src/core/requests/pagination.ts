import type { ArgumentNode, FieldNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode, VariableDefinitionNode } from 'graphql/language/ast';

/**
 * Whether an operation pages through a list the way Pipefy's do, and so can be run page after
 * page with Run All Pages. Only the syntax is read: no schema is needed, so a file works before
 * Fetch Schema. Type-only imports from graphql: the parser itself loads lazily.
 */
export type Pagination = CursorPagination | PageNumberPagination;

/** A Relay connection, as Pipefy's `cards`, `allCards` and `table_records`: `first`/`after`, `pageInfo { hasNextPage endCursor }`. */
export interface CursorPagination {
  readonly kind: 'cursor';
  /** The variable each next page's cursor goes into, without `$`: `after` or `cursor`. */
  readonly cursorVariable: string;
  /** Response keys (aliases where given) from `data` down to the connection: `['cards']`, `['pipe', 'cards']`. */
  readonly connectionPath: readonly string[];
  /** Where the connection's items are: `edges[].node`, or `nodes[]`. */
  readonly items: 'edges' | 'nodes';
  /** Set for a connection whose page size Pipefy caps (see PAGE_SIZE_CAPS). */
  readonly pageSize?: PageSize;
}

/**
 * Numbered pages: a `pagination: {page: $page, perPage: …}` argument, answered with the number of
 * the next page (`next_page`, or `nextPage`), null after the last. Unverified: Pipefy's public
 * sources show only Relay connections, so this is the shape of a `cardSearch`-style list as the
 * sandbox models it; the run advances `$page` until no next page is named.
 */
export interface PageNumberPagination {
  readonly kind: 'pageNumber';
  /** The `Int` variable the page number goes into, without `$`. */
  readonly pageVariable: string;
  /** Response keys (aliases where given) from `data` down to the paged field. */
  readonly connectionPath: readonly string[];
  /** `edges[].node`, `nodes[]`, or the one list the paged field selects (by its response key). */
  readonly items: 'edges' | 'nodes' | { readonly list: string };
  readonly nextPageField: string;
}

/** How many items one page of a capped connection may ask for, and how the query asks. */
export interface PageSize {
  /** The connection's field name, as Pipefy names it: `table_records`. */
  readonly field: string;
  readonly max: number;
  /** What the items are called, for the message: `records`. */
  readonly noun: string;
  /** `first` as the query gives it: a number, a variable (and its default), or not at all. */
  readonly first?: { readonly value: number } | { readonly variable: string; readonly defaultValue?: number };
}

/**
 * Connections whose `first` Pipefy caps. table_records: Pipefy's own SDK (pipefy/ai-toolkit)
 * checks `first` against 1–200 and says the API caps it at 200. Whether a larger `first` is
 * refused or clamped is unverified, so the product never sends one: the run refuses before page 1.
 */
export const PAGE_SIZE_CAPS: Readonly<Record<string, { readonly max: number; readonly noun: string }>> = {
  table_records: { max: 200, noun: 'records' },
};

/** The names a cursor variable goes by in Relay queries, in the order they are looked for. */
const CURSOR_VARIABLES = ['after', 'cursor'];
const NEXT_PAGE_FIELDS = ['next_page', 'nextPage'];

/**
 * The list a query pages through: a Relay connection, else a page-numbered list. Undefined for
 * mutations (a mutation must never be sent again and again), and for an operation without the
 * variable the run would advance: a nullable `String` cursor (the first page passes none) or an
 * `Int` page number.
 */
export function findPagination(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Pagination | undefined {
  if (operation.operation !== 'query') return undefined;
  const definitions = operation.variableDefinitions ?? [];
  const cursorVariable = CURSOR_VARIABLES.find((name) => definitions.some((definition) => isNullableString(definition, name)));
  const cursor = cursorVariable ? findConnection(operation.selectionSet, [], cursorVariable, definitions, fragments) : undefined;
  if (cursor) return cursor;
  const pageVariables = new Set(definitions.filter(isInt).map((definition) => definition.variable.name.value));
  return pageVariables.size ? findNumberedPages(operation.selectionSet, [], pageVariables, fragments) : undefined;
}

/** Why a run must not start as written (a page larger than Pipefy gives), or undefined. */
export function pageSizeProblem(pagination: Pagination, variables: Readonly<Record<string, unknown>>): string | undefined {
  const pageSize = pagination.kind === 'cursor' ? pagination.pageSize : undefined;
  if (!pageSize?.first) return undefined;
  const { first } = pageSize;
  const asked = 'value' in first ? first.value : Object.prototype.hasOwnProperty.call(variables, first.variable) ? variables[first.variable] : first.defaultValue;
  if (typeof asked !== 'number' || asked <= pageSize.max) return undefined;
  const where = 'value' in first ? `first: ${asked}` : `first: ${asked} (the "${first.variable}" variable)`;
  return `${pageSize.field} gives at most ${pageSize.max} ${pageSize.noun} per page, and the query asks for ${where}. Ask for ${pageSize.max} or fewer; nothing was sent.`;
}

function findConnection(
  selectionSet: SelectionSetNode,
  path: readonly string[],
  cursorVariable: string,
  definitions: readonly VariableDefinitionNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): CursorPagination | undefined {
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (!field.selectionSet) continue;
    const fieldPath = [...path, responseKey(field)];
    if (takesVariable(field, cursorVariable)) {
      const items = connectionItems(field.selectionSet, fragments);
      if (items) {
        const pageSize = pageSizeOf(field, definitions);
        return { kind: 'cursor', cursorVariable, connectionPath: fieldPath, items, ...(pageSize && { pageSize }) };
      }
    }
    const inner = findConnection(field.selectionSet, fieldPath, cursorVariable, definitions, fragments);
    if (inner) return inner;
  }
  return undefined;
}

function findNumberedPages(
  selectionSet: SelectionSetNode,
  path: readonly string[],
  pageVariables: ReadonlySet<string>,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): PageNumberPagination | undefined {
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (!field.selectionSet) continue;
    const fieldPath = [...path, responseKey(field)];
    const pageVariable = pageVariableOf(field);
    if (pageVariable && pageVariables.has(pageVariable)) {
      const shape = numberedPageItems(field.selectionSet, fragments);
      if (shape) return { kind: 'pageNumber', pageVariable, connectionPath: fieldPath, ...shape };
    }
    const inner = findNumberedPages(field.selectionSet, fieldPath, pageVariables, fragments);
    if (inner) return inner;
  }
  return undefined;
}

/** `edges { node }` or `nodes`, when `pageInfo { hasNextPage endCursor }` is selected too. */
function connectionItems(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): CursorPagination['items'] | undefined {
  const fields = fieldsOf(selectionSet, fragments);
  const pageInfo = unaliased(fields, 'pageInfo').flatMap((field) => (field.selectionSet ? fieldsOf(field.selectionSet, fragments) : []));
  const hasPageInfo = ['hasNextPage', 'endCursor'].every((name) => unaliased(pageInfo, name).length > 0);
  if (!hasPageInfo) return undefined;
  return edgesOrNodes(fields, fragments);
}

/**
 * The next-page field and the items of a page-numbered list: `edges { node }`, `nodes`, or else
 * the one field with a selection of its own (`cards { id title }`). Two such fields would leave
 * the items unclear, so the list is not taken to be paged.
 */
function numberedPageItems(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Pick<PageNumberPagination, 'items' | 'nextPageField'> | undefined {
  const fields = fieldsOf(selectionSet, fragments);
  const nextPageField = NEXT_PAGE_FIELDS.find((name) => unaliased(fields, name).length > 0);
  if (!nextPageField) return undefined;
  const items = edgesOrNodes(fields, fragments);
  if (items) return { items, nextPageField };
  const lists = [...new Set(fields.filter((field) => field.selectionSet).map(responseKey))];
  return lists.length === 1 ? { items: { list: lists[0] }, nextPageField } : undefined;
}

function edgesOrNodes(fields: readonly FieldNode[], fragments: ReadonlyMap<string, FragmentDefinitionNode>): 'edges' | 'nodes' | undefined {
  const edgeFields = unaliased(fields, 'edges').flatMap((field) => (field.selectionSet ? fieldsOf(field.selectionSet, fragments) : []));
  if (unaliased(edgeFields, 'node').length) return 'edges';
  return unaliased(fields, 'nodes').length ? 'nodes' : undefined;
}

/** The `Int` variable given as `page` in a `pagination: {page: $page, …}` argument. */
function pageVariableOf(field: FieldNode): string | undefined {
  const value = argument(field, 'pagination')?.value;
  if (value?.kind !== 'ObjectValue') return undefined;
  const page = value.fields.find((objectField) => objectField.name.value === 'page')?.value;
  return page?.kind === 'Variable' ? page.name.value : undefined;
}

function pageSizeOf(field: FieldNode, definitions: readonly VariableDefinitionNode[]): PageSize | undefined {
  const cap = Object.prototype.hasOwnProperty.call(PAGE_SIZE_CAPS, field.name.value) ? PAGE_SIZE_CAPS[field.name.value] : undefined;
  if (!cap) return undefined;
  const value = argument(field, 'first')?.value;
  const base = { field: field.name.value, ...cap };
  if (value?.kind === 'IntValue') return { ...base, first: { value: Number(value.value) } };
  if (value?.kind !== 'Variable') return base;
  const variable = value.name.value;
  const defaultValue = definitions.find((definition) => definition.variable.name.value === variable)?.defaultValue;
  return { ...base, first: { variable, ...(defaultValue?.kind === 'IntValue' && { defaultValue: Number(defaultValue.value) }) } };
}

function argument(field: FieldNode, name: string): ArgumentNode | undefined {
  return (field.arguments ?? []).find((candidate) => candidate.name.value === name);
}

function takesVariable(field: FieldNode, variable: string): boolean {
  return (field.arguments ?? []).some((candidate) => candidate.value.kind === 'Variable' && candidate.value.name.value === variable);
}

const responseKey = (field: FieldNode) => (field.alias ?? field.name).value;
const unaliased = (fields: readonly FieldNode[], name: string) => fields.filter((field) => field.name.value === name && !field.alias);

function isNullableString(definition: VariableDefinitionNode, name: string): boolean {
  return definition.variable.name.value === name && definition.type.kind === 'NamedType' && definition.type.name.value === 'String';
}

/** `Int` or `Int!`: the run sets the page number on every page, so a required one is as good. */
function isInt(definition: VariableDefinitionNode): boolean {
  const type = definition.type.kind === 'NonNullType' ? definition.type.type : definition.type;
  return type.kind === 'NamedType' && type.name.value === 'Int';
}

/** The fields of a selection set with fragment spreads and inline fragments opened; a fragment is opened once. */
function fieldsOf(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, opened = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === 'Field') fields.push(selection);
    else if (selection.kind === 'InlineFragment') fields.push(...fieldsOf(selection.selectionSet, fragments, opened));
    else if (!opened.has(selection.name.value)) {
      opened.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) fields.push(...fieldsOf(fragment.selectionSet, fragments, opened));
    }
  }
  return fields;
}
