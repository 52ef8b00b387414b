import { positionAt } from './lineStarts';
import { type Pagination, findPagination } from './pagination';
import type { DefinitionNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode } from 'graphql/language/ast';

/**
 * A saved request file (`.graphql`) read into what can be run: its operations, its fragments and
 * what is wrong with it. Parsing never throws: a malformed file gives problems with a line and a
 * column, and no operations.
 */

/** Offsets into the file text, `end` exclusive. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface DocumentProblem {
  readonly message: string;
  /** 1-based, like the editor's status bar. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface RequestOperation {
  readonly kind: OperationKind;
  /** Absent for an anonymous operation such as `{ me { id } }`. */
  readonly name?: string;
  /** Position among the file's operations, from 0. */
  readonly index: number;
  readonly span: TextSpan;
  /** 1-based line of the definition's first token, where the CodeLens goes. */
  readonly line: number;
  /** The variables it declares, in order, without `$`. */
  readonly variableNames: readonly string[];
  /** Every fragment it uses, directly or through other fragments, in file order. */
  readonly fragmentNames: readonly string[];
  /** Why it cannot be sent as it is (e.g. a fragment that is not defined in the file). */
  readonly problems: readonly DocumentProblem[];
  /** Set when the operation pages through a connection, so Run All Pages can follow its cursor. */
  readonly pagination?: Pagination;
}

export interface RequestFragment {
  readonly name: string;
  readonly span: TextSpan;
  readonly line: number;
}

export interface RequestDocument {
  readonly text: string;
  readonly operations: readonly RequestOperation[];
  readonly fragments: ReadonlyMap<string, RequestFragment>;
  /** Problems that stop the whole file: syntax errors, duplicate names. */
  readonly problems: readonly DocumentProblem[];
}

/**
 * graphql-js's `parse`, passed in: the host loads it lazily from a bundle of its own (see
 * graphqlParser.ts), so it stays out of the main bundle and out of activation, which stays fast.
 */
export type GraphQLParse = (source: string, options?: { maxLexicalTokens?: number }) => { readonly definitions: readonly DefinitionNode[] };

/** Files this large are not parsed for CodeLenses; far beyond any hand-written request. */
const MAX_LEXICAL_TOKENS = 200_000;

export function parseRequestDocument(text: string, parse: GraphQLParse): RequestDocument {
  const empty = { text, operations: [], fragments: new Map<string, RequestFragment>() };
  if (isBlank(text)) return { ...empty, problems: [] };
  let definitions: readonly DefinitionNode[];
  try {
    definitions = parse(text, { maxLexicalTokens: MAX_LEXICAL_TOKENS }).definitions;
  } catch (error) {
    return { ...empty, problems: [problemFromParseError(text, error)] };
  }

  const fragmentNodes = new Map<string, FragmentDefinitionNode>();
  const problems: DocumentProblem[] = [];
  for (const definition of definitions) {
    if (definition.kind !== 'FragmentDefinition') continue;
    const name = definition.name.value;
    if (fragmentNodes.has(name)) problems.push(problemAt(text, definition.name.loc?.start ?? 0, `There are two fragments named "${name}". Rename one of them.`));
    else fragmentNodes.set(name, definition);
  }

  const operationNodes = definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const seenNames = new Set<string>();
  for (const node of operationNodes) {
    const name = node.name?.value;
    if (name === undefined) continue;
    if (seenNames.has(name)) problems.push(problemAt(text, node.name?.loc?.start ?? 0, `There are two operations named "${name}". Rename one of them.`));
    seenNames.add(name);
  }

  const order = new Map([...fragmentNodes.keys()].map((name, index) => [name, index]));
  const operations = operationNodes.map((node, index): RequestOperation => {
    const { names, problems: fragmentProblems } = usedFragments(text, node.selectionSet, fragmentNodes);
    const pagination = findPagination(node, fragmentNodes);
    return {
      kind: node.operation as OperationKind,
      name: node.name?.value,
      index,
      span: spanOf(node),
      line: node.loc?.startToken.line ?? 1,
      variableNames: (node.variableDefinitions ?? []).map((v) => v.variable.name.value),
      fragmentNames: [...names].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
      problems: fragmentProblems,
      ...(pagination && { pagination }),
    };
  });
  const fragments = new Map(
    [...fragmentNodes].map(([name, node]) => [name, { name, span: spanOf(node), line: node.loc?.startToken.line ?? 1 }]),
  );
  return { text, operations, fragments, problems };
}

/** The fragments a selection set spreads, following spreads inside fragments; cycles end the walk. */
function usedFragments(
  text: string,
  root: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): { names: Set<string>; problems: DocumentProblem[] } {
  const names = new Set<string>();
  const problems: DocumentProblem[] = [];
  const pending: SelectionSetNode[] = [root];
  while (pending.length) {
    const selectionSet = pending.pop() as SelectionSetNode;
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'FragmentSpread') {
        const name = selection.name.value;
        if (names.has(name)) continue;
        const fragment = fragments.get(name);
        if (!fragment) {
          problems.push(problemAt(text, selection.loc?.start ?? 0, `The fragment "${name}" is not defined in this file.`));
          continue;
        }
        names.add(name);
        pending.push(fragment.selectionSet);
      } else if (selection.selectionSet) {
        pending.push(selection.selectionSet);
      }
    }
  }
  return { names, problems };
}

function spanOf(node: DefinitionNode): TextSpan {
  return { start: node.loc?.start ?? 0, end: node.loc?.end ?? 0 };
}

/** Only whitespace, commas and comments: a new, empty request file is not an error. */
function isBlank(text: string): boolean {
  return text.replace(/#[^\n\r]*/g, '').replace(/[\s,\uFEFF]/g, '') === '';
}

function problemFromParseError(text: string, error: unknown): DocumentProblem {
  const e = error as { message?: unknown; positions?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const offset = Array.isArray(e?.positions) && typeof e.positions[0] === 'number' ? e.positions[0] : 0;
  return problemAt(text, offset, message);
}

export function problemAt(text: string, offset: number, message: string): DocumentProblem {
  const { line, column } = positionAt(text, offset);
  return { message, line, column, offset };
}

/** `Foo (line 3, column 5)`, the way every message about a file place reads. */
export function describeProblem(problem: DocumentProblem): string {
  return `${problem.message.replace(/\.?$/, '')} (line ${problem.line}, column ${problem.column}).`;
}
