import * as vscode from 'vscode';
import { type AllPagesResult, runAllPages } from '../../core/requests/allPages';
import { describeNotPaginated, describeProgress } from '../../core/requests/allPagesView';
import { reportAllPages } from '../../core/requests/allPagesReport';
import type { AllPagesResults } from '../../core/requests/allPagesResults';
import { CollectedItems, allPagesDocumentText } from '../../core/requests/collectedItems';
import { describeOperation } from '../../core/requests/operationSelection';
import { endpointForHistory } from '../../core/requests/requestHistory';
import { responseDocumentContent } from '../../core/requests/responseDocument';
import { type CommandArgs, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { CommandFailure, type CommandDeps } from '../commands/commandRunner';
import { ACCOUNT_SELECTOR_KEYS, resolveAccount } from '../commands/resolveAccount';
import { readSettings } from '../settings';
import { accountRunner } from '../tokens/accountRunner';
import type { ParsedRequests } from './parsedRequests';
import { prepareRun, recordRun } from './runSetup';
import type { RequestHistoryStore } from './requestHistoryStore';
import type { ResponseDocuments } from './responseDocuments';
import { operationToRun } from './runRequestCommand';
import type { VariablesReader } from './variablesReader';

export const RUN_ALL_PAGES_COMMAND = 'pipefy.runAllPages';
export const MAX_ITEMS_SETTING = 'pipefy.runAllPages.maxItems';
const RUN_ALL_PAGES_KEYS = ['uri', 'operationName', 'line', ...ACCOUNT_SELECTOR_KEYS];

export interface AllPagesDeps extends CommandDeps {
  readonly parsed: ParsedRequests;
  readonly history: RequestHistoryStore;
  readonly responses: ResponseDocuments;
  readonly variables: VariablesReader;
  readonly results: AllPagesResults;
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
  const runner = accountRunner(deps, account);
  const maxItems = readSettings().runAllPagesMaxItems;
  const collected = new CollectedItems();
  const startedAt = Date.now();
  deps.log.info(`Running all pages of ${describeOperation(operation)} from ${fileName} as "${account.label}" against ${endpointForHistory(endpoint)}, up to ${maxItems} items.`);

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pipefy: all pages of ${operationLabel}`, cancellable: true },
    (progress, cancellation) => {
      progress.report({ message: 'page 1…' });
      const cancel = new AbortController();
      const subscription = cancellation.onCancellationRequested(() => cancel.abort());
      return runAllPages(runner, {
        endpoint,
        body,
        pagination,
        maxItems,
        onItems: (items) => collected.add(items),
        onPage: (state) => progress.report({ message: describeProgress(state, maxItems) }),
        signal: cancel.signal,
      }).finally(() => subscription.dispose());
    },
  );

  // Error messages come from the server; a token echoed in one must not reach a notification.
  const report = reportAllPages(result, maxItems, MAX_ITEMS_SETTING, (text) => deps.log.redactor.redact(text));
  const { message } = report;
  const text = allPagesDocumentText(
    { operation: operationLabel, end: result.end, pages: result.pages, items: result.items, durationMs: result.durationMs, message },
    collected.jsonTexts(),
  );
  const content = responseDocumentContent(text, true);
  const shown = { title: `All pages · ${operationLabel}`, content, headline: { summary: message, clean: result.end === 'complete', errors: [], truncation: content.truncation?.message } };
  const responseUri = (await deps.responses.show(shown)).toString();
  deps.results.add({ operationLabel, responseUri, items: collected, requestUri: document.uri.toString() });

  await recordRun(deps, { startedAt, account, endpoint, operationLabel, document }, { responseUri, ...report.record }, shown);

  deps.log.info(`${operationLabel}: ${message}.`);
  const notice = `Pipefy: ${operationLabel} · ${message}`;
  const buttons = report.notice.exports.map((format) => ({ title: `Export ${format.toUpperCase()}…`, format }));
  const show = report.notice.level === 'information' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(notice, ...buttons).then((choice) => {
    if (choice) void vscode.commands.executeCommand(`pipefy.exportAllPages.${choice.format}`).then(undefined, () => undefined);
  });

  return {
    end: result.end,
    pages: result.pages,
    items: result.items,
    durationMs: result.durationMs,
    failedPage: result.failure?.page,
    message,
    responseUri,
  };
}
