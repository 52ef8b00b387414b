import type { FieldNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode, VariableDefinitionNode } from 'graphql/language/ast';

/**
 * Whether an operation pages through a Relay connection the way Pipefy's do (`first`/`after`,
 * `pageInfo { hasNextPage endCursor }`), and so can be run page after page with Run All Pages.
 * Only the syntax is read: no schema is needed, so a file works before Fetch Schema.
 */
export interface Pagination {
  /** The variable each next page's cursor goes into, without `$`: `after` or `cursor`. */
  readonly cursorVariable: string;
  /** Response keys (aliases where given) from `data` down to the connection: `['cards']`, `['pipe', 'cards']`. */
  readonly connectionPath: readonly string[];
  /** Where the connection's items are: `edges[].node`, or `nodes[]`. */
  readonly items: 'edges' | 'nodes';
}

/** The names a cursor variable goes by in Relay queries, in the order they are looked for. */
const CURSOR_VARIABLES = ['after', 'cursor'];

/**
 * The connection a query pages through: one field that takes the cursor variable as an argument
 * and selects `pageInfo { hasNextPage endCursor }` and its items. Undefined for mutations (a
 * mutation must never be sent again and again) and for an operation without a nullable `String`
 * cursor variable (the first page passes none).
 */
export function findPagination(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Pagination | undefined {
  if (operation.operation !== 'query') return undefined;
  const cursorVariable = CURSOR_VARIABLES.find((name) => (operation.variableDefinitions ?? []).some((definition) => isNullableString(definition, name)));
  if (!cursorVariable) return undefined;
  return findConnection(operation.selectionSet, [], cursorVariable, fragments);
}

function findConnection(
  selectionSet: SelectionSetNode,
  path: readonly string[],
  cursorVariable: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Pagination | undefined {
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (!field.selectionSet) continue;
    const fieldPath = [...path, (field.alias ?? field.name).value];
    if (takesVariable(field, cursorVariable)) {
      const items = connectionItems(field.selectionSet, fragments);
      if (items) return { cursorVariable, connectionPath: fieldPath, items };
    }
    const inner = findConnection(field.selectionSet, fieldPath, cursorVariable, fragments);
    if (inner) return inner;
  }
  return undefined;
}

/** `edges { node }` or `nodes`, when `pageInfo { hasNextPage endCursor }` is selected too. */
function connectionItems(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Pagination['items'] | undefined {
  const fields = fieldsOf(selectionSet, fragments);
  const named = (name: string) => fields.filter((field) => field.name.value === name && !field.alias);
  const pageInfo = named('pageInfo').flatMap((field) => (field.selectionSet ? fieldsOf(field.selectionSet, fragments) : []));
  const hasPageInfo = ['hasNextPage', 'endCursor'].every((name) => pageInfo.some((field) => field.name.value === name && !field.alias));
  if (!hasPageInfo) return undefined;
  const edgeFields = named('edges').flatMap((field) => (field.selectionSet ? fieldsOf(field.selectionSet, fragments) : []));
  if (edgeFields.some((field) => field.name.value === 'node' && !field.alias)) return 'edges';
  return named('nodes').length ? 'nodes' : undefined;
}

function takesVariable(field: FieldNode, variable: string): boolean {
  return (field.arguments ?? []).some((argument) => argument.value.kind === 'Variable' && argument.value.name.value === variable);
}

function isNullableString(definition: VariableDefinitionNode, name: string): boolean {
  return definition.variable.name.value === name && definition.type.kind === 'NamedType' && definition.type.name.value === 'String';
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
