import * as vscode from 'vscode';

/**
 * A file's text as the user sees it: the open editor's (unsaved edits included) when it is open,
 * else what is on disk. A read error is thrown for the caller to judge.
 */
export async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
