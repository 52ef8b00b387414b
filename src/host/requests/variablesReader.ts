import * as vscode from 'vscode';
import { readText } from '../workspaceText';
import { fileNameOf, parseVariablesText, variablesPathFor } from '../../core/requests/variablesFile';
import { CommandFailure } from '../commands/commandRunner';

/**
 * Reads `<name>.variables.json` beside a request. An open editor's unsaved text counts, as the
 * user sees it. A malformed file stops the run, and its problem is marked in the file itself.
 */
export class VariablesReader implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('pipefy-variables');
  // The mark stays until the file is edited: it was true of the text the run read.
  private readonly subscription = vscode.workspace.onDidChangeTextDocument(({ document }) => {
    if (this.diagnostics.has(document.uri)) this.diagnostics.delete(document.uri);
  });

  async read(requestUri: vscode.Uri): Promise<{ variables: Readonly<Record<string, unknown>>; fileUri?: vscode.Uri }> {
    const path = requestUri.scheme === 'untitled' ? undefined : variablesPathFor(requestUri.path);
    if (!path) return { variables: {} };
    const fileUri = requestUri.with({ path });
    const text = await readVariablesText(fileUri);
    if (text === undefined) {
      this.diagnostics.delete(fileUri);
      return { variables: {} };
    }
    const name = fileNameOf(path);
    const result = parseVariablesText(text, name);
    if (!result.ok) {
      const at = new vscode.Position(result.problem.line - 1, result.problem.column - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), result.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'Pipefy';
      this.diagnostics.set(fileUri, [diagnostic]);
      throw new CommandFailure(`The request was not sent: ${result.message}`);
    }
    this.diagnostics.delete(fileUri);
    return { variables: result.variables, fileUri };
  }

  dispose(): void {
    this.subscription.dispose();
    this.diagnostics.dispose();
  }
}

async function readVariablesText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return await readText(uri);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new CommandFailure(`The variables file ${uri.fsPath} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A missing file is the usual case: most requests have no variables. */
function isNotFound(error: unknown): boolean {
  if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return true;
  // Remote file systems do not always keep the error's class across the wire.
  return /EntryNotFound|FileNotFound|ENOENT/.test(String((error as { code?: unknown })?.code ?? error));
}
