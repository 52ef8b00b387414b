import * as v from 'valibot';
import { TokenRequestError } from './tokenError';
import { isJsonObject } from '../json/jsonObject';
import { lenient } from '../json/lenient';

/** A token response that passed validation. Only what the client needs is checked; `raw` keeps the rest for display. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType?: string;
  readonly expiresInSeconds?: number;
  /** Epoch seconds, when the server says when it issued the token (Doorkeeper, and so Pipefy, does). */
  readonly createdAtSeconds?: number;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface RawHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
}

const OAUTH_ERROR_HINTS: Record<string, { code: TokenRequestError['code']; hint: string }> = {
  invalid_client: {
    code: 'invalid_client',
    hint: 'Check the client ID, the client secret and the client authentication mode. Pipefy shows a secret only once: if it was lost, create a new secret for the service account.',
  },
  invalid_request: {
    code: 'invalid_request',
    hint: 'The token endpoint did not accept the request. Check the token endpoint URL and try another client authentication mode (form, JSON or Basic).',
  },
  unauthorized_client: {
    code: 'unauthorized_client',
    hint: 'This client may not use the client_credentials grant. Check that it is a Pipefy service account.',
  },
  invalid_grant: { code: 'invalid_grant', hint: 'The server rejected the grant. Check that the token endpoint belongs to this service account.' },
  unsupported_grant_type: {
    code: 'unsupported_grant_type',
    hint: 'This server does not support client_credentials. Check that the URL is the service account\'s token endpoint.',
  },
  invalid_scope: { code: 'invalid_scope', hint: 'Pipefy needs no scope; check the token endpoint URL.' },
};

/** An OAuth error answer (RFC 6749 §5.2); a field of another type is ignored, as if not sent. */
const OAuthErrorSchema = v.object({ error: lenient(v.string()), error_description: lenient(v.string()) });

/** Turns any HTTP answer from the token endpoint into an IssuedToken, or a TokenRequestError that says why not. */
export function processTokenResponse(response: RawHttpResponse): IssuedToken {
  const { status, headers, bodyText } = response;
  if (status >= 300 && status < 400) {
    throw new TokenRequestError(
      'redirect',
      `The token endpoint answered ${status} with a redirect${headers.location ? ` to ${headers.location}` : ''}, which is not followed so the secret is not sent elsewhere.`,
      'Use the final token endpoint URL shown on the service account page in Pipefy.',
      { status },
    );
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(headers['retry-after']);
    throw new TokenRequestError(
      'rate_limited',
      `The token endpoint is rate limiting requests (429)${retryAfterSeconds !== undefined ? `; it asks to retry after ${retryAfterSeconds} s` : ''}.`,
      'Wait before asking for another token. A valid token is reused, so this usually means another tool is asking too often.',
      { status, retryAfterSeconds },
    );
  }
  if (looksLikeHtml(headers['content-type'], bodyText)) {
    throw new TokenRequestError(
      'html_response',
      `The token endpoint answered ${status} with an HTML page instead of JSON.`,
      'Check the token endpoint URL: it should be the OAuth token URL (for example https://app.pipefy.com/oauth/token), not a web page.',
      { status },
    );
  }
  if (status >= 500) {
    throw new TokenRequestError(
      'server_error',
      `The token endpoint had a server error (${status}).`,
      'This is on the server side. Try again in a moment; a token that is still valid stays in use meanwhile.',
      { status },
    );
  }
  const json = parseJsonObject(bodyText);
  if (status >= 400) {
    const { error: oauthError, error_description: oauthDescription } = json ? v.parse(OAuthErrorSchema, json) : {};
    const known = oauthError ? OAUTH_ERROR_HINTS[oauthError] : undefined;
    // The server's own sentence follows the status, so its punctuation is never wrapped in ours.
    const described = oauthDescription?.trim() ? `: ${oauthDescription.trim().replace(/[.\s]*$/, '.')}` : '.';
    throw new TokenRequestError(
      known?.code ?? (oauthError ? 'oauth_error' : 'http_error'),
      `The token endpoint refused the request (${status}${oauthError ? ` ${oauthError}` : ''})${described}`,
      known?.hint ?? 'Check the token endpoint URL, the client ID and the client secret.',
      { status, oauthError, oauthDescription },
    );
  }
  if (!json) {
    throw new TokenRequestError(
      'not_json',
      `The token endpoint answered ${status} with a body that is not a JSON object.`,
      'Check the token endpoint URL; an OAuth token endpoint answers with JSON.',
      { status },
    );
  }
  return validateTokenJson(json, status);
}

/** Seconds as a non-negative number, or the digits of one in a string (some servers quote expires_in). */
const Seconds = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^\s*\d+(\.\d+)?\s*$/), v.transform(Number))]),
  v.finite(),
  v.minValue(0),
);

/**
 * The fields the client relies on, in the order they are checked: the first that fails decides
 * the error. Absent (or null) is fine for all but access_token; created_at is only a refinement,
 * so a malformed one is ignored rather than refused.
 */
const TokenJsonSchema = v.object({
  access_token: v.pipe(v.string(), v.check((token) => token.trim() !== '')),
  expires_in: v.nullish(Seconds),
  token_type: v.nullish(v.pipe(v.string(), v.check((type) => type.trim().toLowerCase() === 'bearer'))),
  created_at: lenient(v.nullable(Seconds)),
});

type CheckedField = 'access_token' | 'expires_in' | 'token_type';

/** Each field that can fail has an error code and a hint of its own. */
const FIELD_ERRORS: Record<CheckedField, (json: Record<string, unknown>, status: number) => TokenRequestError> = {
  access_token: (_json, status) =>
    new TokenRequestError(
      'missing_access_token',
      'The token endpoint answered without an access_token.',
      'Check that the URL is the service account\'s token endpoint.',
      { status },
    ),
  expires_in: (json, status) =>
    new TokenRequestError(
      'invalid_expires_in',
      `The token endpoint sent an expires_in that is not a number of seconds (${JSON.stringify(json.expires_in)}).`,
      'The token cannot be trusted without a valid lifetime. Report this to the server\'s owner.',
      { status },
    ),
  token_type: (json, status) =>
    new TokenRequestError(
      'unsupported_token_type',
      // Written so that no word follows "Bearer": the log redactor would take it for a credential.
      `The token endpoint issued a token of type ${JSON.stringify(json.token_type)}; only "Bearer" is usable.`,
      'Pipefy\'s API accepts only tokens of type "Bearer", so this one cannot be used. Check that the URL is the service account\'s token endpoint.',
      { status },
    ),
};

function validateTokenJson(json: Record<string, unknown>, status: number): IssuedToken {
  const parsed = v.safeParse(TokenJsonSchema, json, { abortEarly: true });
  if (!parsed.success) {
    const field = parsed.issues[0].path?.[0]?.key as CheckedField;
    throw FIELD_ERRORS[field](json, status);
  }
  const { access_token, token_type, expires_in, created_at } = parsed.output;
  return {
    accessToken: access_token,
    tokenType: token_type ?? undefined,
    expiresInSeconds: expires_in ?? undefined,
    createdAtSeconds: created_at ?? undefined,
    raw: json,
  };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function looksLikeHtml(contentType: string | undefined, body: string): boolean {
  return /html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body)/i.test(body);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}
