import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import { GraphQLRequestError, GraphQLRunner, type GraphQLResponse } from '../../core/graphql/graphqlRunner';
import { allowedOriginsFor } from '../../core/graphql/originAllowlist';
import { findEndpointDirective } from '../../core/requests/endpointDirective';
import { describeOperation } from '../../core/requests/operationSelection';
import { RequestBodyError, buildRequestBody } from '../../core/requests/requestBody';
import { type RequestDocument, type RequestOperation, describeProblem } from '../../core/requests/requestDocument';
import { type HistoryEntry, endpointForHistory } from '../../core/requests/requestHistory';
import { responseDocumentContent } from '../../core/requests/responseDocument';
import { describeGraphQLError, isCleanResponse, summariseResponse } from '../../core/requests/responseSummary';
import { CommandCancelled } from '../commands/commandArgs';
import { CommandFailure, type CommandDeps } from '../commands/commandRunner';
import { readSettings } from '../settings';
import type { RequestHistoryStore } from './requestHistoryStore';
import type { ResponseDocuments } from './responseDocuments';
import type { VariablesReader } from './variablesReader';

export interface RequestRunDeps extends CommandDeps {
  readonly history: RequestHistoryStore;
  readonly responses: ResponseDocuments;
  readonly variables: VariablesReader;
}

/**
 * What Run GraphQL Request hands back to a caller: how the run went, never the body or the token.
 * `errors` are the GraphQL errors[] with Pipefy's code and correlation id.
 */
export interface RunSummary {
  readonly status: number;
  readonly durationMs: number;
  readonly sizeBytes: number;
  readonly errors: ReadonlyArray<{ readonly message: string; readonly code?: string; readonly correlationId?: string }>;
  readonly responseUri: string;
  /** The line the notification shows, e.g. `200 OK · 123 ms · 2 KB`. */
  readonly summary: string;
  readonly operationName?: string;
  readonly account: string;
  /** The first attempt got a 401; a new token was fetched and the request sent once more. */
  readonly retriedAfter401: boolean;
  /** The view shows only the first part of a very large body. */
  readonly truncated: boolean;
}

export interface RunPlan {
  readonly document: vscode.TextDocument;
  readonly request: RequestDocument;
  readonly operation: RequestOperation;
  readonly account: AccountMetadata;
}

/**
 * Sends one operation with the account's token through the core runner, which attaches the token
 * only to allowed origins, renews it when needed and retries once after a 401. Then shows the
 * response beside the request, says how it went, and records the run in the history.
 */
export async function executeRun(deps: RequestRunDeps, plan: RunPlan): Promise<RunSummary> {
  const { document, request, operation, account } = plan;
  const operationLabel = operation.name ?? describeOperation(operation);
  const fileName = vscode.workspace.asRelativePath(document.uri, false);

  const directive = findEndpointDirective(request.text);
  if (directive && !directive.ok) throw new CommandFailure(`${fileName}: ${describeProblem(directive.problem)}`);
  const endpoint = directive?.url ?? account.graphqlEndpoint;
  const { variables } = await deps.variables.read(document.uri);
  let body;
  try {
    body = buildRequestBody(request, operation, variables);
  } catch (error) {
    if (error instanceof RequestBodyError) throw new CommandFailure(`${fileName}: ${error.message}`);
    throw error;
  }

  const settings = readSettings();
  const runner = new GraphQLRunner({
    tokens: deps.tokens.sourceFor(account),
    allowedOrigins: allowedOriginsFor(account.graphqlEndpoint, settings.allowedApiOrigins),
    timeoutMs: settings.graphqlTimeoutMs,
  });
  const startedAt = Date.now();
  // The history is a convenience: failing to write it must not fail the run.
  const record = (fields: Pick<HistoryEntry, 'outcome'> & Partial<HistoryEntry>) =>
    deps.history
      .add({
        at: startedAt,
        accountLabel: account.label,
        endpoint,
        operationName: operationLabel,
        requestUri: document.isUntitled ? undefined : document.uri.toString(),
        errorCount: 0,
        errors: [],
        ...fields,
      })
      .catch((error: unknown) => deps.log.error('The run could not be added to the request history', error));

  deps.log.info(`Running ${describeOperation(operation)} from ${fileName} as "${account.label}" against ${endpointForHistory(endpoint)}.`);
  let response: GraphQLResponse;
  try {
    response = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Pipefy: running ${operationLabel} as "${account.label}"…`, cancellable: true },
      (_progress, cancellation) => {
        const abort = new AbortController();
        cancellation.onCancellationRequested(() => abort.abort());
        return runner.run({ endpoint, ...body, signal: abort.signal });
      },
    );
  } catch (error) {
    // Refused: the token did not go where it was asked to (not an allowed origin, or a redirect to another origin).
    const refused = error instanceof GraphQLRequestError && (error.code === 'origin_not_allowed' || error.code === 'redirect_cross_origin');
    const message = error instanceof Error ? error.message : String(error);
    await record({ outcome: refused ? 'refused' : 'failed', message });
    if (error instanceof GraphQLRequestError) {
      if (error.code === 'cancelled') {
        deps.log.info(`${operationLabel}: cancelled.`);
        throw new CommandCancelled();
      }
      throw new CommandFailure(`${operationLabel} ${error.code === 'origin_not_allowed' ? 'was not sent' : 'failed'}: ${error.message} ${error.hint}`);
    }
    // Token failures (TokenRequestError) are explained by the shared command error handling.
    throw error;
  }

  // Error messages come from the server; a token echoed in one must not reach a notification.
  const redact = (text: string) => deps.log.redactor.redact(text);
  const errors = response.errors.map(({ message, code, correlationId }) => ({ message: redact(message), code, correlationId }));
  const content = responseDocumentContent(response.bodyText, response.json !== undefined);
  const summary = summariseResponse({ ...response, errors });
  const clean = isCleanResponse(response);
  const responseUri = await deps.responses.show(`Response · ${operationLabel}`, content, {
    summary: summariseResponse({ ...response, errors: [] }),
    clean,
    errors: errors.map(describeGraphQLError),
    truncation: content.truncation?.message,
  });
  await record({
    responseUri: responseUri.toString(),
    outcome: response.errors.length ? 'graphql_errors' : clean ? 'ok' : 'http_error',
    status: response.status,
    durationMs: response.durationMs,
    sizeBytes: response.sizeBytes,
    errorCount: errors.length,
    errors,
    message: response.problem?.message,
  });

  const retried = response.retriedAfter401 ? ' The token had been refused (401), so a new one was fetched and the request sent again.' : '';
  deps.log.info(`${operationLabel}: ${summary}.${retried}`);
  const notice = `Pipefy: ${operationLabel} · ${summary}${content.truncation ? ` · ${content.truncation.message}` : ''}`;
  void (clean ? vscode.window.showInformationMessage(notice) : vscode.window.showWarningMessage(notice));

  return {
    status: response.status,
    durationMs: response.durationMs,
    sizeBytes: response.sizeBytes,
    errors,
    responseUri: responseUri.toString(),
    summary,
    operationName: operation.name,
    account: account.label,
    retriedAfter401: response.retriedAfter401,
    truncated: content.truncation !== undefined,
  };
}
