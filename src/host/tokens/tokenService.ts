import * as vscode from 'vscode';
import { AccountMetadata } from '../../core/accounts/account';
import { TokenSource } from '../../core/graphql/graphqlRunner';
import type { HttpPost } from '../../core/http/httpPost';
import { requestToken, type TokenOutcome } from '../../core/oauth/requestToken';
import { missingSecretError, TokenRequestError } from '../../core/oauth/tokenError';
import { CachedToken } from '../../core/token/cachedToken';
import { activityAfter, fetchingActivity, type TokenActivity } from '../../core/token/tokenActivity';
import { type Acquired, type FreshToken, fetchedToken, TokenCache, type TokenFailure } from '../../core/token/tokenCache';
import { AccountStore } from '../accounts/accountStore';
import { Log } from '../log';
import { readSettings } from '../settings';
import { SecretTokenStore, TOKEN_SECRET_PREFIX } from './secretTokenStore';


/**
 * Gets tokens for saved accounts: the core cache over SecretStorage, fed by the client-credentials
 * request with the account's stored secret. Failures are remembered until the next success
 * (a valid token stays in use through an outage, and the error state shows). The activity the
 * status bar shows is read off what each acquire returns, never guessed from elsewhere.
 */
export class TokenService implements vscode.Disposable {
  private readonly cache: TokenCache;
  private readonly activity = new Map<string, TokenActivity>();
  private readonly changed = new vscode.EventEmitter<TokenActivity>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable;

  constructor(
    private readonly accounts: AccountStore,
    secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly http: HttpPost,
  ) {
    this.cache = new TokenCache(new SecretTokenStore(secrets));
    this.disposables = vscode.Disposable.from(
      this.changed,
      secrets.onDidChange((e) => {
        if (!e.key.startsWith(TOKEN_SECRET_PREFIX)) return;
        // Another window stored or cleared this account's token: read it afresh.
        const accountId = e.key.slice(TOKEN_SECRET_PREFIX.length);
        this.cache.forget(accountId);
        this.changed.fire(this.activityOf(accountId));
      }),
    );
  }

  activityOf(accountId: string): TokenActivity {
    return this.activity.get(accountId) ?? { accountId, fetching: false };
  }

  peek(accountId: string): Promise<CachedToken | undefined> {
    return this.cache.peek(accountId);
  }

  /**
   * A token to send now and what getting it took (the exchange made, or the renewal that failed
   * while a valid token was kept), or why there is none. Never throws.
   */
  async acquire(account: AccountMetadata, options: { forceRefresh?: boolean; signal?: AbortSignal } = {}): Promise<Acquired> {
    const acquired = await this.cache.acquire(account.id, async () => {
      this.setActivity(fetchingActivity(this.activityOf(account.id)));
      const fetched = await this.fetch(account, options.signal);
      // Every failed request names its account, so each notice can offer to edit that account.
      if ('ok' in fetched && fetched.error instanceof TokenRequestError) fetched.error.accountId = account.id;
      return fetched;
    }, options);
    this.setActivity(activityAfter(this.activityOf(account.id), acquired, Date.now()));
    return acquired;
  }

  /** The token alone, for callers whose failure the command runner shows: a failure is thrown as the error it carries. */
  async tokenFor(account: AccountMetadata, options: { forceRefresh?: boolean } = {}): Promise<CachedToken> {
    const acquired = await this.acquire(account, options);
    if (!acquired.ok) throw acquired.error;
    return acquired.token;
  }

  async clear(accountId: string): Promise<void> {
    const had = await this.cache.peek(accountId).catch(() => undefined);
    await this.cache.clear(accountId);
    if (had) this.log.info(`Token for "${this.accounts.get(accountId)?.label ?? accountId}" cleared.`);
    // The token is gone whatever the activity was: the views redraw.
    this.activity.set(accountId, { accountId, fetching: false });
    this.changed.fire(this.activityOf(accountId));
  }

  /** The runner's view of one account's token; the views hear when the runner drops one. */
  sourceFor(account: AccountMetadata): TokenSource {
    return {
      acquire: (options) => this.tokenFor(account, options),
      invalidate: async (accessToken) => {
        const outcome = await this.cache.invalidate(account.id, accessToken);
        if (outcome === 'dropped') this.changed.fire(this.activityOf(account.id));
        return outcome;
      },
    };
  }

  /**
   * Keeps a token asked for before its account was saved (the check Add and Edit make), as if the
   * cache had asked for it: the first request after saving reuses it rather than asking again.
   */
  async adopt(account: AccountMetadata, outcome: Extract<TokenOutcome, { ok: true }>): Promise<void> {
    const acquired = await this.cache.acquire(account.id, async () => fetchedToken(outcome), { forceRefresh: true });
    this.setActivity(activityAfter(this.activityOf(account.id), acquired, Date.now()));
  }

  /**
   * One token request with these credentials, logged with the secret and the token redacted. The
   * cache's fetcher for a saved account, and the check of credentials not saved yet.
   */
  async request(account: Omit<AccountMetadata, 'id'>, clientSecret: string, signal?: AbortSignal): Promise<TokenOutcome> {
    this.log.redactor.remember(clientSecret);
    this.log.info(`Requesting a token for "${account.label}" from ${account.tokenEndpoint} (${account.authMode}).`);
    const outcome = await requestToken({
      tokenEndpoint: account.tokenEndpoint,
      clientId: account.clientId,
      clientSecret,
      authMode: account.authMode,
      timeoutMs: readSettings().tokenTimeoutMs,
      signal,
    }, this.http);
    if (!outcome.ok) {
      const response = outcome.exchange.response;
      this.log.error(
        `Token request for "${account.label}" to ${account.tokenEndpoint} failed${response ? ` (${response.status}, ${response.durationMs} ms)` : ''}`,
        outcome.error,
      );
      return outcome;
    }
    this.log.redactor.remember(outcome.token.accessToken);
    this.log.info(`Token for "${account.label}" received (${outcome.exchange.response.status}, ${outcome.exchange.response.durationMs} ms).`);
    return outcome;
  }

  private async fetch(account: AccountMetadata, signal?: AbortSignal): Promise<FreshToken | TokenFailure> {
    const clientSecret = await this.accounts.readSecret(account.id);
    if (!clientSecret) {
      this.log.warn(`No client secret is stored for "${account.label}"; no token was requested.`);
      return { ok: false, error: missingSecretError(account.label) };
    }
    return fetchedToken(await this.request(account, clientSecret, signal));
  }

  /** Announces a change only: a token reused from the cache, as on most requests, changes nothing the views show. */
  private setActivity(activity: TokenActivity): void {
    const current = this.activityOf(activity.accountId);
    this.activity.set(activity.accountId, activity);
    if (current.fetching !== activity.fetching || current.lastError !== activity.lastError) this.changed.fire(activity);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
