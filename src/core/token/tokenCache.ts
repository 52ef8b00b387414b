import type { IssuedToken } from '../oauth/tokenResponse';
import { CachedToken, isExpired, needsRenewal, toCachedToken } from './cachedToken';

/** Where tokens persist; the host backs it with SecretStorage, tests with a Map. */
export interface TokenStore {
  get(key: string): Promise<CachedToken | undefined>;
  set(key: string, token: CachedToken): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface FreshToken {
  readonly issued: IssuedToken;
  /** Epoch ms at which the token response arrived. */
  readonly receivedAt: number;
}

export type TokenFetcher = () => Promise<FreshToken>;

export type TokenCacheEvent =
  | { readonly key: string; readonly kind: 'fetching' }
  | { readonly key: string; readonly kind: 'stored'; readonly token: CachedToken }
  | { readonly key: string; readonly kind: 'failed'; readonly error: unknown }
  | { readonly key: string; readonly kind: 'cleared' };

/**
 * The token cache (SPEC §3 B): reuse while valid with a safety margin, one shared request for
 * concurrent callers, forced refresh and invalidation. A memory copy spares a store read on every
 * request; `forget` drops it when another window changed the store.
 */
export class TokenCache {
  private readonly memory = new Map<string, CachedToken | null>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();
  private readonly listeners = new Set<(event: TokenCacheEvent) => void>();

  constructor(
    private readonly store: TokenStore,
    private readonly clock: Clock = systemClock,
  ) {}

  onDidChange(listener: (event: TokenCacheEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The cached token, if any, whatever its state; never fetches. */
  async peek(key: string): Promise<CachedToken | undefined> {
    if (!this.memory.has(key)) this.memory.set(key, (await this.store.get(key)) ?? null);
    return this.memory.get(key) ?? undefined;
  }

  /** A token that may be sent now: the cached one while it is fresh, else one fetched (once for all callers). */
  async acquire(key: string, fetchToken: TokenFetcher, options: { forceRefresh?: boolean } = {}): Promise<CachedToken> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    if (!options.forceRefresh) {
      const cached = this.memory.get(key) ?? (await this.peek(key));
      if (cached && !needsRenewal(cached, this.clock.now())) return cached;
      // Another caller may have started the fetch while we read the store.
      const started = this.inFlight.get(key);
      if (started) return started;
    }
    const flight = this.fetchAndStore(key, fetchToken, !options.forceRefresh).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, flight);
    return flight;
  }

  /** Drops the token, but only if it is still `accessToken` (a 401 must not discard a newer token). */
  async invalidate(key: string, accessToken?: string): Promise<void> {
    const cached = await this.peek(key);
    if (!cached || (accessToken !== undefined && cached.accessToken !== accessToken)) return;
    await this.clear(key);
  }

  async clear(key: string): Promise<void> {
    this.memory.set(key, null);
    await this.store.delete(key);
    this.emit({ key, kind: 'cleared' });
  }

  /** Forgets the memory copy so the next read comes from the store (another window changed it). */
  forget(key: string): void {
    this.memory.delete(key);
  }

  private async fetchAndStore(key: string, fetchToken: TokenFetcher, keepValidOnFailure: boolean): Promise<CachedToken> {
    this.emit({ key, kind: 'fetching' });
    const previous = this.memory.get(key) ?? undefined;
    let fresh: FreshToken;
    try {
      fresh = await fetchToken();
    } catch (error) {
      this.emit({ key, kind: 'failed', error });
      // SPEC §5: a renewal inside the margin failed, but the token is still valid, so it stays in use.
      // A forced refresh (a 401, or the user asking) wants a new token, so its failure reaches the caller.
      if (keepValidOnFailure && previous && !isExpired(previous, this.clock.now())) return previous;
      throw error;
    }
    let token = toCachedToken(fresh.issued, fresh.receivedAt);
    if (previous && previous.accessToken === token.accessToken) {
      // The server handed back the token we wanted to renew: it issues no new one before this one
      // expires, so asking again before then would only repeat the same POST.
      token = { ...token, obtainedAt: Math.min(previous.obtainedAt, token.obtainedAt), refreshAt: token.expiresAt };
    }
    if (isExpired(token, this.clock.now())) {
      const error = new Error('The token endpoint returned a token that has already expired (expires_in is 0). Check the server clock and the service account.');
      this.emit({ key, kind: 'failed', error });
      throw error;
    }
    this.memory.set(key, token);
    await this.store.set(key, token);
    this.emit({ key, kind: 'stored', token });
    return token;
  }

  private emit(event: TokenCacheEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** A TokenStore in memory: for tests, the benchmark and ad-hoc Try It sessions. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, CachedToken>();
  async get(key: string) {
    return this.tokens.get(key);
  }
  async set(key: string, token: CachedToken) {
    this.tokens.set(key, token);
  }
  async delete(key: string) {
    this.tokens.delete(key);
  }
}
