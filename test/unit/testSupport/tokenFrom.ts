import type { CachedToken } from '../../../src/core/token/cachedToken';
import type { TokenCache, TokenFetcher } from '../../../src/core/token/tokenCache';

/** The token an acquire hands out, for tests about which token, not about how it was got. */
export async function tokenFrom(cache: TokenCache, key: string, fetch: TokenFetcher, options?: { forceRefresh?: boolean }): Promise<CachedToken> {
  return (await cache.acquire(key, fetch, options)).token;
}
