import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import type { GraphQLResponse } from '../../core/graphql/graphqlRunner';
import { describeLockout } from '../../core/graphql/lockoutView';
import { ACCOUNT_EMAIL_OPERATION, lookUpAccountEmail } from '../../core/graphql/accountEmail';
import type { AccountEmails } from '../../core/requests/accountEmails';
import { adviseOnErrors } from '../../core/requests/errorAdvice';
import { describeOperation } from '../../core/requests/operationSelection';
import type { RequestOperation } from '../../core/requests/requestDocument';
import type { KeptResponse } from '../../core/requests/keptResponses';
import { type HistoryEntry, endpointForHistory } from '../../core/requests/requestHistory';
import { responseDocumentContent } from '../../core/requests/responseDocument';
import { describeGraphQLError, summariseResponse } from '../../core/requests/responseSummary';
import { runAgainArgs } from '../../core/requests/runTarget';
import { type RunNotice, type RunRecord, reportAnsweredRun, reportUnansweredRun } from '../../core/requests/runReport';
import { StageClock, describeRunStages } from '../../core/requests/runStages';
import { CommandCancelled } from '../../core/commands/commandArgs';
import { CommandFailure, type CommandDeps } from '../commands/commandRunner';
import { failureNotices } from '../failureNotices';
import { withDelayedProgress } from '../delayedProgress';
import { accountRunner } from '../tokens/accountRunner';
import { ADD_TO_PIPE_COMMAND } from '../serviceAccounts/serviceAccountCommands';
import { writeInviteRequest } from './newRequestCommand';
import type { RequestHistoryStore } from './requestHistoryStore';
import type { ResponseDocuments } from './responseDocuments';
import { columnShowing, openVariables, prepareRun, recordRun, type RunSelection } from './runSetup';
import type { VariablesReader } from './variablesReader';

export interface RequestRunDeps extends CommandDeps {
  readonly history: RequestHistoryStore;
  readonly responses: ResponseDocuments;
  readonly variables: VariablesReader;
  readonly accountEmails: AccountEmails;
}

/** The buttons of a run's notification, by what they do. */
const NOTICE_BUTTONS: Readonly<Record<RunNotice['actions'][number], string>> = {
  addToPipe: 'Add to Pipe',
  writeInvite: 'Write inviteMembers Request',
  openVariables: 'Open Variables',
  showResponse: 'Show Response',
  runAsAnother: 'Run as…',
};

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
  /** The first attempt got a 401; the request was sent once more with a newer token (fetched, or already held). */
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

/**
 * Sends one operation with the account's token through the core runner, which attaches the token
 * only to allowed origins, renews it when needed and retries once after a 401. Then shows the
 * response beside the request, says how it went, and records the run in the history. What to send
 * and what to say are decided in core (planRun, reportAnsweredRun); this asks VS Code and shows.
 */
export async function executeRun(deps: RequestRunDeps, selection: RunSelection): Promise<RunSummary> {
  const { document, operation, account } = selection;
  const fileName = vscode.workspace.asRelativePath(document.uri, false);
  const { operationLabel, endpoint, body, variablesUri } = await prepareRun(deps.variables, selection, fileName);

  const runner = accountRunner(deps, account);
  const startedAt = Date.now();
  const record = (fields: RunRecord & Pick<Partial<HistoryEntry>, 'responseUri'>, response?: KeptResponse) =>
    recordRun(deps, { startedAt, account, endpoint, operationLabel, document }, fields, response);

  deps.log.info(`Running ${describeOperation(operation)} from ${fileName} as "${account.label}" against ${endpointForHistory(endpoint)}.`);
  let response: GraphQLResponse;
  const stages = new StageClock();
  try {
    response = await withDelayedProgress(`Pipefy: running ${operationLabel} as "${account.label}"…`, (signal) =>
      runner.run({ endpoint, ...body, signal, sendAnyway: selection.sendAnyway }),
    );
  } catch (error) {
    const report = reportUnansweredRun(operationLabel, error);
    await record(report.record);
    if (report.kind === 'cancelled') {
      deps.log.info(`${operationLabel}: cancelled.`);
      throw new CommandCancelled();
    }
    // Token failures (TokenRequestError) are explained by the shared command error handling.
    if (report.kind === 'other') throw error;
    const again = runAgainArgs(document.uri.toString(), operation, account.id, { sendAnyway: true });
    throw new CommandFailure(report.message, report.sendAnyway ? [{ title: 'Send Anyway', command: 'pipefy.runRequest', arguments: [again] }] : []);
  }

  stages.end('errors', { stage: 'transfer', ms: response.durationMs });
  // Error messages come from the server; a token echoed in one must not reach a notification.
  const redact = (text: string) => deps.log.redactor.redact(text);
  const errors = response.errors.map(({ message, code, correlationId, path }) => ({ message: redact(message), code, correlationId, path }));
  const emailLookup = await deps.accountEmails.forAdvice(account, { endpoint, json: response.json, errors }, () => {
    deps.log.info(`Running query ${ACCOUNT_EMAIL_OPERATION} as "${account.label}" against ${endpointForHistory(account.graphqlEndpoint)}, to name the account in the advice on PERMISSION_DENIED.`);
    return lookUpAccountEmail(runner, account.graphqlEndpoint);
  });
  const advice = adviseOnErrors(errors, body, {
    label: account.label,
    email: emailLookup && 'email' in emailLookup ? emailLookup.email : undefined,
    emailProblem: emailLookup && 'problem' in emailLookup ? redact(emailLookup.problem) : undefined,
  });
  const lockout = response.lockout && describeLockout(response.lockout, Date.now());
  const content = responseDocumentContent(response.bodyText, response.json !== undefined);
  stages.end('layout');
  const report = reportAnsweredRun({
    operationLabel,
    response: { ...response, errors },
    advice,
    lockout,
    truncation: content.truncation?.message,
    variables: body.variables,
    hasVariablesFile: variablesUri !== undefined,
  });
  const shown = {
    title: `Response · ${operationLabel}`,
    content,
    headline: {
      summary: summariseResponse({ ...response, errors: [] }),
      clean: report.clean,
      errors: errors.map(describeGraphQLError),
      advice: advice.map((item) => item.text),
      truncation: content.truncation?.message,
      lockout,
    },
  };
  const responseUri = await deps.responses.show(shown, stages);
  await record({ ...report.record, responseUri: responseUri.toString() }, shown);

  for (const line of report.log) deps.log[line.level](line.text);
  await showNotice(deps, report.notice, { account, document, operation, responseUri, variablesUri });
  stages.end('notification');
  deps.log.info(`${operationLabel}: ${describeRunStages(stages.result())}.`);

  return {
    status: response.status,
    durationMs: response.durationMs,
    sizeBytes: response.sizeBytes,
    errors,
    responseUri: responseUri.toString(),
    summary: report.summary,
    operationName: operation.name,
    account: account.label,
    retriedAfter401: response.retriedAfter401,
    truncated: content.truncation !== undefined,
    pacedMs: response.pacedMs,
    heldUntil: response.lockout?.until,
    advice: advice.map((item) => item.text),
  };
}

