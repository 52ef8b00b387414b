import * as vscode from 'vscode';
import type { HistoryEntry, RunOutcome } from '../../../core/requests/requestHistory';
import { formatBytes } from '../../../core/http/byteSize';
import { describeGraphQLError, statusText } from '../../../core/requests/responseSummary';
import { formatLocalTime } from '../../../core/token/indicatorView';
import type { RequestHistoryStore } from '../requestHistoryStore';

const ICONS: Record<RunOutcome, [icon: string, color?: string]> = {
  ok: ['pass', 'testing.iconPassed'],
  graphql_errors: ['warning', 'editorWarning.foreground'],
  http_error: ['error', 'errorForeground'],
  failed: ['error', 'errorForeground'],
  refused: ['shield', 'errorForeground'],
};

/** A run, or one of the errors it reported (message, code and correlation id), shown under it. */
type HistoryRow = { readonly entry: HistoryEntry } | { readonly error: string };

/** The last 50 runs, newest first, each with its errors under it; a click opens the request file again. */
export class HistoryView implements vscode.TreeDataProvider<HistoryRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly history: RequestHistoryStore) {
    this.subscriptions = [
      this.changed,
      history.onDidChange(() => this.changed.fire()),
      vscode.window.createTreeView('pipefy.history', { treeDataProvider: this }),
    ];
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
    const item = new vscode.TreeItem(entry.operationName, entry.errors.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = [outcomeText(entry), entry.accountLabel, formatLocalTime(entry.at, now)].join(' · ');
    const [icon, color] = ICONS[entry.outcome];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.tooltip = tooltip(entry, now);
    if (entry.requestUri) item.command = { title: 'Open Request', command: 'vscode.open', arguments: [vscode.Uri.parse(entry.requestUri)] };
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function outcomeText(entry: HistoryEntry): string {
  if (entry.outcome === 'refused') return 'not sent';
  if (entry.status === undefined) return 'failed';
  const errors = entry.errorCount ? ` · ${entry.errorCount} error${entry.errorCount === 1 ? '' : 's'}` : '';
  return `${entry.status}${entry.durationMs !== undefined ? ` · ${entry.durationMs} ms` : ''}${errors}`;
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
