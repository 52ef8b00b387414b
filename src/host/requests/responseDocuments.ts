import * as vscode from 'vscode';
import type { KeptResponse, ResponseHeadline } from '../../core/requests/keptResponses';
import type { ResponseDocumentContent } from '../../core/requests/responseDocument';
import type { StageClock } from '../../core/requests/runStages';

export const RESPONSE_SCHEME = 'pipefy-response';

/** The headline, with lenses that run a command after the summary: Resume on a Run All Pages result that stopped early. */
export type ShownHeadline = ResponseHeadline & { readonly actions?: readonly vscode.Command[] };

interface Shown {
  readonly content: Pick<ResponseDocumentContent, 'text'>;
  readonly headline: ShownHeadline;
  /** The run's clock, until the workbench has asked for the text. */
  stages?: StageClock;
}

/** Responses kept in memory while their tabs are open; a closed tab's response is dropped at once. */
const MAX_KEPT = 20;
const MAX_ERROR_LENSES = 10;

/**
 * The response view: a read-only JSON document beside the request, served from
 * memory, so folding, search and copy are the editor's own and a 10 MB body stays fast. Each run
 * gets a document of its own: the editor never diffs a large body against the previous one, and
 * the preview tab it replaces closes and frees that body. Status, time, size and each error sit
 * in CodeLenses above the body, which must stay valid JSON.
 */
export class ResponseDocuments implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly shown = new Map<string, Shown>();
  private runs = 0;
  private opening: Promise<void> = Promise.resolve();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly subscriptions: vscode.Disposable;

  constructor() {
    this.subscriptions = vscode.Disposable.from(
      this.lensesChanged,
      vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this),
      vscode.languages.registerCodeLensProvider({ scheme: RESPONSE_SCHEME }, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === RESPONSE_SCHEME) this.shown.delete(document.uri.toString());
      }),
    );
  }

  /**
   * Shows `content` beside the active editor, in a preview tab named `title`, and returns its URI.
   * `stages`, if given, times the way there: until the workbench asks for the text, then until
   * the editor is open on it.
   */
  async show({ title, content, headline }: KeptResponse & { readonly headline: ShownHeadline }, stages?: StageClock): Promise<vscode.Uri> {
    const run = ++this.runs;
    // The extension gives the document its language: setting it afterwards would close and reopen
    // the document in the extension host, which drops its content and lenses (see the close handler).
    const extension = content.language === 'json' ? 'json' : 'txt';
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${title.replace(/[/\\]/g, '_')}.${extension}`, query: `run=${run}` });
    this.shown.set(uri.toString(), { content, headline, stages });
    this.evict();
    this.lensesChanged.fire();
    // Runs that finish together (a burst of CodeLens clicks, a script) show the last response only:
    // an older one whose preview tab a newer one replaces must not turn a good run into a failure.
    const superseded = () => run !== this.runs;
    // Opened by the workbench itself, as it opens a file: the editor shows the text as soon as its
    // model is made. (openTextDocument and then showTextDocument would first wait for the whole
    // text to be copied back into the extension host, then make a second round trip.)
    // One opening at a time: a burst of runs opens the first response and then only the newest,
    // instead of queueing an editor for each run in the workbench.
    const opened = this.opening.then(async () => {
      if (superseded()) return;
      try {
        await vscode.commands.executeCommand('vscode.open', uri, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      } catch (error) {
        if (!superseded()) throw error;
      }
    });
    this.opening = opened.catch(() => undefined);
    await opened;
    stages?.end('editor');
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const shown = this.shown.get(uri.toString());
    if (!shown) return '{ "message": "This response is no longer kept. Run the request again to see it." }\n';
    shown.stages?.end('document');
    // Timed once: the workbench may ask again for a tab that is reopened later.
    shown.stages = undefined;
    return shown.content.text;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const shown = this.shown.get(document.uri.toString());
    if (!shown) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const label = (title: string) => new vscode.CodeLens(top, { title, command: '' });
    const { headline } = shown;
    const lenses = [label(`${headline.clean ? '$(pass)' : '$(warning)'} ${headline.summary}`)];
    for (const action of headline.actions ?? []) lenses.push(new vscode.CodeLens(top, action));
    if (headline.note) lenses.push(label(`$(info) ${headline.note}`));
    if (headline.truncation) lenses.push(label(`$(info) ${headline.truncation}`));
    if (headline.lockout) lenses.push(label(`$(watch) ${headline.lockout}`));
    for (const error of headline.errors.slice(0, MAX_ERROR_LENSES)) lenses.push(label(`$(error) ${error}`));
    for (const advice of headline.advice ?? []) lenses.push(label(`$(lightbulb) ${advice}`));
    return lenses;
  }

  /** The oldest responses go first; the editor asks again for one only if its tab is still open. */
  private evict(): void {
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    for (const id of this.shown.keys()) {
      if (this.shown.size <= MAX_KEPT) return;
      if (!open.has(id)) this.shown.delete(id);
    }
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.shown.clear();
  }
}
