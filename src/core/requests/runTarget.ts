/**
 * What a CodeLens or a Requests-view item asks to run: one operation of one file. Passed to the
 * internal `pipefy.runOperation` command, which hands it on to `pipefy.runRequest` as arguments.
 */
export interface RunTarget {
  readonly uri: string;
  readonly operationName?: string;
  /** 1-based line of an anonymous operation, which has no name to find it by. */
  readonly line?: number;
}

export const RUN_OPERATION_COMMAND = 'pipefy.runOperation';

/** A tree item passes its node; a CodeLens passes the target itself. */
export function runTargetOf(value: unknown): RunTarget | undefined {
  const candidate = (value as { runTarget?: unknown } | undefined)?.runTarget ?? value;
  if (!candidate || typeof candidate !== 'object') return undefined;
  const { uri, operationName, line } = candidate as Record<string, unknown>;
  if (typeof uri !== 'string') return undefined;
  return {
    uri,
    operationName: typeof operationName === 'string' ? operationName : undefined,
    line: typeof line === 'number' ? line : undefined,
  };
}

/** `pipefy.runRequest`'s arguments that run the same operation again as `accountId`, past a 429 hold with `sendAnyway`. */
export function runAgainArgs(uri: string, operation: { readonly name?: string; readonly line: number }, accountId: string, options: { readonly sendAnyway?: boolean } = {}) {
  return { uri, ...(operation.name ? { operationName: operation.name } : { line: operation.line }), accountId, ...(options.sendAnyway && { sendAnyway: true }) };
}
