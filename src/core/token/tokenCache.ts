import type { TokenExchange, TokenOutcome } from '../oauth/requestToken';
import type { IssuedToken } from '../oauth/tokenResponse';
import { CachedToken, RequestTiming, isSendable, judgeAnsweredToken, needsRenewal, nextTokenAt, toCachedToken } from './cachedToken';

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

/** Waits ms on the clock the cache runs on; tests with a fake clock advance it instead. */
export type Sleep = (ms: number) => Promise<void>;

export const systemSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FreshToken extends RequestTiming {
  readonly issued: IssuedToken;
  /** The round trip that brought it, for those who show it (the Try It panel). */
  readonly exchange?: TokenExchange;
}

/**
 * Why no token could be had, with the round trip if one was made (what was sent, and what came
 * back if anything did), so the caller can show it.
 */
export interface TokenFailure {
  readonly ok: false;
  readonly error: unknown;
  readonly exchange?: TokenExchange;
}

/** What one acquire did: every caller that shared a request sees the same. */
export interface Acquisition {
  readonly ok: true;
  readonly token: CachedToken;
  /** The token endpoint's last answer, when a request was made (or shared) for this call; absent when the cached token was reused. */
  readonly exchange?: TokenExchange;
  /** True when a request was made and the endpoint answered with the token already held (as servers do while it is valid). */
  readonly reissued?: boolean;
  /** Set when a renewal inside the margin failed and `token`, still valid, was kept: the renewal's error. */
  readonly renewalFailure?: unknown;
}

/** A token, or why there is none: acquire never throws, so every caller learns from its own call what happened. */
export type Acquired = Acquisition | TokenFailure;

/** A token request's outcome as the cache takes it from its fetcher. */
export function fetchedToken(outcome: TokenOutcome): FreshToken | TokenFailure {
  if (!outcome.ok) return outcome;
  const { exchange } = outcome;
  return { issued: outcome.token, sentAt: exchange.sentAt, receivedAt: exchange.receivedAt, exchange };
}

/** One token request seen as an acquire, for a token that no cache keeps (Try It's ad hoc values). */
export function acquiredOnce(outcome: TokenOutcome): Acquired {
  return outcome.ok ? { ok: true, token: toCachedToken(outcome.token, outcome.exchange), exchange: outcome.exchange } : outcome;
}

export type InvalidateOutcome = 'dropped' | 'superseded' | 'absent';

/** How many times a token at its end is waited out before the cache gives up on the endpoint. */
const MAX_WAITS_FOR_NEXT_TOKEN = 3;

/** Asks the endpoint once; a refusal comes back as a TokenFailure (a throw counts as one too). */
export type TokenFetcher = () => Promise<FreshToken | TokenFailure>;

/**
 * The token cache: reuse while valid with a safety margin, one shared request for
 * concurrent callers, forced refresh and invalidation. A memory copy spares a store read on every
 * request; `forget` drops it when another window changed the store.
 */
export class TokenCache {
  private readonly memory = new Map<string, CachedToken | null>();
  private readonly inFlight = new Map<string, Promise<Acquired>>();

  constructor(
    private readonly store: TokenStore,
    private readonly clock: Clock = systemClock,
    private readonly sleep: Sleep = systemSleep,
  ) {}

  /** The cached token, if any, whatever its state; never fetches. */
  async peek(key: string): Promise<CachedToken | undefined> {
    if (!this.memory.has(key)) this.memory.set(key, (await this.store.get(key)) ?? null);
    return this.memory.get(key) ?? undefined;
  }

  /** A token that may be sent now: the cached one while it is fresh, else one fetched (once for all callers), and how it was got; or why there is none. */
  async acquire(key: string, fetchToken: TokenFetcher, options: { forceRefresh?: boolean } = {}): Promise<Acquired> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    if (!options.forceRefresh) {
      let cached: CachedToken | undefined;
      try {
        cached = this.memory.get(key) ?? (await this.peek(key));
      } catch (error) {
        return { ok: false, error };
      }
      if (cached && !needsRenewal(cached, this.clock.now())) return { ok: true, token: cached };
      // Another caller may have started the fetch while we read the store.
      const started = this.inFlight.get(key);
      if (started) return started;
    }
    const flight = this.fetchAndStore(key, fetchToken, !options.forceRefresh)
      .catch((error: unknown): TokenFailure => ({ ok: false, error }))
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, flight);
    return flight;
  }

  /**
   * Drops the token, but only if it is still `accessToken` (a 401 must not discard a newer token).
   * Another window may already have stored a newer one that this window has not heard of yet:
   * then that one is taken up instead. Says which: 'superseded' when a newer token is held.
   */
  async invalidate(key: string, accessToken?: string): Promise<InvalidateOutcome> {
    const cached = await this.peek(key);
    if (!cached) return 'absent';
    if (accessToken !== undefined && cached.accessToken !== accessToken) return 'superseded';
    if (accessToken !== undefined) {
      const stored = await this.store.get(key);
      if (stored && stored.accessToken !== accessToken) {
        this.memory.set(key, stored);
        return 'superseded';
      }
    }
    await this.clear(key);
    return 'dropped';
  }

  async clear(key: string): Promise<void> {
    this.memory.set(key, null);
    await this.store.delete(key);
  }

  /** Forgets the memory copy so the next read comes from the store (another window changed it). */
  forget(key: string): void {
    this.memory.delete(key);
  }

  private async fetchAndStore(key: string, fetchToken: TokenFetcher, keepValidOnFailure: boolean): Promise<Acquired> {
    let previous = this.memory.get(key) ?? undefined;
    // What is held now, read from the store if a forced refresh skipped that, to tell a re-issued token from a new one.
    const held = previous ?? (await this.peek(key).catch(() => undefined));
    // A server that handed the held token out again will do so until it ends: asking sooner only
    // brings it back, so wait (and the callers sharing this flight with us) until it surely has.
    if (keepValidOnFailure && previous?.reissued) await this.sleep(Math.max(0, nextTokenAt(previous, this.clock.now()) - this.clock.now()));
    for (let waits = 0; ; waits++) {
      const fresh = await fetchToken().catch((error: unknown): TokenFailure => ({ ok: false, error }));
      if ('ok' in fresh) {
        // A renewal inside the margin failed, but the token is still valid, so it stays in use.
        // A forced refresh (a 401, or the user asking) wants a new token, so its failure reaches the caller.
        if (keepValidOnFailure && previous && isSendable(previous, this.clock.now())) return { ok: true, token: previous, renewalFailure: fresh.error };
        return fresh;
      }
      const verdict = judgeAnsweredToken(previous, toCachedToken(fresh.issued, fresh), fresh, this.clock.now());
      if (verdict.kind === 'use') {
        this.memory.set(key, verdict.token);
        await this.store.set(key, verdict.token);
        return { ok: true, token: verdict.token, exchange: fresh.exchange, reissued: verdict.token.accessToken === held?.accessToken };
      }
      if (waits === MAX_WAITS_FOR_NEXT_TOKEN) {
        const error = new Error(
          'The token endpoint keeps handing out a token that has already expired (expires_in is 0, or its exp has passed), even after waiting for it to end. Check the server clock and the service account.',
        );
        return { ok: false, error, exchange: fresh.exchange };
      }
      // The server still holds a token in its last second: wait it out, then the next answer is a new one.
      previous = verdict.token;
      await this.sleep(Math.max(0, verdict.askAgainAt - this.clock.now()));
    }
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
