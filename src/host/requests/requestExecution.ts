import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import { GraphQLRequestError, OriginHeldError, type GraphQLResponse } from '../../core/graphql/graphqlRunner';
import { describeLockout } from '../../core/graphql/lockoutView';
import { ACCOUNT_EMAIL_OPERATION, type AccountEmailLookup, lookUpAccountEmail } from '../../core/graphql/accountEmail';
import { findEndpointDirective } from '../../core/requests/endpointDirective';
import { adviceNeedsAccountEmail, adviseOnErrors, meEmailIn } from '../../core/requests/errorAdvice';
import { describeOperation } from '../../core/requests/operationSelection';
import { RequestBodyError, buildRequestBody } from '../../core/requests/requestBody';
import { type RequestDocument, type RequestOperation, describeProblem } from '../../core/requests/requestDocument';
import { type HistoryEntry, endpointForHistory, outcomeOfAnswer } from '../../core/requests/requestHistory';
import { responseDocumentContent } from '../../core/requests/responseDocument';
import { describeGraphQLError, isCleanResponse, summariseResponse } from '../../core/requests/responseSummary';
import { StageClock, describeRunStages } from '../../core/requests/runStages';
import { CommandCancelled } from '../commands/commandArgs';
import { CommandFailure, type CommandDeps } from '../commands/commandRunner';
import { accountRunner } from '../tokens/accountRunner';
import type { AccountEmails } from './accountEmails';
import { writeInviteRequest } from './newRequestCommand';
import type { RequestHistoryStore } from './requestHistoryStore';
import type { ResponseDocuments } from './responseDocuments';
import type { VariablesReader } from './variablesReader';

export interface RequestRunDeps extends CommandDeps {
  readonly history: RequestHistoryStore;
  readonly responses: ResponseDocuments;
  readonly variables: VariablesReader;
  readonly accountEmails: AccountEmails;
}

const WRITE_INVITE_REQUEST = 'Write inviteMembers Request';

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
  /** How long the run waited for room in the rate-limit window before it was sent. */
  readonly pacedMs: number;
  /** After a 429: epoch ms until which requests to this origin are held. */
  readonly heldUntil?: number;
  /** What the errors most likely mean and what to do (PERMISSION_DENIED, createCard's required fields). */
  readonly advice: readonly string[];
}

export interface RunPlan {
  readonly document: vscode.TextDocument;
  readonly request: RequestDocument;
  readonly operation: RequestOperation;
  readonly account: AccountMetadata;
  /** Send even though the origin is held after a 429. */
  readonly sendAnyway?: boolean;
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

