import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import type { GraphQLResponse } from '../../core/graphql/graphqlRunner';
import { describeLockout } from '../../core/graphql/lockoutView';
import { ACCOUNT_EMAIL_OPERATION, type AccountEmailLookup, lookUpAccountEmail } from '../../core/graphql/accountEmail';
import type { AccountEmails } from '../../core/requests/accountEmails';
import { adviceNeedsAccountEmail, adviseOnErrors, meEmailIn } from '../../core/requests/errorAdvice';
import { describeOperation } from '../../core/requests/operationSelection';
import type { RequestDocument, RequestOperation } from '../../core/requests/requestDocument';
import { type HistoryEntry, endpointForHistory } from '../../core/requests/requestHistory';
import { responseDocumentContent } from '../../core/requests/responseDocument';
import { describeGraphQLError, summariseResponse } from '../../core/requests/responseSummary';
import { planRun } from '../../core/requests/runPlan';
import { fileNameOf } from '../../core/requests/variablesFile';
import { type RunNotice, type RunRecord, reportAnsweredRun, reportUnansweredRun } from '../../core/requests/runReport';
import { StageClock, describeRunStages } from '../../core/requests/runStages';
import { CommandCancelled } from '../../core/commands/commandArgs';
import { CommandFailure, type CommandDeps } from '../commands/commandRunner';
import { withDelayedProgress } from '../delayedProgress';
import { accountRunner } from '../tokens/accountRunner';
import { ADD_TO_PIPE_COMMAND } from '../serviceAccounts/serviceAccountCommands';
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

