import type { IssuedToken } from '../oauth/tokenResponse';

/** A token as the cache keeps it (in SecretStorage, through TokenStore). All times are epoch ms. */
export interface CachedToken {
  readonly accessToken: string;
  readonly tokenType?: string;
  readonly obtainedAt: number;
  /** undefined when neither expires_in nor a JWT exp said when the token ends. */
  readonly expiresAt?: number;
  /** From here on the token is renewed before use; before expiresAt by the safety margin. */
  readonly refreshAt?: number;
}

const MAX_MARGIN_MS = 60_000;

/** SPEC §3 B: reuse while valid, with a safety margin of min(60 s, 10% of the lifetime). */
export function safetyMarginMs(lifetimeMs: number): number {
  return Math.max(0, Math.min(MAX_MARGIN_MS, lifetimeMs * 0.1));
}

/**
 * Dates a token from the moment its response arrived. Pipefy's `expires_in` counts the seconds
 * left (it returns the same token, with less time left, while that token is valid), so the expiry
 * is receive time + expires_in. `created_at`, when present, says when the token was really
 * obtained, which gives the whole lifetime the margin is taken from.
 */
export function toCachedToken(issued: IssuedToken, receivedAt: number): CachedToken {
  const createdAt = issued.createdAtSeconds !== undefined ? issued.createdAtSeconds * 1000 : undefined;
  const jwt = decodeJwtTimes(issued.accessToken);
  const obtainedAt = Math.min(receivedAt, createdAt ?? jwt?.iat ?? receivedAt);
  const expiresAt = issued.expiresInSeconds !== undefined ? receivedAt + issued.expiresInSeconds * 1000 : jwt?.exp;
  const refreshAt = expiresAt === undefined ? undefined : expiresAt - safetyMarginMs(expiresAt - obtainedAt);
  return { accessToken: issued.accessToken, tokenType: issued.tokenType, obtainedAt, expiresAt, refreshAt };
}

/** A token may be sent while it has not expired; it is reused (not renewed) until refreshAt. */
export function isExpired(token: CachedToken, now: number): boolean {
  return token.expiresAt !== undefined && now >= token.expiresAt;
}

/** Also true for an expired token without refreshAt (an older or foreign store entry): it must never be handed out. */
export function needsRenewal(token: CachedToken, now: number): boolean {
  return (token.refreshAt !== undefined && now >= token.refreshAt) || isExpired(token, now);
}

/** Reads `exp` and `iat` (epoch seconds) from a JWT's payload without verifying it: only to date it. */
export function decodeJwtTimes(token: string): { exp?: number; iat?: number } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!payload || typeof payload !== 'object') return undefined;
    const { exp, iat } = payload as { exp?: unknown; iat?: unknown };
    const ms = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined);
    return { exp: ms(exp), iat: ms(iat) };
  } catch {
    return undefined;
  }
}

/** Parses what a TokenStore holds; anything malformed counts as no token at all. */
export function parseCachedToken(value: unknown): CachedToken | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const optionalNumber = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isFinite(x));
  if (typeof v.accessToken !== 'string' || !v.accessToken) return undefined;
  if (typeof v.obtainedAt !== 'number' || !optionalNumber(v.expiresAt) || !optionalNumber(v.refreshAt)) return undefined;
  if (v.tokenType !== undefined && typeof v.tokenType !== 'string') return undefined;
  return {
    accessToken: v.accessToken,
    tokenType: v.tokenType as string | undefined,
    obtainedAt: v.obtainedAt,
    expiresAt: v.expiresAt as number | undefined,
    refreshAt: v.refreshAt as number | undefined,
  };
}
