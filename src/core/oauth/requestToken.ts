import type { ClientAuthMode } from '../accounts/account';
import { checkEndpointUrl } from '../accounts/endpointUrl';
import { REDACTED, encodedForms, redactSecrets } from '../log/redact';
import { type HttpPost, TransportFailure } from '../http/httpPost';
import { describeTransportFailure } from '../http/transport';
import { basicEncodingsToTry, buildTokenRequest, type ClientCredentials, type TokenRequestParts } from './clientAuthentication';
import type { RequestTiming } from '../token/cachedToken';
import { TokenRequestError } from './tokenError';
import { IssuedToken, RawHttpResponse, processTokenResponse } from './tokenResponse';

export const DEFAULT_TOKEN_TIMEOUT_MS = 15_000;
export const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

export interface TokenRequestConfig {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authMode: ClientAuthMode;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** What was sent, with the secret redacted, so a user can see what went out, which most tools hide. */
export interface RequestPreview {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ReceivedResponse extends RawHttpResponse {
  readonly durationMs: number;
  readonly sizeBytes: number;
}

/** One round trip to the token endpoint, as the Try It panel shows it. */
export interface TokenExchange {
  readonly request: RequestPreview;
  readonly response?: ReceivedResponse;
  /** Epoch ms at which the request went out; the expiry is counted from here. */
  readonly sentAt?: number;
  /** Epoch ms at which the response arrived. */
  readonly receivedAt?: number;
}

/**
 * What one token request did. A failure still tells what was sent and, if anything came back,
 * what: the Try It panel shows both.
 */
export type TokenOutcome =
  | { readonly ok: true; readonly token: IssuedToken; readonly exchange: PostedExchange }
  | { readonly ok: false; readonly error: TokenRequestError; readonly exchange: TokenExchange };

export function previewTokenRequest(config: Omit<TokenRequestConfig, 'signal' | 'timeoutMs'>): RequestPreview {
  const parts = buildTokenRequest(config.authMode, config);
  const secrets = encodedForms(config.clientSecret);
  const headers = { ...parts.headers };
  if (headers.Authorization) headers.Authorization = `Basic ${REDACTED}`;
  return { method: 'POST', url: config.tokenEndpoint.trim(), headers, body: redactSecrets(parts.body, secrets) };
}

/**
 * The client-credentials grant: one POST (a second for Basic when the two ways of writing the
 * credentials differ and the first was refused), no redirects followed (a redirect could carry
 * the secret to another host), a bounded body, and every failure returned as a TokenRequestError.
 * `httpPost` is the caller's: the host passes the editor's network (its proxy and certificates).
 */
export async function requestToken(
  config: TokenRequestConfig,
  httpPost: HttpPost,
  now: () => number = Date.now,
): Promise<TokenOutcome> {
  const request = previewTokenRequest(config);
  const urlProblem = checkEndpointUrl(config.tokenEndpoint, 'token endpoint');
  if (urlProblem) return { ok: false, error: new TokenRequestError('invalid_config', urlProblem, 'Fix the token endpoint and try again.'), exchange: { request } };
  const encodings = config.authMode === 'basic' ? basicEncodingsToTry(config) : (['as-is'] as const);
  for (const [index, encoding] of encodings.entries()) {
    const posted = await post(httpPost, config, buildTokenRequest(config.authMode, config, encoding), request, now);
    if (!('response' in posted)) return { ok: false, error: posted.error, exchange: { request } };
    try {
      return { ok: true, token: processTokenResponse(posted.response), exchange: posted };
    } catch (error) {
      if (!(error instanceof TokenRequestError)) throw error;
      // Servers read a Basic header's + / = % : differently; the other way is worth one more try.
      if (error.code === 'invalid_client' && index < encodings.length - 1) continue;
      return { ok: false, error: config.authMode === 'basic' && error.code === 'invalid_client' ? basicRefusal(error, config) : error, exchange: posted };
    }
  }
  throw new Error('No client authentication was tried.');
}

type PostedExchange = TokenExchange & { readonly response: ReceivedResponse } & RequestTiming;

async function post(
  http: HttpPost,
  config: TokenRequestConfig,
  parts: TokenRequestParts,
  request: RequestPreview,
  now: () => number,
): Promise<PostedExchange | { readonly error: TokenRequestError }> {
  const sentAt = now();
  const timeoutMs = config.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  let raw: RawHttpResponse & { durationMs: number };
  try {
    raw = await http({ url: config.tokenEndpoint.trim(), headers: parts.headers, body: parts.body, timeoutMs, signal: config.signal, maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES });
  } catch (error) {
    if (!(error instanceof TransportFailure)) throw error;
    return { error: transportError(error, config.tokenEndpoint, timeoutMs) };
  }
  return { request, sentAt, receivedAt: now(), response: { ...raw, sizeBytes: Buffer.byteLength(raw.bodyText, 'utf8') } };
}

/** A Basic refusal when the encoding may be the cause says which mode does not depend on it. */
function basicRefusal(error: TokenRequestError, credentials: ClientCredentials): TokenRequestError {
  const tried = basicEncodingsToTry(credentials);
  if (tried.length === 1 && tried[0] === 'as-is') return error;
  const why =
    tried.length > 1
      ? 'The client ID or secret holds characters (such as + / = % : or a space) that servers read differently in a Basic header; it was sent both as-is and form-encoded, and both were refused.'
      : 'The client ID holds a colon, which a server that reads Basic credentials as sent (as Pipefy\'s Doorkeeper does) takes for the end of the ID.';
  return new TokenRequestError(
    error.code,
    error.message,
    `${why} If the ID and secret are right, use the form body mode (client_secret_post) instead: every server reads it the same way.`,
    error.details,
  );
}

function transportError(error: TransportFailure, url: string, timeoutMs: number): TokenRequestError {
  const failure = describeTransportFailure(error, url, timeoutMs, 'pipefy.tokenRequestTimeoutSeconds');
  const hint = failure.kind === 'response_too_large' ? `Token responses over ${MAX_TOKEN_RESPONSE_BYTES / 1024 / 1024} MB are refused. ${failure.hint}` : failure.hint;
  return new TokenRequestError(failure.kind, failure.message, hint);
}