/** The buttons of a run's notification, by what they do. */
const NOTICE_BUTTONS: Readonly<Record<RunNotice['actions'][number], string>> = {
  addToPipe: 'Add to Pipe',
  writeInvite: 'Write inviteMembers Request',
  openVariables: 'Open Variables',
  showResponse: 'Show Response',
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
 * response beside the request, says how it went, and records the run in the history. What to send
 * and what to say are decided in core (planRun, reportAnsweredRun); this asks VS Code and shows.
 */
export async function executeRun(deps: RequestRunDeps, plan: RunPlan): Promise<RunSummary> {
  const { document, operation, account } = plan;
  const fileName = vscode.workspace.asRelativePath(document.uri, false);
  const { operationLabel, endpoint, body, variablesUri } = await prepareRun(deps.variables, plan, fileName);

  const runner = accountRunner(deps, account);
  const startedAt = Date.now();
  const record = (fields: RunRecord & Pick<Partial<HistoryEntry>, 'responseUri'>) =>
    recordRun(deps, { startedAt, account, endpoint, operationLabel, document }, fields);

  deps.log.info(`Running ${describeOperation(operation)} from ${fileName} as "${account.label}" against ${endpointForHistory(endpoint)}.`);
  let response: GraphQLResponse;
  const stages = new StageClock();
  try {
    response = await withDelayedProgress(`Pipefy: running ${operationLabel} as "${account.label}"…`, (signal) =>
      runner.run({ endpoint, ...body, signal, sendAnyway: plan.sendAnyway }),
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
    const again = { uri: document.uri.toString(), ...(operation.name ? { operationName: operation.name } : { line: operation.line }), accountId: account.id, sendAnyway: true };
    throw new CommandFailure(report.message, report.sendAnyway ? [{ title: 'Send Anyway', command: 'pipefy.runRequest', arguments: [again] }] : []);
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
  const responseUri = await deps.responses.show(
    `Response · ${operationLabel}`,
    content,
    {
      summary: summariseResponse({ ...response, errors: [] }),
      clean: report.clean,
      errors: errors.map(describeGraphQLError),
      advice: advice.map((item) => item.text),
      truncation: content.truncation?.message,
      lockout,
    },
    stages,
  );
  await record({ ...report.record, responseUri: responseUri.toString() });

  for (const line of report.log) deps.log[line.level](line.text);
  showNotice(deps, report.notice, { account, document, responseUri, variablesUri });
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

/** Shows the run's notice without making the run wait for a click; each button does what it says. */
function showNotice(deps: RequestRunDeps, notice: RunNotice, run: { account: AccountMetadata; document: vscode.TextDocument; responseUri: vscode.Uri; variablesUri?: vscode.Uri }): void {
  const buttons = notice.actions.map((action) => NOTICE_BUTTONS[action]);
  const shown = notice.level === 'information' ? vscode.window.showInformationMessage(notice.text, ...buttons) : vscode.window.showWarningMessage(notice.text, ...buttons);
  void shown.then(async (choice) => {
    const action = notice.actions.find((candidate) => NOTICE_BUTTONS[candidate] === choice);
    try {
      if (action === 'addToPipe' && notice.invite?.pipeId) {
        // The command asks which admin acts and reports its own outcome, failures included.
        const args = { accountId: run.account.id, pipeId: notice.invite.pipeId, ...(notice.invite.email ? { email: notice.invite.email } : {}) };
        await vscode.commands.executeCommand(ADD_TO_PIPE_COMMAND, args).then(undefined, () => undefined);
      } else if (action === 'writeInvite' && notice.invite) await writeInviteRequest(deps, run.document, notice.invite);
      else if (action === 'openVariables' && run.variablesUri) await openVariables(run.variablesUri);
      else if (action === 'showResponse') await vscode.window.showTextDocument(run.responseUri, { viewColumn: columnShowing(run.responseUri), preview: true });
    } catch (error) {
      const what = action === 'writeInvite' ? 'the inviteMembers request could not be written' : `${choice ?? 'the action'} failed`;
      deps.log.error(`The run's notification: ${what}`, error);
      void vscode.window.showErrorMessage(`Pipefy: ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** Opens the variables file beside the request (where it is open already), with `select` (a placeholder to replace) selected when given. */
/** Who ran what, where and when: the part of a history entry every kind of run shares. */
export interface RunOrigin {
  readonly startedAt: number;
  readonly account: AccountMetadata;
  readonly endpoint: string;
  readonly operationLabel: string;
  readonly document: vscode.TextDocument;
}

/** Adds a run to the history. The history is a convenience: failing to write it must not fail the run. */
export function recordRun(
  deps: Pick<RequestRunDeps, 'history' | 'log'>,
  origin: RunOrigin,
  fields: Pick<HistoryEntry, 'outcome'> & Partial<HistoryEntry>,
): Promise<void> {
  return deps.history
    .add({
      at: origin.startedAt,
      accountLabel: origin.account.label,
      endpoint: origin.endpoint,
      operationName: origin.operationLabel,
      requestUri: origin.document.isUntitled ? undefined : origin.document.uri.toString(),
      errorCount: 0,
      errors: [],
      ...fields,
    })
    .catch((error: unknown) => deps.log.error('The run could not be added to the request history', error));
}

/**
 * What a run of `plan` sends: its endpoint and body as core plans them from the request and its
 * variables file. When nothing can be sent, says why; a template placeholder left is shown
 * selected in the variables file, where it is fixed.
 */
export async function prepareRun(variablesReader: VariablesReader, plan: Pick<RunPlan, 'document' | 'request' | 'operation' | 'account'>, fileName: string) {
  const { variables, fileUri: variablesUri } = await variablesReader.read(plan.document.uri);
  const planned = planRun({
    request: plan.request,
    operation: plan.operation,
    fileName,
    accountEndpoint: plan.account.graphqlEndpoint,
    variables,
    variablesFileName: variablesUri && fileNameOf(variablesUri.path),
  });
  if (!planned.ok) {
    if (planned.placeholders && variablesUri) await openVariables(variablesUri, planned.placeholders[0].value);
    throw new CommandFailure(planned.message);
  }
  return { ...planned, variablesUri };
}

async function openVariables(uri: vscode.Uri, select?: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: columnShowing(uri), preview: false });
  const at = select === undefined ? -1 : editor.document.getText().indexOf(select);
  if (select === undefined || at < 0) return;
  const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + select.length));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range);
}

/** The editor group that has a tab for `uri`, so it is brought forward there; else the group beside the active one. */
function columnShowing(uri: vscode.Uri): vscode.ViewColumn {
  const wanted = uri.toString();
  const group = vscode.window.tabGroups.all.find((candidate) => candidate.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === wanted));
  return group?.viewColumn ?? vscode.ViewColumn.Beside;
}