  const runner = accountRunner(deps, account);
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
  const stages = new StageClock();
  try {
    response = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Pipefy: running ${operationLabel} as "${account.label}"…`, cancellable: true },
      (_progress, cancellation) => {
        const abort = new AbortController();
        cancellation.onCancellationRequested(() => abort.abort());
        return runner.run({ endpoint, ...body, signal: abort.signal, sendAnyway: plan.sendAnyway });
      },
    );
  } catch (error) {
    // Refused: the token did not go where it was asked to (not an allowed origin, or a redirect to another origin).
    // Held by a rate-limit lockout: not sent either.
    const refused = error instanceof GraphQLRequestError && (error.code === 'origin_not_allowed' || error.code === 'redirect_cross_origin' || error.code === 'held');
    const message = error instanceof Error ? error.message : String(error);
    await record({ outcome: refused ? 'refused' : 'failed', message });
    if (error instanceof GraphQLRequestError) {
      if (error.code === 'cancelled') {
        deps.log.info(`${operationLabel}: cancelled.`);
        throw new CommandCancelled();
      }
      if (error instanceof OriginHeldError) {
        const again = { uri: document.uri.toString(), ...(operation.name ? { operationName: operation.name } : { line: operation.line }), accountId: account.id, sendAnyway: true };
        throw new CommandFailure(`${operationLabel} was not sent: ${error.message} ${error.hint}`, [{ title: 'Send Anyway', command: 'pipefy.runRequest', arguments: [again] }]);
      }
      throw new CommandFailure(`${operationLabel} ${error.code === 'origin_not_allowed' ? 'was not sent' : 'failed'}: ${error.message} ${error.hint}`);
    }
    // Token failures (TokenRequestError) are explained by the shared command error handling.
    throw error;
  }

  stages.end('errors', { stage: 'transfer', ms: response.durationMs });
  // Error messages come from the server; a token echoed in one must not reach a notification.
  const redact = (text: string) => deps.log.redactor.redact(text);
  const errors = response.errors.map(({ message, code, correlationId, path }) => ({ message: redact(message), code, correlationId, path }));
  const meEmail = endpoint === account.graphqlEndpoint ? meEmailIn(response.json) : undefined;
  if (meEmail) deps.accountEmails.remember(account, meEmail);
  let emailLookup: AccountEmailLookup | undefined;
  if (adviceNeedsAccountEmail(errors)) {
    emailLookup = await deps.accountEmails.emailOf(account, () => {
      deps.log.info(`Running query ${ACCOUNT_EMAIL_OPERATION} as "${account.label}" against ${endpointForHistory(account.graphqlEndpoint)}, to name the account in the advice on PERMISSION_DENIED.`);
      return lookUpAccountEmail(runner, account.graphqlEndpoint);
    });
  }
  const advice = adviseOnErrors(errors, body, {
    label: account.label,
    email: emailLookup && 'email' in emailLookup ? emailLookup.email : undefined,
    emailProblem: emailLookup && 'problem' in emailLookup ? redact(emailLookup.problem) : undefined,
  });
  const summary = summariseResponse({ ...response, errors });
  const clean = isCleanResponse({ ...response, errors });
  const lockout = response.lockout && describeLockout(response.lockout, Date.now());
  const content = responseDocumentContent(response.bodyText, response.json !== undefined);
  stages.end('layout');
  const responseUri = await deps.responses.show(
    `Response · ${operationLabel}`,
    content,
    {
      summary: summariseResponse({ ...response, errors: [] }),
      clean,
      errors: errors.map(describeGraphQLError),
      advice: advice.map((item) => item.text),
      truncation: content.truncation?.message,
      lockout,
    },
    stages,
  );
  await record({
    responseUri: responseUri.toString(),
    outcome: outcomeOfAnswer(response),
    status: response.status,
    durationMs: response.durationMs,
    sizeBytes: response.sizeBytes,
    errorCount: errors.length,
    errors,
    message: response.problem?.message,
  });

  const retried = response.retriedAfter401 ? ' The token had been refused (401), so a new one was fetched and the request sent again.' : '';
  deps.log.info(`${operationLabel}: ${summary}.${retried}`);
  if (response.pacedMs > 0) deps.log.info(`${operationLabel}: waited ${response.pacedMs} ms for room in the rate-limit window before it was sent.`);
  if (lockout) deps.log.warn(`${operationLabel}: ${lockout}`);
  const notice = [`Pipefy: ${operationLabel} · ${summary}`, content.truncation?.message, lockout, ...advice.map((item) => item.text)].filter(Boolean).join(' · ');
  const invite = advice.find((item) => item.invite)?.invite;
  if (clean) void vscode.window.showInformationMessage(notice);
  else if (!invite) void vscode.window.showWarningMessage(notice);
  else {
    void vscode.window.showWarningMessage(notice, WRITE_INVITE_REQUEST).then(async (choice) => {
      if (choice !== WRITE_INVITE_REQUEST) return;
      try {
        await writeInviteRequest(deps, document, invite);
      } catch (error) {
        deps.log.error('The inviteMembers request could not be written', error);
        void vscode.window.showErrorMessage(`Pipefy: the inviteMembers request could not be written: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
  stages.end('notification');
  deps.log.info(`${operationLabel}: ${describeRunStages(stages.result())}.`);

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
    pacedMs: response.pacedMs,
    heldUntil: response.lockout?.until,
    advice: advice.map((item) => item.text),
  };
}
