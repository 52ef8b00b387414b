import * as v from 'valibot';
import { lenient } from '../json/lenient';
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
  /**
   * The server handed this token out again while it was valid: it will do so until the token ends,
   * so renewing it is only worth asking for after that.
   */
  readonly reissued?: boolean;
}

const MAX_MARGIN_MS = 60_000;

/** Reused while valid, with a safety margin of min(60 s, 10% of the lifetime): a token must not expire in flight. */
export function safetyMarginMs(lifetimeMs: number): number {
  return Math.max(0, Math.min(MAX_MARGIN_MS, lifetimeMs * 0.1));
}

const MAX_IN_FLIGHT_GUARD_MS = 1000;

/**
 * A token is not sent in its last moment (at most 1 s, and never more than the margin): a request
 * sent then could reach the server after the token has ended there.
 */
export function inFlightGuardMs(token: CachedToken): number {
  return token.expiresAt === undefined ? 0 : Math.min(MAX_IN_FLIGHT_GUARD_MS, safetyMarginMs(token.expiresAt - token.obtainedAt));
}

/** When the token request went out and when its answer came back, both epoch ms. */
export interface RequestTiming {
  readonly sentAt: number;
  readonly receivedAt: number;
}

/**
 * `expires_in` counts the whole seconds a token has left when the server answers (Pipefy hands
 * the same token back, with less time left, while it is valid), and the server answered somewhere
 * between sending and receiving. Counting from `sentAt` can only make the expiry early, never late,
 * so a request is never sent with a token the server already considers dead. `created_at`, when
 * present, says when the token was really obtained, which gives the whole lifetime the margin is
 * taken from.
 */
export function toCachedToken(issued: IssuedToken, timing: RequestTiming): CachedToken {
  const { sentAt, receivedAt } = timing;
  const createdAt = issued.createdAtSeconds !== undefined ? issued.createdAtSeconds * 1000 : undefined;
  const jwt = decodeJwtTimes(issued.accessToken);
  const obtainedAt = Math.min(receivedAt, createdAt ?? jwt?.iat ?? receivedAt);
  const expiresAt = issued.expiresInSeconds !== undefined ? Math.min(sentAt, receivedAt) + issued.expiresInSeconds * 1000 : jwt?.exp;
  const refreshAt = expiresAt === undefined ? undefined : expiresAt - safetyMarginMs(expiresAt - obtainedAt);
  return { accessToken: issued.accessToken, tokenType: issued.tokenType, obtainedAt, expiresAt, refreshAt };
}

/** `expires_in` is whole seconds: a token the server still hands out has less than this much more to live than it says. */
export const EXPIRES_IN_ROUNDING_MS = 1000;

export type AnsweredToken =
  | { readonly kind: 'use'; readonly token: CachedToken }
  /** The token the server answered with is at its end: ask again once it has surely died. */
  | { readonly kind: 'wait'; readonly token: CachedToken; readonly askAgainAt: number };

/** When a server that hands out `token` again while it is valid surely hands out a new one. */
export function nextTokenAt(token: CachedToken, receivedAt: number): number {
  return Math.max(receivedAt, token.expiresAt ?? receivedAt) + EXPIRES_IN_ROUNDING_MS;
}

/**
 * What to make of a token answer, given the token held before. When the same token comes back,
 * its expiry never moves later: a server that repeats the whole lifetime for a token it re-serves
 * would otherwise make a dying token look fresh. It moves earlier only when the answer proves the
 * token ends sooner than believed (even allowing for the rounding of expires_in). Either way the
 * endpoint is not asked again before that expiry, as it would only answer the same.
 * A token in its last moment (see inFlightGuardMs), or ended by this count yet just handed out,
 * is not used: the answer is to wait until the server surely hands out a new one.
 */
export function judgeAnsweredToken(previous: CachedToken | undefined, answered: CachedToken, timing: RequestTiming, now: number): AnsweredToken {
  let token = answered;
  if (previous && previous.accessToken === answered.accessToken) {
    const latestPossible = answered.expiresAt === undefined ? undefined : timing.receivedAt + (answered.expiresAt - Math.min(timing.sentAt, timing.receivedAt)) + EXPIRES_IN_ROUNDING_MS;
    const keepPrevious = previous.expiresAt !== undefined && (latestPossible === undefined || previous.expiresAt <= latestPossible);
    const expiresAt = keepPrevious ? previous.expiresAt : answered.expiresAt;
    const obtainedAt = Math.min(previous.obtainedAt, answered.obtainedAt);
    const reissued = { ...answered, obtainedAt, expiresAt, reissued: true };
    token = { ...reissued, refreshAt: expiresAt === undefined ? undefined : expiresAt - inFlightGuardMs(reissued) };
  }
  if (!isSendable(token, now)) return { kind: 'wait', token, askAgainAt: nextTokenAt(token, timing.receivedAt) };
  return { kind: 'use', token };
}

/** A token may be sent while it has not expired; it is reused (not renewed) until refreshAt. */
export function isExpired(token: CachedToken, now: number): boolean {
  return token.expiresAt !== undefined && now >= token.expiresAt;
}

/** Whether a request may still carry the token: it has more than its in-flight guard left. */
export function isSendable(token: CachedToken, now: number): boolean {
  return token.expiresAt === undefined || now < token.expiresAt - inFlightGuardMs(token);
}

/** Also true for a token past sending without refreshAt (an older or foreign store entry): it must never be handed out. */
export function needsRenewal(token: CachedToken, now: number): boolean {
  return (token.refreshAt !== undefined && now >= token.refreshAt) || !isSendable(token, now);
}

/** A JWT time claim (epoch seconds) as epoch ms; any other value reads as absent. */
const jwtTime = lenient(v.pipe(v.number(), v.finite(), v.transform((seconds) => seconds * 1000)));

/** Only the claims that date a token; the payload may hold anything else. */
const JwtTimesSchema = v.object({ exp: jwtTime, iat: jwtTime });

export type JwtTimes = v.InferOutput<typeof JwtTimesSchema>;

/** Reads `exp` and `iat` (epoch seconds) from a JWT's payload without verifying it: only to date it. */
export function decodeJwtTimes(token: string): JwtTimes | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(JwtTimesSchema, payload);
  return parsed.success ? { exp: parsed.output.exp, iat: parsed.output.iat } : undefined;
}

const epochMs = v.pipe(v.number(), v.finite());

const StoredTokenSchema = v.object({
  accessToken: v.pipe(v.string(), v.nonEmpty()),
  tokenType: v.optional(v.string()),
  obtainedAt: v.number(),
  expiresAt: v.optional(epochMs),
  refreshAt: v.optional(epochMs),
  reissued: v.optional(v.boolean()),
});

/** Parses what a TokenStore holds; anything malformed counts as no token at all. */
export function parseCachedToken(value: unknown): CachedToken | undefined {
  const parsed = v.safeParse(StoredTokenSchema, value);
  if (!parsed.success) return undefined;
  const { accessToken, tokenType, obtainedAt, expiresAt, refreshAt, reissued } = parsed.output;
  return { accessToken, tokenType, obtainedAt, expiresAt, refreshAt, ...(reissued ? { reissued } : {}) };
}
