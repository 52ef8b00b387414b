import { type DocumentProblem, type RequestDocument, type RequestOperation, describeProblem } from './requestDocument';

/** What goes out as the JSON body of `POST /graphql`, the shape Pipefy's API takes. */
export interface GraphQLRequestBody {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
}

/** The operation cannot be sent as the file stands; the message names the place to fix. */
export class RequestBodyError extends Error {
  override readonly name = 'RequestBodyError';
  constructor(readonly problems: readonly DocumentProblem[]) {
    super(problems.map(describeProblem).join(' '));
  }
}

/**
 * The body for one operation of a file: its own text exactly as written, followed by the
 * fragments it uses (transitively), in file order. Other operations stay out, so a file may hold
 * several anonymous operations, and the server never sees a fragment it would call unused.
 *
 * Only the variables the operation declares are sent: one variables file serves every operation
 * of its request file.
 */
export function buildRequestBody(
  document: RequestDocument,
  operation: RequestOperation,
  variables: Readonly<Record<string, unknown>> = {},
): GraphQLRequestBody {
  const problems = [...document.problems, ...operation.problems];
  if (problems.length) throw new RequestBodyError(problems);
  const parts = [operation, ...operation.fragmentNames.map((name) => document.fragments.get(name))].map((definition) =>
    definition ? document.text.slice(definition.span.start, definition.span.end) : '',
  );
  const declared: Record<string, unknown> = {};
  for (const name of operation.variableNames) {
    if (Object.prototype.hasOwnProperty.call(variables, name)) declared[name] = variables[name];
  }
  return { query: parts.join('\n\n'), variables: declared, operationName: operation.name };
}
