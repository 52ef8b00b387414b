import * as vscode from 'vscode';
import { readText } from '../../workspaceText';
import { type GraphQLParse, type RequestOperation, describeProblem, parseRequestDocument } from '../../../core/requests/requestDocument';
import type { RunTarget } from '../../../core/requests/runTarget';

const REQUEST_GLOB = '**/*.{graphql,gql}';
const MAX_FILES = 2000;

interface FileNode {
  readonly kind: 'file';
  readonly uri: vscode.Uri;
}

interface OperationNode {
  readonly kind: 'operation';
  readonly uri: vscode.Uri;
  readonly operation: RequestOperation;
  /** Read by the inline Run action (see runTargetOf). */
  readonly runTarget: RunTarget;
}

interface ProblemNode {
  readonly kind: 'problem';
  readonly uri: vscode.Uri;
  readonly message: string;
  readonly line: number;
}

type RequestNode = FileNode | OperationNode | ProblemNode;

/**
 * The workspace's saved requests and their operations. The workspace is searched only when the
 * view is first shown, never in activate(), which stays fast, and a file watcher keeps the list current
 * from then on.
 */
export class RequestsView implements vscode.TreeDataProvider<RequestNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RequestNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable;
  /** The watcher and its listeners, from the first scan on. */
  private watching: vscode.Disposable | undefined;
  private files: Map<string, FileNode> | undefined;
  private scanning: Promise<void> | undefined;

  constructor(private readonly parse: GraphQLParse) {
    this.subscriptions = vscode.Disposable.from(
      this.changed,
      vscode.window.createTreeView('pipefy.requests', { treeDataProvider: this, showCollapseAll: true }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (!this.scanning) return;
        this.stopWatching();
        this.scanning = undefined;
        this.changed.fire(undefined);
      }),
    );
  }

  async getChildren(element?: RequestNode): Promise<RequestNode[]> {
    if (!element) {
      this.scanning ??= this.scan();
      try {
        await this.scanning;
      } catch {
        // The search failed (e.g. the folder went away): the next expansion tries again.
        this.scanning = undefined;
        return [];
      }
      return [...(this.files?.values() ?? [])].sort((a, b) => relative(a.uri).localeCompare(relative(b.uri)));
    }
    if (element.kind !== 'file') return [];
    // A file that cannot be read (deleted meanwhile) shows no operations.
    const text = await readText(element.uri).catch(() => undefined);
    if (text === undefined) return [];
    const request = parseRequestDocument(text, this.parse);
    if (request.problems.length) {
      const [problem] = request.problems;
      return [{ kind: 'problem', uri: element.uri, message: describeProblem(problem), line: problem.line }];
    }
    return request.operations.map((operation) => ({
      kind: 'operation',
      uri: element.uri,
      operation,
      runTarget: { uri: element.uri.toString(), operationName: operation.name, line: operation.name ? undefined : operation.line },
    }));
  }

  getTreeItem(node: RequestNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Collapsed);
      const path = relative(node.uri);
      item.description = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined;
      item.tooltip = path;
      item.contextValue = 'pipefyRequestFile';
      item.command = { title: 'Open', command: 'vscode.open', arguments: [node.uri] };
      return item;
    }
    const open = (line: number) => ({
      title: 'Open',
      command: 'vscode.open',
      arguments: [node.uri, { selection: new vscode.Range(line - 1, 0, line - 1, 0) } satisfies vscode.TextDocumentShowOptions],
    });
    if (node.kind === 'problem') {
      const item = new vscode.TreeItem(node.message);
      item.iconPath = new vscode.ThemeIcon('error');
      item.command = open(node.line);
      return item;
    }
    const { operation } = node;
    const item = new vscode.TreeItem(operation.name ?? `(anonymous ${operation.kind})`);
    item.description = `${operation.kind} · line ${operation.line}`;
    item.iconPath = new vscode.ThemeIcon(operation.kind === 'mutation' ? 'edit' : 'symbol-method');
    item.contextValue = 'pipefyOperation';
    item.command = open(operation.line);
    return item;
  }

  private async scan(): Promise<void> {
    const found = await vscode.workspace.findFiles(REQUEST_GLOB, undefined, MAX_FILES);
    this.files = new Map(found.filter(isWanted).map((uri) => [uri.toString(), { kind: 'file', uri }]));
    const watcher = vscode.workspace.createFileSystemWatcher(REQUEST_GLOB);
    this.watching = vscode.Disposable.from(
      watcher,
      watcher.onDidCreate((uri) => {
        if (!isWanted(uri) || this.files?.has(uri.toString())) return;
        this.files?.set(uri.toString(), { kind: 'file', uri });
        this.changed.fire(undefined);
      }),
      watcher.onDidDelete((uri) => {
        if (this.files?.delete(uri.toString())) this.changed.fire(undefined);
      }),
      watcher.onDidChange((uri) => {
        const node = this.files?.get(uri.toString());
        if (node) this.changed.fire(node);
      }),
    );
  }

  private stopWatching(): void {
    this.watching?.dispose();
    this.watching = undefined;
  }

  dispose(): void {
    this.stopWatching();
    this.subscriptions.dispose();
  }
}

function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/** Dependencies ship .graphql files of their own; they are not the user's requests. */
function isWanted(uri: vscode.Uri): boolean {
  return !uri.path.includes('/node_modules/');
}
