import * as vscode from 'vscode';
import { CachedToken, parseCachedToken } from '../../core/token/cachedToken';
import { TokenStore } from '../../core/token/tokenCache';

export const TOKEN_SECRET_PREFIX = 'pipefy.token.';

/** Tokens persist in SecretStorage only, never in settings, state or files; one entry per account. */
export class SecretTokenStore implements TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(accountId: string): Promise<CachedToken | undefined> {
    const text = await this.secrets.get(TOKEN_SECRET_PREFIX + accountId);
    if (!text) return undefined;
    try {
      return parseCachedToken(JSON.parse(text));
    } catch {
      return undefined;
    }
  }

  async set(accountId: string, token: CachedToken): Promise<void> {
    await this.secrets.store(TOKEN_SECRET_PREFIX + accountId, JSON.stringify(token));
  }

  async delete(accountId: string): Promise<void> {
    await this.secrets.delete(TOKEN_SECRET_PREFIX + accountId);
  }
}
