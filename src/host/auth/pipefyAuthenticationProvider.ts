import * as vscode from 'vscode';
import type { AccountMetadata } from '../../core/accounts/account';
import type { CachedToken } from '../../core/token/cachedToken';
import type { AccountStore } from '../accounts/accountStore';
import { pickAccount } from '../commands/accountPrompts';
import type { Log } from '../log';
import type { TokenService } from '../tokens/tokenService';

export const AUTH_PROVIDER_ID = 'pipefy';
export const AUTH_PROVIDER_LABEL = 'Pipefy Service Account';

export interface AuthenticationDeps {
  readonly accounts: AccountStore;
  readonly tokens: TokenService;
  readonly log: Log;
  /** Runs the interactive Add Service Account, for a caller that asks for a session before there is any account. */
  readonly addAccount: () => Thenable<unknown>;
}

/**
 * How other extensions get a Pipefy token: `vscode.authentication.getSession('pipefy', [])`,
 * after VS Code has asked the user for consent. No command returns the token; this is the only door.
 *
 * A session is a saved account that holds a token: its id is the account id, its accessToken a
 * token that may be sent now (renewed when due each time VS Code asks). Listing sessions only
 * peeks at cached tokens, so VS Code's Accounts menu never makes this provider fetch a token for an
 * account nobody used. Signing out of a session clears that account's token. Pipefy tokens carry
 * no scopes, so scopes are ignored and every session has none.
 */
export class PipefyAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  /** The sessions as last announced, to tell what changed; by account id. */
  private readonly announced = new Map<string, vscode.AuthenticationSession>();
  private reconciling: Promise<void> = Promise.resolve();
  private readonly subscriptions: vscode.Disposable;

  constructor(private readonly deps: AuthenticationDeps) {
    this.subscriptions = vscode.Disposable.from(
      this.changed,
      deps.tokens.onDidChange(() => void this.reconcile()),
      deps.accounts.onDidChange(() => void this.reconcile()),
    );
  }

  async getSessions(_scopes: readonly string[] | undefined, options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const wanted = options?.account ? this.deps.accounts.list().filter((a) => a.id === options.account?.id) : this.deps.accounts.list();
    const sessions: vscode.AuthenticationSession[] = [];
    for (const account of wanted) {
      if (!(await this.peek(account))) continue;
      // A renewal here reaches reconcile() through TokenService, which announces the new token.
      const acquired = await this.deps.tokens.acquire(account);
      if (acquired.ok) sessions.push(sessionOf(account, acquired.token));
      // The token could not be renewed: no session for now; TokenService has logged why.
      else this.deps.log.warn(`No session for "${account.label}": its token could not be renewed (${acquired.error instanceof Error ? acquired.error.message : String(acquired.error)}).`);
    }
    return sessions;
  }

  async createSession(_scopes: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession> {
    const account = await this.accountForNewSession(options?.account?.id);
    const session = sessionOf(account, await this.deps.tokens.tokenFor(account));
    // VS Code hears of the new session before the caller gets it.
    await this.reconcile();
    this.deps.log.info(`Session for "${account.label}" created for another extension through the authentication provider.`);
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    const account = this.deps.accounts.get(sessionId);
    await this.deps.tokens.clear(sessionId);
    await this.reconcile();
    this.deps.log.info(`Signed out of the session for "${account?.label ?? sessionId}": its token was cleared.`);
  }

  private async accountForNewSession(accountId: string | undefined): Promise<AccountMetadata> {
    if (accountId) {
      const account = this.deps.accounts.get(accountId);
      if (account) return account;
    }
    if (this.deps.accounts.list().length === 0) await this.deps.addAccount();
    const all = this.deps.accounts.list();
    if (all.length === 0) throw new Error('There is no Pipefy service account. Add one with "Pipefy: Add Service Account", then sign in again.');
    const account = this.deps.accounts.active() ?? (all.length === 1 ? all[0] : undefined);
    if (account) return account;
    try {
      return await pickAccount(this.deps.accounts, 'Which Pipefy service account should the extension use?');
    } catch {
      throw new Error('No Pipefy service account was chosen.');
    }
  }

  /**
   * Tells VS Code which sessions appeared, went or got a new token. Every change goes through here,
   * one run at a time, whether this provider, a command or another window caused it.
   */
  private reconcile(): Promise<void> {
    this.reconciling = this.reconciling.then(() => this.announceChanges()).catch((error: unknown) => this.deps.log.error('Updating authentication sessions failed', error));
    return this.reconciling;
  }

  private async announceChanges(): Promise<void> {
    const current = new Map<string, vscode.AuthenticationSession>();
    for (const account of this.deps.accounts.list()) {
      const token = await this.peek(account);
      if (token) current.set(account.id, sessionOf(account, token));
    }
    const added: vscode.AuthenticationSession[] = [];
    const changed: vscode.AuthenticationSession[] = [];
    const removed: vscode.AuthenticationSession[] = [];
    for (const [id, session] of current) {
      const before = this.announced.get(id);
      if (!before) added.push(session);
      else if (before.accessToken !== session.accessToken || before.account.label !== session.account.label) changed.push(session);
    }
    for (const [id, session] of this.announced) if (!current.has(id)) removed.push(withoutToken(session));
    this.announced.clear();
    for (const [id, session] of current) this.announced.set(id, session);
    if (added.length || changed.length || removed.length) this.changed.fire({ added, removed, changed });
  }

  private async peek(account: AccountMetadata): Promise<CachedToken | undefined> {
    // SecretStorage can fail (a locked keychain): then there is no session rather than an error.
    return this.deps.tokens.peek(account.id).catch(() => undefined);
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}

function sessionOf(account: AccountMetadata, token: CachedToken): vscode.AuthenticationSession {
  return { id: account.id, accessToken: token.accessToken, account: { id: account.id, label: account.label }, scopes: [] };
}

/** A removed session's token is of no use to anyone; it is not sent along with the event. */
function withoutToken(session: vscode.AuthenticationSession): vscode.AuthenticationSession {
  return { ...session, accessToken: '' };
}

/** Registers the provider under the id other extensions ask for; `contributes.authentication` declares it. */
export function registerPipefyAuthentication(deps: AuthenticationDeps): vscode.Disposable {
  const provider = new PipefyAuthenticationProvider(deps);
  const registration = vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: true });
  return vscode.Disposable.from(registration, provider);
}
