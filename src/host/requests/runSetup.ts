/**
 * What a single run and Run All Pages share: the plan read from the request and its variables
 * file before anything is sent, and the history entry after.
 */
import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import type { RequestDocument, RequestOperation } from '../../core/requests/requestDocument';
import type { KeptResponse } from '../../core/requests/keptResponses';
import type { HistoryEntry } from '../../core/requests/requestHistory';
import { planRun } from '../../core/requests/runPlan';
import { fileNameOf } from '../../core/requests/variablesFile';
import { CommandFailure } from '../commands/commandRunner';
import type { Log } from '../log';
import type { RequestHistoryStore } from './requestHistoryStore';
import type { VariablesReader } from './variablesReader';

/** What the user chose to run; core plans from it what is sent (runPlan.ts). */
export interface RunSelection {
  readonly document: vscode.TextDocument;
  readonly request: RequestDocument;
  readonly operation: RequestOperation;
  readonly account: AccountMetadata;
  /** Send even though the origin is held after a 429. */
  readonly sendAnyway?: boolean;
}

/** Who ran what, where and when: the part of a history entry every kind of run shares. */
export interface RunOrigin {
  readonly startedAt: number;
  readonly account: AccountMetadata;
  readonly endpoint: string;
  readonly operationLabel: string;
  readonly document: vscode.TextDocument;
}

/** Adds a run to the history, with its response to show again. The history is a convenience: failing to write it must not fail the run. */
export function recordRun(
  deps: { readonly history: RequestHistoryStore; readonly log: Log },
  origin: RunOrigin,
  fields: Pick<HistoryEntry, 'outcome'> & Partial<HistoryEntry>,
  response?: KeptResponse,
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
    }, response)
    .catch((error: unknown) => deps.log.error('The run could not be added to the request history', error));
}

/**
 * What a run of `selection` sends: its endpoint and body as core plans them from the request and its
 * variables file. When nothing can be sent, says why; a template placeholder left is shown
 * selected in the variables file, where it is fixed.
 */
export async function prepareRun(variablesReader: VariablesReader, selection: Pick<RunSelection, 'document' | 'request' | 'operation' | 'account'>, fileName: string) {
  const { variables, fileUri: variablesUri } = await variablesReader.read(selection.document.uri);
  const planned = planRun({
    request: selection.request,
    operation: selection.operation,
    fileName,
    accountEndpoint: selection.account.graphqlEndpoint,
    variables,
    variablesFileName: variablesUri && fileNameOf(variablesUri.path),
  });
  if (!planned.ok) {
    if (planned.placeholders && variablesUri) await openVariables(variablesUri, planned.placeholders[0].value);
    throw new CommandFailure(planned.message);
  }
  return { ...planned, variablesUri };
}

/** Opens the variables file beside the request (where it is open already), with `select` (a placeholder to replace) selected when given. */
export async function openVariables(uri: vscode.Uri, select?: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: columnShowing(uri), preview: false });
  const at = select === undefined ? -1 : editor.document.getText().indexOf(select);
  if (select === undefined || at < 0) return;
  const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + select.length));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range);
}

/** The editor group that has a tab for `uri`, so it is brought forward there; else the group beside the active one. */
export function columnShowing(uri: vscode.Uri): vscode.ViewColumn {
  const wanted = uri.toString();
  const group = vscode.window.tabGroups.all.find((candidate) => candidate.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === wanted));
  return group?.viewColumn ?? vscode.ViewColumn.Beside;
}
