import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const SCHEME = 'host-runner-text';
/** Set while the command has a text to open; the palette lists the command only then (not in the demo). */
const HAS_TEXT = 'pipefyHostRunner.hasBenchText';

/**
 * The bench's second floor: the file named by PIPEFY_BENCH_MEMORY_TEXT, read once at start-up and
 * served from memory by a content provider that does nothing else, opened the way the product opens
 * a response (`vscode.open`, a preview tab). What it costs over the same file opened as a file is
 * the workbench's own price for any extension's document, which no extension's code can lower.
 */
export function registerMemoryText(): vscode.Disposable {
  const file = process.env.PIPEFY_BENCH_MEMORY_TEXT;
  if (!file) return new vscode.Disposable(() => undefined);
  // Read without holding up the extension host's start (the product activates right after);
  // done long before the first timed opening.
  const text = fs.promises.readFile(file, 'utf8');
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/In memory · ${path.basename(file)}` });
  void vscode.commands.executeCommand('setContext', HAS_TEXT, true);
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: () => text }),
    vscode.commands.registerCommand('pipefyHostRunner.openMemoryText', () => vscode.commands.executeCommand('vscode.open', uri, { preview: true })),
  );
}
