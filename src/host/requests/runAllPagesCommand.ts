import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import { describeHeld } from '../../core/graphql/lockoutView';
import { type AllPagesResult, type EarlierPart, type PageSender, runAllPages } from '../../core/requests/allPages';
import { continuationNote, operationKey, partNotHeld, pointAfterRun, pointWhileRunning, resumeArgs, resumeTitle, runIdentity } from '../../core/requests/allPagesResume';
import type { Pagination } from '../../core/requests/pagination';
import type { RequestOperation } from '../../core/requests/requestDocument';
import type { GraphQLRequestBody } from '../../core/requests/requestBody';
import { describeNotPaginated, describeProgress } from '../../core/requests/allPagesView';
import { reportAllPages } from '../../core/requests/allPagesReport';
import type { AllPagesRecord, AllPagesResults } from '../../core/requests/allPagesResults';
import { CollectedItems, allPagesDocumentText } from '../../core/requests/collectedItems';
import { describeOperation } from '../../core/requests/operationSelection';
import { endpointForHistory } from '../../core/requests/requestHistory';
import { responseDocumentContent } from '../../core/requests/responseDocument';
import { type CommandArgs, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { CommandFailure, type CommandDeps } from '../commands/commandRunner';
import { ACCOUNT_SELECTOR_KEYS, resolveAccount } from '../commands/resolveAccount';
import { readSettings } from '../settings';
import type { ParsedRequests } from './parsedRequests';
import { prepareRun, recordRun } from './runSetup';
import type { RequestHistoryStore } from './requestHistoryStore';
import type { ResumePointStore } from './resumePointStore';
import type { ResponseDocuments } from './responseDocuments';
import { operationToRun } from './runRequestCommand';
import type { VariablesReader } from './variablesReader';

export const RUN_ALL_PAGES_COMMAND = 'pipefy.runAllPages';
export const MAX_ITEMS_SETTING = 'pipefy.runAllPages.maxItems';
export const RESUME_ALL_PAGES_COMMAND = 'pipefy.resumeRunAllPages';
/** The internal command a result's `Resume` lens runs: failures are shown once, not passed back to the lens. */
export const RESUME_ALL_PAGES_OPERATION_COMMAND = 'pipefy.resumeRunAllPagesOperation';
const RUN_ALL_PAGES_KEYS = ['uri', 'operationName', 'line', ...ACCOUNT_SELECTOR_KEYS];

export interface AllPagesDeps extends CommandDeps {
  readonly parsed: ParsedRequests;
  readonly history: RequestHistoryStore;
  readonly responses: ResponseDocuments;
  readonly variables: VariablesReader;
  readonly results: AllPagesResults;
  readonly resumePoints: ResumePointStore;
  /** The runner of an account: the product's, through the shared rate-limit gate. */
  readonly runner: (account: AccountMetadata) => PageSender;
}

/** What the command hands back to a caller (a test, a script): how the run went, never the items or the token. */
export interface AllPagesSummary {
  readonly end: AllPagesResult['end'];
  readonly pages: number;
  readonly items: number;
  readonly durationMs: number;
  readonly failedPage?: number;
  readonly message: string;
  readonly responseUri: string;
  /** Whether Resume Run All Pages can go on from where this run stopped. */
  readonly resumable: boolean;
}

/**
 * Run All Pages: the paginated query under the cursor (or named by `operationName`/`line` in a
 * file given by `uri`), page after page through the same runner and rate-limit gate as a single
 * run, with the progress in a cancellable notification. The items are shown as one JSON
 * document, kept for Export, and the run is one history entry.
 */
export async function runAllPagesCommand(deps: AllPagesDeps, args: CommandArgs | undefined): Promise<AllPagesSummary> {
  if (args) rejectUnknownKeys(args, RUN_ALL_PAGES_KEYS);
  const { document, request, fileName, operation } = await operationToRun(deps.parsed, args);
  const operationLabel = operation.name ?? describeOperation(operation);
  const pagination = operation.pagination;
  if (!pagination) throw new CommandFailure(describeNotPaginated(operationLabel));
  const account = await resolveAccount(deps.accounts, args, { ask: 'whenNoActive', placeHolder: 'Which service account runs the request?' });
  const { endpoint, body } = await prepareRun(deps.variables, { document, request, operation, account }, fileName);
  return executeAllPages(deps, { document, fileName, operation, operationLabel, pagination, account, endpoint, body, runId: newRunId() });
}

/** One run of Run All Pages, or the next part of one: what is sent, and what the part before took. */
export interface AllPagesJob {
  readonly document: vscode.TextDocument;
  readonly fileName: string;
  readonly operation: RequestOperation;
  readonly operationLabel: string;
  readonly pagination: Pagination;
  readonly account: AccountMetadata;
  readonly endpoint: string;
  /** The first page's body: on a resume, its cursor (or page) variable is where the run goes on from. */
  readonly body: GraphQLRequestBody;
  readonly runId: string;
  readonly resume?: {
    readonly continues: EarlierPart;
    /** The items of the parts before, when this window still holds them: the resume appends to them. */
    readonly held?: AllPagesRecord;
  };
  readonly sendAnyway?: boolean;
  /** A resume after a 429 waits for the hold to end instead of failing its first page. */
  readonly waitOutHold?: boolean;
}

/** A random id for a new run; its resumes keep it. */
export function newRunId(): string {
  return randomUUID();
}

/**
 * Runs the pages of `job` in a cancellable notification, keeping after each page the point to
 * resume from should the window close; then shows the items as one JSON document, keeps them for
 * Export, records the run in the history and says how it ended, with Resume when it can go on.
 */
export async function executeAllPages(deps: AllPagesDeps, job: AllPagesJob): Promise<AllPagesSummary> {
  const { document, operation, operationLabel, account, endpoint, body, pagination } = job;
  const maxItems = readSettings().runAllPagesMaxItems;
  const collected = job.resume?.held?.items ?? new CollectedItems();
  // Items of the parts before a window reload are gone: this document says so, and the counts include them.
  const notHeld = job.resume && partNotHeld(job.resume.continues, job.resume.held);
  const identity = runIdentity({
    runId: job.runId,
    operationLabel,
    requestUri: document.uri.toString(),
    operationName: operation.name,
    line: operation.line,
    accountId: account.id,
    accountLabel: account.label,
    endpoint,
    queryText: body.query,
    variables: body.variables,
  });
  const startedAt = Date.now();
  const from = job.resume ? ` from page ${job.resume.continues.pages + 1}` : '';
  deps.log.info(`Running all pages of ${describeOperation(operation)} from ${job.fileName}${from} as "${account.label}" against ${endpointForHistory(endpoint)}, up to ${maxItems} items.`);

  deps.resumePoints.running.add(job.runId);
  let result: AllPagesResult;
  try {
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Pipefy: all pages of ${operationLabel}`, cancellable: true }, (progress, cancellation) => {
      progress.report({ message: `page ${(job.resume?.continues.pages ?? 0) + 1}…` });
      const cancel = new AbortController();
      const subscription = cancellation.onCancellationRequested(() => cancel.abort());
      return runAllPages(deps.runner(account), {
        endpoint,
        body,
        pagination,
        maxItems,
        onItems: (items) => collected.add(items),
        onPage: (state) => {
          progress.report({ message: describeProgress(state, maxItems) });
          // Kept as the run goes, so a window closed or reloaded mid-run can go on from here.
          const point = pointWhileRunning(identity, state, state.elapsedMs, Date.now());
          if (point) void deps.resumePoints.save(point);
        },
        signal: cancel.signal,
        continues: job.resume?.continues,
        sendAnyway: job.sendAnyway,
        waitOutHold: job.waitOutHold ? { onHeld: (lockout) => progress.report({ message: `waiting for the hold to end: ${describeHeld(lockout, Date.now())}` }) } : undefined,
      }).finally(() => subscription.dispose());
    });
  } finally {
    deps.resumePoints.running.delete(job.runId);
  }

  // Error messages come from the server; a token echoed in one must not reach a notification.
  const report = reportAllPages(result, maxItems, MAX_ITEMS_SETTING, (text) => deps.log.redactor.redact(text));
  const { message } = report;
  const point = pointAfterRun(identity, result, message, Date.now());
  await (point ? deps.resumePoints.save(point) : deps.resumePoints.drop(operationKey(identity)));
  const resume = point && resumeArgs(point);
  const continues = notHeld && continuationNote(notHeld);

  const text = allPagesDocumentText(
    { operation: operationLabel, end: result.end, pages: result.pages, items: result.items, durationMs: result.durationMs, message, continues },
    collected.jsonTexts(),
  );
  const content = responseDocumentContent(text, true);
  const shown = {
    title: `All pages · ${operationLabel}`,
    content,
    headline: {
      summary: message,
      clean: result.end === 'complete',
      errors: [],
      truncation: content.truncation?.message,
      note: continues,
      actions: point ? [{ title: `$(debug-continue) ${resumeTitle(point)}`, command: RESUME_ALL_PAGES_OPERATION_COMMAND, arguments: [resumeArgs(point)] }] : [],
    },
  };
  const responseUri = (await deps.responses.show(shown)).toString();
  deps.results.add({ operationLabel, responseUri, items: collected, requestUri: document.uri.toString(), runId: job.runId, notHeld });

  await recordRun(deps, { startedAt, account, endpoint, operationLabel, document }, { responseUri, ...report.record }, shown);

  deps.log.info(`${operationLabel}: ${message}.`);
  const notice = `Pipefy: ${operationLabel} · ${message}`;
  const buttons: Array<{ title: string; run: () => Thenable<unknown> }> = [
    ...(resume ? [{ title: 'Resume', run: () => vscode.commands.executeCommand(RESUME_ALL_PAGES_OPERATION_COMMAND, resume) }] : []),
    ...report.notice.exports.map((format) => ({ title: `Export ${format.toUpperCase()}…`, run: () => vscode.commands.executeCommand(`pipefy.exportAllPages.${format}`) })),
  ];
  const show = report.notice.level === 'information' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(notice, ...buttons).then((choice) => {
    // The commands have shown any failure already; passing it on would make VS Code show it twice.
    if (choice) void choice.run().then(undefined, () => undefined);
  });

  return {
    end: result.end,
    pages: result.pages,
    items: result.items,
    durationMs: result.durationMs,
    failedPage: result.failure?.page,
    message,
    responseUri,
    resumable: point !== undefined,
  };
}