/**
 * Runs the same operation once as another saved account (a pipe's admin, after a refusal that
 * says so), which does not become the active one: no switching there and back.
 */
async function runAsAnother(deps: RequestRunDeps, run: ShownRun): Promise<void> {
  const others = deps.accounts.list().filter((account) => account.id !== run.account.id);
  if (!others.length) {
    void vscode.window.showInformationMessage('Pipefy: add the service account that may run it first (Pipefy: Add Service Account), then choose Run as… again.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    others.map((account) => ({ label: account.label, detail: account.description, account })),
    { placeHolder: `Run ${run.operation.name ?? 'the operation'} once as which service account? The active account stays "${run.account.label}".` },
  );
  if (!picked) return;
  // pipefy.runRequest reports its own outcome, failures included.
  await vscode.commands.executeCommand('pipefy.runRequest', runAgainArgs(run.document.uri.toString(), run.operation, picked.account.id)).then(undefined, () => undefined);
}

/** The run a notice is about, for its buttons. */
interface ShownRun {
  readonly account: AccountMetadata;
  readonly document: vscode.TextDocument;
  readonly operation: RequestOperation;
  readonly responseUri: vscode.Uri;
  readonly variablesUri?: vscode.Uri;
}

/**
 * Shows the run's notice without making the run wait for a click; each button does what it says.
 * A success first hides a failure's notice about the same file that is still up.
 */
async function showNotice(deps: RequestRunDeps, notice: RunNotice, run: ShownRun): Promise<void> {
  const buttons = notice.actions.map((action) => NOTICE_BUTTONS[action]);
  const file = run.document.uri.toString();
  if (notice.level === 'information') await failureNotices.succeeded(file);
  const shown = notice.level === 'information' ? vscode.window.showInformationMessage(notice.text, ...buttons) : vscode.window.showWarningMessage(notice.text, ...buttons);
  if (notice.level === 'warning') failureNotices.shown(file, shown);
  void shown.then(async (choice) => {
    const action = notice.actions.find((candidate) => NOTICE_BUTTONS[candidate] === choice);
    try {
      if (action === 'addToPipe' && notice.invite?.pipeId) {
        // The command asks which admin acts and reports its own outcome, failures included.
        const args = { accountId: run.account.id, pipeId: notice.invite.pipeId, ...(notice.invite.email ? { email: notice.invite.email } : {}) };
        await vscode.commands.executeCommand(ADD_TO_PIPE_COMMAND, args).then(undefined, () => undefined);
      } else if (action === 'runAsAnother') await runAsAnother(deps, run);
      else if (action === 'writeInvite' && notice.invite) await writeInviteRequest(deps, run.document, notice.invite);
      else if (action === 'openVariables' && run.variablesUri) await openVariables(run.variablesUri);
      else if (action === 'showResponse') await vscode.window.showTextDocument(run.responseUri, { viewColumn: columnShowing(run.responseUri), preview: true });
    } catch (error) {
      const what = action === 'writeInvite' ? 'the inviteMembers request could not be written' : `${choice ?? 'the action'} failed`;
      deps.log.error(`The run's notification: ${what}`, error);
      void vscode.window.showErrorMessage(`Pipefy: ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

