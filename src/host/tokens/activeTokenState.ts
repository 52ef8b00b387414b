import * as vscode from 'vscode';
import type { TokenTimes } from '../../core/token/countdown';
import type { IndicatorFacts } from '../../core/token/indicatorView';
import type { AccountStore } from '../accounts/accountStore';
import type { TokenService } from './tokenService';

/** The active account and its token's times, never the token: what the status bar and the `when` clauses follow. */
export interface ActiveTokenSnapshot extends IndicatorFacts {
  readonly accountCount: number;
  readonly accountId?: string;
}

/**
 * Follows the active account and its token through every change: this window's commands, token
 * fetches, and other windows (AccountStore and TokenService both listen to secrets.onDidChange).
 * Reads are async, so each refresh carries a generation and only the latest one is published.
 */
export class ActiveTokenState implements vscode.Disposable {
  private snapshot: ActiveTokenSnapshot = { accountCount: 0, fetching: false };
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<ActiveTokenSnapshot>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable;

  constructor(
    private readonly accounts: AccountStore,
    private readonly tokens: TokenService,
  ) {
    this.subscriptions = vscode.Disposable.from(accounts.onDidChange(() => void this.refresh()), tokens.onDidChange(() => void this.refresh()), this.changed);
  }

  get current(): ActiveTokenSnapshot {
    return this.snapshot;
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const accountCount = this.accounts.list().length;
    const account = this.accounts.active();
    let token: TokenTimes | undefined;
    if (account) {
      try {
        const cached = await this.tokens.peek(account.id);
        token = cached && { obtainedAt: cached.obtainedAt, expiresAt: cached.expiresAt };
      } catch {
        // SecretStorage can fail (a locked keychain); show no token rather than a stale one.
      }
    }
    if (generation !== this.generation) return;
    const activity = account ? this.tokens.activityOf(account.id) : undefined;
    this.snapshot = {
      accountCount,
      accountId: account?.id,
      account: account && { label: account.label, tokenEndpoint: account.tokenEndpoint },
      token,
      fetching: activity?.fetching ?? false,
      lastError: activity?.lastError,
    };
    this.changed.fire(this.snapshot);
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
