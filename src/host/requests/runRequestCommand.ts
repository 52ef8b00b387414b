import * as vscode from 'vscode';
import { describeOperation, operationAtLine, operationAtOffset, operationByName } from '../../core/requests/operationSelection';
import { type RequestDocument, type RequestOperation, describeProblem } from '../../core/requests/requestDocument';
import { CommandArgs, CommandArgsError, CommandCancelled, optionalBoolean, optionalNumber, optionalString, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { CommandFailure } from '../commands/commandRunner';
import { failureNotices } from '../failureNotices';
import { ACCOUNT_SELECTOR_KEYS, resolveAccount } from '../commands/resolveAccount';
import { type ParsedRequests, isRequestDocument } from './parsedRequests';
import { MANAGE_TRUST_COMMAND } from './requestCodeLens';
import { type RequestRunDeps, type RunSummary, executeRun } from './requestExecution';

const RUN_KEYS = ['uri', 'operationName', 'line', 'sendAnyway', ...ACCOUNT_SELECTOR_KEYS];

/**
 * Run GraphQL Request. Arguments: `{ uri?, operationName?, line?, accountId? | label? }`:
 * - `uri`: the request file (a URI string, an absolute path, or a path relative to the first
 *   workspace folder); default the active editor;
 * - `operationName`, or `line` (1-based, for an anonymous operation): which operation; default
 *   the one under the cursor, or the only one;
 * - `accountId` / `label`: which account's token; default the active account;
 * - `sendAnyway`: send even though the endpoint's origin is held after a 429 (rate limit).
 * Returns a RunSummary: status, durationMs, sizeBytes, errors, responseUri; never the token.
 */
export async function runRequest(deps: RequestRunDeps & { readonly parsed: ParsedRequests }, args: CommandArgs | undefined): Promise<RunSummary> {
  if (args) rejectUnknownKeys(args, RUN_KEYS);
  const { document, request, operation } = await operationToRun(deps.parsed, args);
  try {
    const account = await resolveAccount(deps.accounts, args, { ask: 'whenNoActive', placeHolder: 'Which service account runs the request?' });
    return await executeRun(deps, { document, request, operation, account, sendAnyway: args && optionalBoolean(args, 'sendAnyway') });
  } catch (error) {
    // Its notice is about this file: a success from it later hides the notice.
    throw failureNotices.about(error, document.uri.toString());
  }
}

/**
 * The operation a run command is asked to send: the file (named by `uri`, else the active editor),
 * parsed without problems, and the operation in it. Refused in Restricted Mode: a workspace nobody
 * vouched for must not make the extension send requests with a token.
 */
export async function operationToRun(parsed: ParsedRequests, args: CommandArgs | undefined) {
  if (!vscode.workspace.isTrusted) {
    throw new CommandFailure('Saved requests do not run in Restricted Mode. Trust this workspace to run them.', [
      { title: 'Manage Workspace Trust', command: MANAGE_TRUST_COMMAND },
    ]);
  }
  const document = await requestDocument(args);
  const request = parsed.get(document);
  const fileName = vscode.workspace.asRelativePath(document.uri, false);
  if (request.problems.length) throw new CommandFailure(`${fileName} cannot be run: ${describeProblem(request.problems[0])}`);
  const operation = await chooseOperation(document, request, fileName, args);
  return { document, request, fileName, operation };
}

async function requestDocument(args: CommandArgs | undefined): Promise<vscode.TextDocument> {
  const uriArg = args && optionalString(args, 'uri');
  if (!uriArg) {
    const editor = vscode.window.activeTextEditor;
    if (editor && isRequestDocument(editor.document)) return editor.document;
    throw new CommandFailure('Open a .graphql or .gql file and put the cursor in an operation to run it.', [
      { title: 'New GraphQL Request', command: 'pipefy.newRequest' },
    ]);
  }
  const uri = uriFromArgument(uriArg);
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    throw new CommandFailure(`The request file ${uri.scheme === 'file' ? uri.fsPath : uriArg} could not be opened. Check that it exists.`);
  }
  if (!isRequestDocument(document)) throw new CommandArgsError(`The argument "uri" must name a .graphql or .gql file, not ${uriArg}.`);
  return document;
}

/** `file:///…` and `untitled:…` as URIs; `/abs/path`; `requests/me.graphql` under the first workspace folder. */
export function uriFromArgument(value: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) return vscode.Uri.parse(value, true);
  if (value.startsWith('/') || /^[a-z]:[\\/]/i.test(value) || value.startsWith('\\\\')) return vscode.Uri.file(value);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new CommandArgsError(`The argument "uri" is a relative path (${value}), but no folder is open. Pass an absolute path or a URI.`);
  return vscode.Uri.joinPath(folder.uri, value);
}

async function chooseOperation(
  document: vscode.TextDocument,
  request: RequestDocument,
  fileName: string,
  args: CommandArgs | undefined,
): Promise<RequestOperation> {
  const names = request.operations.map(describeOperation).join(', ');
  if (request.operations.length === 0) throw new CommandFailure(`${fileName} has no query or mutation to run.`);
  const name = args && optionalString(args, 'operationName');
  if (name) {
    const operation = operationByName(request, name);
    if (!operation) throw new CommandFailure(`${fileName} has no operation named "${name}". It has: ${names}.`);
    return operation;
  }
  const line = args && optionalNumber(args, 'line');
  if (line !== undefined) {
    const operation = operationAtLine(request, line);
    if (!operation) throw new CommandFailure(`${fileName} has no operation on line ${line}. It has: ${names}.`);
    return operation;
  }
  const editor = vscode.window.activeTextEditor;
  const cursor = editor?.document === document ? document.offsetAt(editor.selection.active) : -1;
  const found = operationAtOffset(request, cursor);
  if (found) return found;
  if (args) throw new CommandArgsError(`${fileName} has several operations; pass "operationName" (or "line") to choose one of: ${names}.`);
  const picked = await vscode.window.showQuickPick(
    request.operations.map((operation) => ({ label: describeOperation(operation), description: `line ${operation.line}`, operation })),
    { placeHolder: 'The cursor is not in an operation. Which one to run?' },
  );
  if (!picked) throw new CommandCancelled();
  return picked.operation;
}
