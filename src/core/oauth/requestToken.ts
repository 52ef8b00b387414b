import axios, { AxiosInstance } from 'axios';
import type { ClientAuthMode } from '../accounts/account';
import { checkEndpointUrl } from '../accounts/endpointUrl';
import { REDACTED, encodedForms, redactSecrets } from '../log/redact';
import { describeTransportFailure, flattenHeaders } from '../http/transport';
import { buildTokenRequest } from './clientAuthentication';
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

/** What was sent, with the secret redacted, so a user can see it (SPEC §1 pain 7). */
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
  /** Epoch ms at which the response arrived; the expiry is counted from here. */
  readonly receivedAt?: number;
}

export interface TokenResult {
  readonly token: IssuedToken;
  readonly exchange: TokenExchange & { readonly response: ReceivedResponse; readonly receivedAt: number };
}

/** A failed token request still tells what was sent and, if anything came back, what. */
export class FailedTokenExchange extends TokenRequestError {
  constructor(cause: TokenRequestError, readonly exchange: TokenExchange) {
    super(cause.code, cause.message, cause.hint, cause.details);
  }
}

export function previewTokenRequest(config: Omit<TokenRequestConfig, 'signal' | 'timeoutMs'>): RequestPreview {
  const parts = buildTokenRequest(config.authMode, config);
  const secrets = encodedForms(config.clientSecret);
  const headers = { ...parts.headers };
  if (headers.Authorization) headers.Authorization = `Basic ${REDACTED}`;
  return { method: 'POST', url: config.tokenEndpoint.trim(), headers, body: redactSecrets(parts.body, secrets) };
}

/**
 * The client-credentials grant: one POST, no redirects followed (a redirect could carry the secret
 * to another host), a bounded body, and every failure turned into a TokenRequestError.
 */
export async function requestToken(
  config: TokenRequestConfig,
  http: AxiosInstance = axios,
  now: () => number = Date.now,
): Promise<TokenResult> {
  const request = previewTokenRequest(config);
  const urlProblem = checkEndpointUrl(config.tokenEndpoint, 'token endpoint');
  if (urlProblem) {
    throw new FailedTokenExchange(new TokenRequestError('invalid_config', urlProblem, 'Fix the token endpoint and try again.'), { request });
  }
  const parts = buildTokenRequest(config.authMode, config);
  const started = performance.now();
  let raw: RawHttpResponse;
  try {
    const response = await http.request<string>({
      method: 'POST',
      url: config.tokenEndpoint.trim(),
      headers: parts.headers,
      data: parts.body,
      timeout: config.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
      signal: config.signal,
      maxRedirects: 0,
      maxContentLength: MAX_TOKEN_RESPONSE_BYTES,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
    });
    raw = { status: response.status, headers: flattenHeaders(response.headers), bodyText: String(response.data ?? '') };
  } catch (error) {
    throw new FailedTokenExchange(transportError(error, config.tokenEndpoint, config.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS), { request });
  }
  const receivedAt = now();
  const exchange = {
    request,
    receivedAt,
    response: {
      ...raw,
      durationMs: Math.round(performance.now() - started),
      sizeBytes: Buffer.byteLength(raw.bodyText, 'utf8'),
    },
  };
  try {
    return { token: processTokenResponse(raw), exchange };
  } catch (error) {
    throw error instanceof TokenRequestError ? new FailedTokenExchange(error, exchange) : error;
  }
}

function transportError(error: unknown, url: string, timeoutMs: number): TokenRequestError {
  const failure = describeTransportFailure(error, url, timeoutMs, 'pipefy.tokenRequestTimeoutSeconds');
  const hint = failure.kind === 'response_too_large' ? `Token responses over ${MAX_TOKEN_RESPONSE_BYTES / 1024 / 1024} MB are refused. ${failure.hint}` : failure.hint;
  return new TokenRequestError(failure.kind, failure.message, hint);
}
