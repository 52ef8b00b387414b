import type { CachedToken } from '../../../src/core/token/cachedToken';
import type { TokenCache, TokenFetcher } from '../../../src/core/token/tokenCache';

/** The token an acquire hands out, for tests about which token, not about how it was got; a failure rejects with its error. */
export async function tokenFrom(cache: TokenCache, key: string, fetch: TokenFetcher, options?: { forceRefresh?: boolean }): Promise<CachedToken> {
  const acquired = await cache.acquire(key, fetch, options);
  if (!acquired.ok) throw acquired.error;
  return acquired.token;
}
