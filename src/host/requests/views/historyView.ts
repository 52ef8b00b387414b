import * as vscode from 'vscode';
import type { HistoryEntry, RunOutcome } from '../../../core/requests/requestHistory';
import { formatBytes } from '../../../core/http/byteSize';
import { historyClick, historyRow } from '../../../core/requests/historyRow';
import { describeGraphQLError, statusText } from '../../../core/requests/responseSummary';
import { formatLocalTime } from '../../../core/token/localTime';
import type { RequestHistoryStore } from '../requestHistoryStore';
import type { ResponseDocuments } from '../responseDocuments';

const ICONS: Record<RunOutcome, [icon: string, color?: string]> = {
  ok: ['pass', 'testing.iconPassed'],
  graphql_errors: ['warning', 'editorWarning.foreground'],
  http_error: ['error', 'errorForeground'],
  failed: ['error', 'errorForeground'],
  refused: ['shield', 'errorForeground'],
};

/** A run, or one of the errors it reported (message, code and correlation id), shown under it. */
type HistoryRow = { readonly entry: HistoryEntry } | { readonly error: string };

/** Runs a click on a history row: the row's entry is its argument. Internal, not in the palette. */
export const OPEN_HISTORY_RUN_COMMAND = 'pipefy.openHistoryRun';

/** The last 50 runs, newest first, each with its errors under it; a click shows the run's response again, from its tab or from storage. */
export class HistoryView implements vscode.TreeDataProvider<HistoryRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable;

  constructor(
    private readonly history: RequestHistoryStore,
    private readonly responses: ResponseDocuments,
  ) {
    this.subscriptions = vscode.Disposable.from(
      this.changed,
      history.onDidChange(() => this.changed.fire()),
      vscode.window.createTreeView('pipefy.history', { treeDataProvider: this }),
      vscode.commands.registerCommand(OPEN_HISTORY_RUN_COMMAND, (entry: HistoryEntry) => this.openRun(entry)),
    );
  }

  getChildren(element?: HistoryRow): HistoryRow[] {
    if (!element) return this.history.list().map((entry) => ({ entry }));
    if (!('entry' in element)) return [];
    const { entry } = element;
    const more = entry.errorCount > entry.errors.length ? [{ error: `…and ${entry.errorCount - entry.errors.length} more errors` }] : [];
    return [...entry.errors.map((error) => ({ error: describeGraphQLError(error) })), ...more];
  }

  getTreeItem(row: HistoryRow): vscode.TreeItem {
    if (!('entry' in row)) {
      const item = new vscode.TreeItem(row.error);
      item.tooltip = row.error;
      item.iconPath = new vscode.ThemeIcon('circle-small-filled');
      return item;
    }
    const { entry } = row;
    const now = Date.now();
    const shown = historyRow(entry, now);
    const item = new vscode.TreeItem(shown.label, entry.errors.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = shown.description;
    const [icon, color] = ICONS[entry.outcome];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.tooltip = tooltip(entry, now);
    item.accessibilityInformation = { label: `${shown.label}, ${shown.description}` };
    item.command = { title: 'Show Response', command: OPEN_HISTORY_RUN_COMMAND, arguments: [entry] };
    return item;
  }

  dispose(): void {
    this.subscriptions.dispose();
  }

  private async openRun(entry: HistoryEntry): Promise<void> {
    // Open means a tab shows it: a document whose tab was closed or replaced can linger a while in
    // workspace.textDocuments, and its response may already be dropped.
    const open = new Set(
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])),
    );
    let click = historyClick(entry, open, this.history.keptIds());
    if (click.kind === 'reopen') {
      await vscode.window.showTextDocument(vscode.Uri.parse(click.responseUri), { preview: true, viewColumn: vscode.ViewColumn.Beside });
      return;
    }
    if (click.kind === 'restore') {
      const kept = await this.history.readResponse(click.responseId);
      if (kept) {
        await this.responses.show(kept);
        return;
      }
      click = historyClick(entry, open);
    }
    if (click.kind !== 'gone') return;
    const openRequest = 'Open Request';
    const choice = await vscode.window.showInformationMessage(`Pipefy: ${click.message}`, ...(click.requestUri ? [openRequest] : []));
    if (choice === openRequest && click.requestUri) await vscode.window.showTextDocument(vscode.Uri.parse(click.requestUri));
  }
}

/** Built with appendText, which escapes: error messages come from the server. */
function tooltip(entry: HistoryEntry, now: number): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  const paragraph = (text: string) => markdown.appendText(`${text}\n\n`);
  paragraph(`${entry.operationName} as ${entry.accountLabel}, ${formatLocalTime(entry.at, now)}`);
  paragraph(entry.endpoint);
  if (entry.status !== undefined) {
    const parts = [statusText(entry.status), entry.durationMs !== undefined && `${entry.durationMs} ms`, entry.sizeBytes !== undefined && formatBytes(entry.sizeBytes)];
    paragraph(parts.filter(Boolean).join(' · '));
  }
  if (entry.message) paragraph(entry.message);
  for (const error of entry.errors) paragraph(`• ${describeGraphQLError(error)}`);
  if (entry.errorCount > entry.errors.length) paragraph(`…and ${entry.errorCount - entry.errors.length} more errors`);
  return markdown;
}
