import type { HttpPost } from '../../core/http/httpPost';
import { randomBytes } from 'node:crypto';
import { saveAccount } from '../accounts/accountChanges';
import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import { checkEndpointUrl } from '../../core/accounts/endpointUrl';
import { preselectedAccountId } from '../../core/accounts/preselectedAccount';
import { tokenRequestSnippets, type CodeSnippet } from '../../core/oauth/snippets';
import { renderTryItHtml } from '../../core/tryIt/tryItHtml';
import { accountSummary, errorView, goneAccountResult, requestFieldsOf, requestView, tokenTimesView } from '../../core/tryIt/tryItViews';
import type { HostMessage } from '../../protocol/tryIt/hostMessages';
import type { AccountSummary, CopyTarget, ResultView } from '../../protocol/tryIt/views';
import { describeRejectedMessage, isWebviewMessage, type PreviewTarget, type SaveAccountDraft, type SendTarget, type WebviewMessage } from '../../protocol/tryIt/webviewMessages';
import { AccountValidationError, type AccountStore } from '../accounts/accountStore';
import type { Log } from '../log';
import type { TokenService } from '../tokens/tokenService';
import { sendAdHoc, sendForAccount } from './tryItRequests';

export const TRY_IT_VIEW_TYPE = 'pipefy.tryIt';

export interface TryItDeps {
  readonly context: vscode.ExtensionContext;
  readonly accounts: AccountStore;
  readonly tokens: TokenService;
  readonly http: HttpPost;
  readonly log: Log;
}

export interface TryItOptions {
  /**
   * Open with this saved account selected. Without it, a new panel starts on the active account
   * (or the only one), and an open panel keeps what the user chose in it.
   */
  readonly accountId?: string;
}

/**
 * The host side of the Try It panel: one panel at a time. The webview is thrown away
 * when hidden (retainContextWhenHidden is off), so the last result lives here, in memory only,
 * and is sent again when the page says `ready`.
 */
export class TryItPanel implements vscode.Disposable {
  private static current: TryItPanel | undefined;

  private readonly disposables: vscode.Disposable;
  private lastResult: ResultView | undefined;
  private lastSnippets: readonly CodeSnippet[] = [];
  private inFlight: AbortController | undefined;
  private pendingSelect: string | undefined;
  private disposed = false;

  static show(deps: TryItDeps, options: TryItOptions = {}): TryItPanel {
    const open = TryItPanel.current;
    if (open) {
      open.panel.reveal();
      if (options.accountId) open.select(options.accountId);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(TRY_IT_VIEW_TYPE, 'Pipefy: Try It', vscode.ViewColumn.Active, webviewOptions(deps.context.extensionUri));
    const accountId = options.accountId ?? preselectedAccountId(deps.accounts.list(), deps.accounts.active()?.id);
    return (TryItPanel.current = new TryItPanel(panel, deps, accountId));
  }

  /** After a window reload: VS Code hands back the panel; the page restores its own form state. */
  static revive(panel: vscode.WebviewPanel, deps: TryItDeps): TryItPanel {
    TryItPanel.current?.dispose();
    return (TryItPanel.current = new TryItPanel(panel, deps, undefined));
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: TryItDeps,
    selectAccountId: string | undefined,
  ) {
    this.pendingSelect = selectAccountId;
    const { extensionUri } = deps.context;
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'try-it-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'try-it-dark.svg'),
    };
    panel.webview.html = this.html();
    this.disposables = vscode.Disposable.from(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      deps.accounts.onDidChange(() => void this.postAccounts()),
      deps.tokens.onDidChange((activity) => {
        if (!activity.fetching && this.resultAccountId() === activity.accountId) void this.postTokenTimes(activity.accountId);
      }),
    );
  }

  select(accountId: string): void {
    // Kept until a live page has it: a hidden page is gone and gets it with `init` instead.
    this.pendingSelect = accountId;
    if (this.disposed) return;
    void this.panel.webview.postMessage({ type: 'select', accountId } satisfies HostMessage).then((delivered) => {
      if (delivered && this.pendingSelect === accountId) this.pendingSelect = undefined;
    });
  }

