import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as vscode from 'vscode';
import type { AllPagesResults } from '../../core/requests/allPagesResults';
import { type ExportFormat, exportChunks, exportItems } from '../../core/requests/itemExport';
import { type CommandArgs, optionalString, rejectUnknownKeys } from '../../core/commands/commandArgs';
import { CommandCancelled } from '../../core/commands/commandArgs';
import { CommandFailure } from '../commands/commandRunner';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  json: { JSON: ['json'] },
  ndjson: { 'NDJSON (one JSON item per line)': ['ndjson', 'jsonl'] },
  csv: { 'CSV (one row per item)': ['csv'] },
};

export interface ExportSummary {
  readonly path: string;
  readonly items: number;
  readonly format: ExportFormat;
}

/**
 * Export All Pages as JSON, NDJSON or CSV: the items of the Run All Pages result in the active
 * editor (or the latest one), written to a file the user picks. `path` in the arguments skips the
 * dialog, for scripts.
 */
export async function exportAllPages(results: AllPagesResults, format: ExportFormat, args: CommandArgs | undefined): Promise<ExportSummary> {
  if (args) rejectUnknownKeys(args, ['path']);
  const record = results.pick(vscode.window.activeTextEditor?.document.uri.toString());
  if (!record) throw new CommandFailure('There is no Run All Pages result to export in this window. Run all pages of a paginated query first.', []);
  const count = record.items.count;
  const given = args && optionalString(args, 'path');
  let target: vscode.Uri | undefined = given ? vscode.Uri.file(given) : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.parse(record.requestUri).with({ path: '/' });
    const fileName = `${record.operationLabel.replace(/[^\w.-]+/g, '-')}.${format}`;
    target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, fileName),
      filters: FILTERS[format],
      title: `Export ${count.toLocaleString('en-US')} items of ${record.operationLabel} as ${format.toUpperCase()}`,
      saveLabel: 'Export',
    });
    if (!target) throw new CommandCancelled();
  }
  await writeExport(target, record.items.jsonTexts(), format);
  const shownPath = target.scheme === 'file' ? target.fsPath : target.toString();
  offerTheFile(target, `Pipefy: exported ${count.toLocaleString('en-US')} items of ${record.operationLabel} to ${shownPath}`);
  return { path: shownPath, items: count, format };
}

/**
 * A file on disk is written as a stream, chunk after chunk, so an export of a run's million items
 * never exists whole in the extension host's memory. workspace.fs takes only a whole file, so a
 * target of another scheme (a remote or virtual folder) gets the joined text.
 */
async function writeExport(target: vscode.Uri, items: readonly string[], format: ExportFormat): Promise<void> {
  if (target.scheme === 'file') {
    await pipeline(Readable.from(exportChunks(items, format)), createWriteStream(target.fsPath, { encoding: 'utf8' }));
  } else {
    await vscode.workspace.fs.writeFile(target, Buffer.from(exportItems(items, format), 'utf8'));
  }
}

/** The notice of a file written: Open shows it in an editor; Reveal shows it in the Explorer, or the OS's file manager when it is outside the workspace. */
function offerTheFile(file: vscode.Uri, message: string): void {
  void vscode.window.showInformationMessage(message, 'Open', 'Reveal').then((choice) => {
    // Not a preview: the file the user asked to see must not take the place of the editor they were previewing.
    if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', file, { preview: false });
    if (choice === 'Reveal') void vscode.commands.executeCommand(vscode.workspace.getWorkspaceFolder(file) ? 'revealInExplorer' : 'revealFileInOS', file);
  });
}
