import type { GraphQLRequestBody } from './requestBody';
import { RequestBodyError, buildRequestBody } from './requestBody';
import { findEndpointDirective } from './endpointDirective';
import { describeOperation } from './operationSelection';
import { type RequestDocument, type RequestOperation, describeProblem } from './requestDocument';
import { type PlaceholderLeft, placeholdersIn } from './templatePlaceholders';

export interface RunPlanInput {
  readonly request: RequestDocument;
  readonly operation: RequestOperation;
  /** The request file as the user knows it, e.g. `requests/pipe.graphql`. */
  readonly fileName: string;
  /** The account's own GraphQL endpoint, used unless the file names another with `# @endpoint`. */
  readonly accountEndpoint: string;
  /** What the variables file beside the request holds ({} without one). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** That file's name, e.g. `pipe.variables.json`, when there is one. */
  readonly variablesFileName?: string;
}

export type PlannedRun =
  | { readonly ok: true; readonly operationLabel: string; readonly endpoint: string; readonly body: GraphQLRequestBody }
  | {
      readonly ok: false;
      readonly operationLabel: string;
      /** Why nothing is sent, and what to fix. */
      readonly message: string;
      /** Template placeholders left in the variables: the variables file is where to fix them. */
      readonly placeholders?: readonly PlaceholderLeft[];
    };

/**
 * What one run sends, or why it sends nothing: the endpoint (the file's `# @endpoint`, else the
 * account's), the body, and no template placeholder left in the variables it would send.
 */
export function planRun(input: RunPlanInput): PlannedRun {
  const { request, operation, fileName } = input;
  const operationLabel = operation.name ?? describeOperation(operation);
  const refuse = (message: string, placeholders?: readonly PlaceholderLeft[]): PlannedRun => ({ ok: false, operationLabel, message, placeholders });

  const directive = findEndpointDirective(request.text);
  if (directive && !directive.ok) return refuse(`${fileName}: ${describeProblem(directive.problem)}`);
  let body: GraphQLRequestBody;
  try {
    body = buildRequestBody(request, operation, input.variables);
  } catch (error) {
    if (error instanceof RequestBodyError) return refuse(`${fileName}: ${error.message}`);
    throw error;
  }
  const placeholders = placeholdersIn(body.variables);
  if (placeholders.length) return refuse(describePlaceholders(operationLabel, placeholders, input.variablesFileName), placeholders);
  return { ok: true, operationLabel, endpoint: directive?.url ?? input.accountEndpoint, body };
}

/** `Pipe was not sent: pipe.variables.json still has the template's placeholder in id (REPLACE_WITH_PIPE_ID). …` */
function describePlaceholders(operationLabel: string, placeholders: readonly PlaceholderLeft[], variablesFileName = 'the variables file'): string {
  const where = placeholders.map((placeholder) => `${placeholder.path} (${placeholder.value})`);
  const list = where.length === 1 ? where[0] : `${where.slice(0, -1).join(', ')} and ${where[where.length - 1]}`;
  const plural = placeholders.length === 1 ? '' : 's';
  return (
    `${operationLabel} was not sent: ${variablesFileName} still has the template's placeholder${plural} in ${list}. ` +
    `Replace ${placeholders.length === 1 ? 'it with a real value' : 'them with real values'}, then run again.`
  );
}