  private html(): string {
    const { webview } = this.panel;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.context.extensionUri, ...path)).toString();
    return renderTryItHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: asset('dist', 'webview', 'tryIt.js'),
      styleUri: asset('media', 'tryIt.css'),
      codiconUri: asset('dist', 'webview', 'codicon.css'),
    });
  }

  /** Whatever the page posts is checked first: a page is untrusted input, and a bad message changes nothing. */
  private receive(message: unknown): void {
    if (!isWebviewMessage(message)) {
      this.deps.log.warn(`Try It: rejected a malformed message from the webview (${describeRejectedMessage(message)}).`);
      return;
    }
    this.handle(message).catch((error: unknown) => this.deps.log.error(`Try It: handling "${message.type}" failed`, error));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.onReady();
      case 'preview':
        return this.onPreview(message.target);
      case 'send':
        return this.onSend(message.target);
      case 'cancel':
        this.inFlight?.abort();
        return;
      case 'saveAccount':
        return this.onSave(message.draft);
      case 'copy':
        return this.onCopy(message.what);
      case 'showLogs':
        this.deps.log.show();
        return;
    }
  }

  private async onReady(): Promise<void> {
    this.post({
      type: 'init',
      accounts: await this.accountSummaries(),
      busy: this.inFlight !== undefined,
      result: this.lastResult,
      selectAccountId: this.pendingSelect,
    });
    this.pendingSelect = undefined;
    // The token may have been refreshed or cleared while the page was hidden.
    const accountId = this.resultAccountId();
    if (accountId) await this.postTokenTimes(accountId);
  }

  private onPreview(target: PreviewTarget): void {
    const account = target.kind === 'account' ? this.deps.accounts.get(target.accountId) : undefined;
    const fields = requestFieldsOf(target, account);
    if (!fields) return;
    const secretEntered = target.kind === 'account' || target.secretEntered;
    this.lastSnippets = tokenRequestSnippets(fields);
    const endpointProblem = target.kind === 'adhoc' && target.tokenEndpoint.trim() ? checkEndpointUrl(target.tokenEndpoint, 'token endpoint') : undefined;
    this.post({ type: 'preview', request: requestView(fields, secretEntered), snippets: this.lastSnippets, endpointProblem });
  }

  private async onSend(target: SendTarget): Promise<void> {
    // The page disables Send while one is running; a second one is a stale click, not a new request.
    if (this.inFlight) return;
    const account = target.kind === 'account' ? this.deps.accounts.get(target.accountId) : undefined;
    if (target.kind === 'account' && !account) {
      this.finish(goneAccountResult(Date.now()));
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    this.post({ type: 'busy', busy: true });
    try {
      const services = { accounts: this.deps.accounts, tokens: this.deps.tokens, log: this.deps.log, http: this.deps.http };
      const result = account
        ? await sendForAccount(services, account, controller.signal)
        : await sendAdHoc(services, target as Extract<SendTarget, { kind: 'adhoc' }>, controller.signal);
      this.finish(result);
      // A failed Send leaves a still-valid cached token in use, so the panel shows its time.
      if (!result.ok && account) await this.postTokenTimes(account.id);
    } finally {
      this.inFlight = undefined;
      this.post({ type: 'busy', busy: false });
    }
  }

  private finish(result: ResultView): void {
    this.lastResult = result;
    this.post({ type: 'result', result });
  }

  private async onSave(draft: SaveAccountDraft): Promise<void> {
    try {
      // saveAccount, as the palette does: the secret is known to the log's redactor before anything is logged.
      const { account } = await saveAccount(this.deps, {
        label: draft.label,
        description: draft.description?.trim() || undefined,
        tokenEndpoint: draft.tokenEndpoint,
        graphqlEndpoint: draft.graphqlEndpoint,
        clientId: draft.clientId,
        clientSecret: draft.clientSecret,
        authMode: draft.authMode,
      });
      const accounts = await this.accountSummaries();
      const saved = accounts.find((summary) => summary.id === account.id) ?? accountSummary(account, true, undefined);
      this.post({ type: 'saved', account: saved, accounts });
    } catch (error) {
      if (error instanceof AccountValidationError) {
        this.post({ type: 'saveFailed', message: 'The account was not saved. Fix the marked fields.', problems: error.problems });
        return;
      }
      this.deps.log.error('Try It: saving the account failed', error);
      this.post({ type: 'saveFailed', message: `The account was not saved: ${errorView(error, draft.clientSecret).message}`, problems: [] });
    }
  }

  private async onCopy(what: CopyTarget): Promise<void> {
    const text = what === 'responseBody' ? prettyBody(this.lastResult?.response?.bodyText) : this.lastSnippets.find((s) => s.language === what)?.code;
    if (!text) return;
    await vscode.env.clipboard.writeText(text);
    this.post({ type: 'copied', what });
  }

  private async postAccounts(): Promise<void> {
    this.post({ type: 'accounts', accounts: await this.accountSummaries() });
  }

  private async postTokenTimes(accountId: string): Promise<void> {
    const token = await this.deps.tokens.peek(accountId);
    this.post({ type: 'tokenTimes', accountId, token: token && tokenTimesView(token) });
  }

  private resultAccountId(): string | undefined {
    const source = this.lastResult?.source;
    return source?.kind === 'account' ? source.accountId : undefined;
  }

  private async accountSummaries(): Promise<AccountSummary[]> {
    const { accounts } = this.deps;
    const activeId = accounts.active()?.id;
    const list: AccountMetadata[] = accounts.list();
    return Promise.all(list.map(async (account) => accountSummary(account, await accounts.hasSecret(account.id), activeId)));
  }

  private post(message: HostMessage): void {
    // A hidden page is gone (retainContextWhenHidden is off); it asks for everything again on `ready`.
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.inFlight?.abort();
    if (TryItPanel.current === this) TryItPanel.current = undefined;
    this.disposables.dispose();
    this.panel.dispose();
  }
}

/** Restores the panel after a window reload. Needs `onWebviewPanel:pipefy.tryIt` in activationEvents. */
export function registerTryItSerializer(deps: TryItDeps): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(TRY_IT_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
      TryItPanel.revive(panel, deps);
    },
  });
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    retainContextWhenHidden: false,
    // The page may load the built bundle and the media folder, nothing else: the less it can reach, the less a bug can leak.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

function prettyBody(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
