import { lineStartOffsets } from './lineStarts';
import type { RequestDocument, RequestOperation } from './requestDocument';

/**
 * Which operation of a file to run: the one named, or else the one under the cursor, so a file can hold several.
 */

export function operationByName(document: RequestDocument, name: string): RequestOperation | undefined {
  return document.operations.find((operation) => operation.name === name);
}

/**
 * The operation the cursor is in; the end of the closing brace counts as inside. With a single
 * operation in the file, that one, wherever the cursor is (a fragment, a comment, the last line).
 * Undefined when the cursor is between or outside several operations: the caller then asks.
 */
export function operationAtOffset(document: RequestDocument, offset: number): RequestOperation | undefined {
  const inside = document.operations.find((operation) => offset >= operation.span.start && offset <= operation.span.end);
  if (inside) return inside;
  return document.operations.length === 1 ? document.operations[0] : undefined;
}

/** The operation whose definition covers a 1-based line, e.g. the line a CodeLens stood on. */
export function operationAtLine(document: RequestDocument, line: number): RequestOperation | undefined {
  const lineStarts = lineStartOffsets(document.text);
  const start = lineStarts[line - 1];
  if (start === undefined) return undefined;
  const end = lineStarts[line] ?? document.text.length;
  return document.operations.find((operation) => operation.span.start < end && operation.span.end >= start);
}

/** How an operation is named in messages and pickers: `query Me`, `mutation (anonymous, line 7)`. */
export function describeOperation(operation: RequestOperation): string {
  return operation.name ? `${operation.kind} ${operation.name}` : `${operation.kind} (anonymous, line ${operation.line})`;
}
