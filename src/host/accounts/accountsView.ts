import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import type { CachedToken } from '../../core/token/cachedToken';
import { nextTickDelayMs } from '../../core/token/countdown';
import { formatLocalTime } from '../../core/token/localTime';
import type { AccountStore } from './accountStore';
import type { TokenService } from '../tokens/tokenService';
import { describeTokenState } from '../../core/token/tokenStateLabel';

/**
 * The element is `{ accountId }`, exactly the arguments the account and token commands take, so
 * the context menu's Get Token, Edit, Remove… act on the account that was right-clicked.
 */
export interface AccountElement {
  readonly accountId: string;
}


/** Accounts with their token state in the Pipefy sidebar, following every account and token change. */
export class AccountsView implements vscode.TreeDataProvider<AccountElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable;
  private readonly view: vscode.TreeView<AccountElement>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Time left on the token nearest its end, as last drawn: when the next redraw is due. */
  private soonestLeftMs: number | undefined;

  constructor(
    private readonly accounts: AccountStore,
    private readonly tokens: TokenService,
  ) {
    this.view = vscode.window.createTreeView('pipefy.accounts', { treeDataProvider: this });
    this.subscriptions = vscode.Disposable.from(
      this.view,
      this.changed,
      accounts.onDidChange(() => this.changed.fire()),
      tokens.onDidChange(() => this.changed.fire()),
      // The time left only needs redrawing while someone can see it.
      this.view.onDidChangeVisibility(({ visible }) => (visible ? this.changed.fire() : this.stopTicking())),
    );
  }

  getChildren(element?: AccountElement): AccountElement[] {
    if (element) return [];
    return this.accounts.list().map((account) => ({ accountId: account.id }));
  }

  async getTreeItem(element: AccountElement): Promise<vscode.TreeItem> {
    const account = this.accounts.get(element.accountId);
    if (!account) return new vscode.TreeItem('(removed)');
    const token = await this.tokens.peek(account.id).catch(() => undefined);
    const active = this.accounts.active()?.id === account.id;
    const now = Date.now();
    const state = describeTokenState(token, this.tokens.activityOf(account.id), now);
    if (token?.expiresAt !== undefined) this.redrawBefore(token.expiresAt - now);
    const item = new vscode.TreeItem(account.label);
    item.id = account.id;
    item.description = active ? `active · ${state.text}` : state.text;
    item.iconPath = new vscode.ThemeIcon(active ? 'pass-filled' : 'key', state.color ? new vscode.ThemeColor(state.color) : undefined);
    item.tooltip = tooltip(account, token, state.text, active);
    item.contextValue = token ? 'pipefyAccount.withToken' : 'pipefyAccount';
    if (!active) item.command = { title: 'Use this account', command: 'pipefy.switchAccount', arguments: [{ accountId: account.id }] };
    return item;
  }

  /**
   * Schedules the next redraw for when the text of the token nearest its end changes, on the
   * status bar's schedule (a second in the last hour, a minute before), so both show the same time.
   */
  private redrawBefore(leftMs: number): void {
    if (!this.view.visible || (this.soonestLeftMs !== undefined && this.soonestLeftMs <= leftMs)) return;
    this.soonestLeftMs = leftMs;
    const delay = nextTickDelayMs(leftMs);
    this.stopTicking();
    if (delay === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.soonestLeftMs = undefined;
      this.changed.fire();
    }, delay);
  }

  private stopTicking(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stopTicking();
    this.subscriptions.dispose();
  }
}

function tooltip(account: AccountMetadata, token: CachedToken | undefined, state: string, active: boolean): vscode.MarkdownString {
  const now = Date.now();
  const rows = [
    `**${account.label}**${active ? ' (active in this workspace)' : ''}`,
    account.description,
    `Token endpoint: ${account.tokenEndpoint}`,
    `GraphQL endpoint: ${account.graphqlEndpoint}`,
    `Token: ${state}`,
    token?.expiresAt !== undefined ? `Expires: ${formatLocalTime(token.expiresAt, now)}` : undefined,
    token ? `Obtained: ${formatLocalTime(token.obtainedAt, now)}` : undefined,
    active ? undefined : 'Click to use this account in this workspace.',
  ];
  const markdown = new vscode.MarkdownString(rows.filter(Boolean).join('\n\n'));
  markdown.supportThemeIcons = false;
  return markdown;
}
