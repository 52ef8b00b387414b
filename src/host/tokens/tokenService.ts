import * as vscode from 'vscode';
import { AccountMetadata } from '../../core/accounts/account';
import { TokenSource } from '../../core/graphql/graphqlRunner';
import type { HttpPost } from '../../core/http/httpPost';
import { FailedTokenExchange, requestToken } from '../../core/oauth/requestToken';
import { missingSecretError, TokenRequestError } from '../../core/oauth/tokenError';
import { CachedToken } from '../../core/token/cachedToken';
import type { TokenActivity } from '../../core/token/tokenActivity';
import { type Acquisition, type FreshToken, TokenCache, TokenCacheEvent } from '../../core/token/tokenCache';
import { AccountStore } from '../accounts/accountStore';
import { Log } from '../log';
import { readSettings } from '../settings';
import { SecretTokenStore, TOKEN_SECRET_PREFIX } from './secretTokenStore';


/**
 * Gets tokens for saved accounts: the core cache over SecretStorage, fed by the client-credentials
 * request with the account's stored secret. Failures are remembered until the next success
 * (a valid token stays in use through an outage, and the error state shows).
 */
export class TokenService implements vscode.Disposable {
  readonly cache: TokenCache;
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
      this.cache.onDidChange((event) => this.record(event)),
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

  /** A token to send now, and what getting it took: the exchange made, or the renewal that failed while a valid token was kept. */
  acquire(account: AccountMetadata, options: { forceRefresh?: boolean; signal?: AbortSignal } = {}): Promise<Acquisition> {
    return this.cache.acquire(account.id, () => this.fetch(account, options.signal).catch((error: unknown) => {
      if (error instanceof TokenRequestError) error.accountId ??= account.id;
      throw error;
    }), options);
  }

  async clear(accountId: string): Promise<void> {
    const had = await this.cache.peek(accountId).catch(() => undefined);
    await this.cache.clear(accountId);
    if (had) this.log.info(`Token for "${this.accounts.get(accountId)?.label ?? accountId}" cleared.`);
    this.activity.set(accountId, { accountId, fetching: false });
    this.changed.fire(this.activityOf(accountId));
  }

  /** The runner's view of one account's token. */
  sourceFor(account: AccountMetadata): TokenSource {
    return {
      acquire: async (options) => (await this.acquire(account, options)).token,
      invalidate: (accessToken) => this.cache.invalidate(account.id, accessToken),
    };
  }

  private async fetch(account: AccountMetadata, signal?: AbortSignal): Promise<FreshToken> {
    const clientSecret = await this.accounts.readSecret(account.id);
    if (!clientSecret) {
      this.log.warn(`No client secret is stored for "${account.label}"; no token was requested.`);
      throw missingSecretError(account.label);
    }
    this.log.redactor.remember(clientSecret);
    this.log.info(`Requesting a token for "${account.label}" from ${account.tokenEndpoint} (${account.authMode}).`);
    try {
      const result = await requestToken({
        tokenEndpoint: account.tokenEndpoint,
        clientId: account.clientId,
        clientSecret,
        authMode: account.authMode,
        timeoutMs: readSettings().tokenTimeoutMs,
        signal,
      }, this.http);
      this.log.redactor.remember(result.token.accessToken);
      this.log.info(`Token for "${account.label}" received (${result.exchange.response.status}, ${result.exchange.response.durationMs} ms).`);
      return { issued: result.token, sentAt: result.exchange.sentAt, receivedAt: result.exchange.receivedAt, exchange: result.exchange };
    } catch (error) {
      const response = error instanceof FailedTokenExchange ? error.exchange.response : undefined;
      this.log.error(
        `Token request for "${account.label}" to ${account.tokenEndpoint} failed${response ? ` (${response.status}, ${response.durationMs} ms)` : ''}`,
        error,
      );
      throw error;
    }
  }

  private record(event: TokenCacheEvent): void {
    const current = this.activityOf(event.key);
    switch (event.kind) {
      case 'fetching':
        this.activity.set(event.key, { ...current, fetching: true });
        break;
      case 'stored':
        this.activity.set(event.key, { ...current, fetching: false, lastError: undefined });
        break;
      case 'failed': {
        const error = event.error as { code?: string; message?: string; hint?: string };
        // A request the user cancelled did not fail: the previous state stands.
        const lastError =
          error?.code === 'cancelled'
            ? current.lastError
            : { code: error?.code, message: error?.message ?? String(event.error), hint: error?.hint, at: Date.now() };
        this.activity.set(event.key, { ...current, fetching: false, lastError });
        break;
      }
      case 'cleared':
        this.activity.set(event.key, { ...current, fetching: false });
        break;
    }
    this.changed.fire(this.activityOf(event.key));
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
