import { TokenRequestError, type TokenErrorCode } from '../oauth/tokenError';
import type { ClientAuthMode } from './account';

/** The fields of an account a refused token request can point at, in the order the Add steps ask for them. */
export type SuspectField = 'tokenEndpoint' | 'clientId' | 'clientSecret' | 'authMode';

export const SUSPECT_FIELD_NAMES: Record<SuspectField, string> = {
  tokenEndpoint: 'Token Endpoint',
  clientId: 'Client ID',
  clientSecret: 'Secret',
  authMode: 'Auth Mode',
};

/** Why a check before saving found no token, and what the user most likely has to fix. */
export interface CheckRefusal {
  /** One clause: what the endpoint did, e.g. `the token endpoint refused the client ID or secret`. */
  readonly reason: string;
  /** The endpoint's own words and what to do about them (the error's message and hint), to show beneath. */
  readonly detail: string;
  /** What to look at, most likely first; empty when the credentials were never judged. */
  readonly suspects: readonly SuspectField[];
  /**
   * True when the endpoint never judged the credentials (down, unreachable, too slow, cancelled):
   * Save Anyway is then the likely answer, and Try Again is worth offering.
   */
  readonly unjudged: boolean;
}

type Rule = Omit<CheckRefusal, 'detail'>;

/** The endpoint answered but did not read the request as a client-credentials grant: the body's shape is the likely cause. */
const NOT_READ: Rule = { reason: 'the token endpoint did not read the request as a client-credentials grant', suspects: ['authMode', 'tokenEndpoint'], unjudged: false };
/** What answered is not a token endpoint (a web page, a redirect, a 404). */
const NOT_A_TOKEN_ENDPOINT: Rule = { reason: 'that URL does not answer as a token endpoint', suspects: ['tokenEndpoint'], unjudged: false };
const UNREACHABLE: Rule = { reason: 'the token endpoint could not be reached', suspects: ['tokenEndpoint'], unjudged: true };
const DOWN: Rule = { reason: 'the token endpoint did not answer the request', suspects: [], unjudged: true };

const RULES: Record<TokenErrorCode, Rule> = {
  invalid_client: { reason: 'the token endpoint refused the client ID or secret', suspects: ['clientSecret', 'clientId'], unjudged: false },
  unauthorized_client: { reason: 'that client may not use the client-credentials grant', suspects: ['clientId'], unjudged: false },
  invalid_request: NOT_READ,
  invalid_grant: NOT_READ,
  unsupported_grant_type: NOT_READ,
  invalid_scope: NOT_READ,
  oauth_error: { reason: 'the token endpoint refused the request', suspects: ['clientSecret', 'authMode'], unjudged: false },
  invalid_config: { reason: 'the token endpoint is not a usable URL', suspects: ['tokenEndpoint'], unjudged: false },
  missing_secret: { reason: 'there is no client secret', suspects: ['clientSecret'], unjudged: false },
  redirect: NOT_A_TOKEN_ENDPOINT,
  html_response: NOT_A_TOKEN_ENDPOINT,
  not_json: NOT_A_TOKEN_ENDPOINT,
  missing_access_token: NOT_A_TOKEN_ENDPOINT,
  invalid_expires_in: NOT_A_TOKEN_ENDPOINT,
  unsupported_token_type: NOT_A_TOKEN_ENDPOINT,
  http_error: NOT_A_TOKEN_ENDPOINT,
  dns: UNREACHABLE,
  connection_refused: UNREACHABLE,
  tls: UNREACHABLE,
  proxy_auth: UNREACHABLE,
  proxy_refused: UNREACHABLE,
  network: UNREACHABLE,
  timeout: DOWN,
  rate_limited: DOWN,
  server_error: DOWN,
  response_too_large: NOT_A_TOKEN_ENDPOINT,
  cancelled: { reason: 'the check was cancelled', suspects: [], unjudged: true },
};

/**
 * Reads a failed check before saving: which field the refusal points at, and whether the
 * credentials were judged at all. A 401 or 403 without an OAuth error code is still a refusal of
 * the credentials; another status without one is not a token endpoint.
 */
export function judgeCheckFailure(error: unknown, authMode: ClientAuthMode): CheckRefusal {
  if (!(error instanceof TokenRequestError)) return { ...DOWN, detail: error instanceof Error ? error.message : String(error) };
  const refusedCredentials = error.code === 'http_error' && (error.details.status === 401 || error.details.status === 403);
  const rule = refusedCredentials ? RULES.invalid_client : RULES[error.code];
  // Servers read a Basic header's + / = % : differently, so a refusal in that mode may be the mode's.
  const suspects = rule === RULES.invalid_client && authMode === 'basic' ? [...rule.suspects, 'authMode' as const] : rule.suspects;
  return { ...rule, suspects, detail: `${error.message} ${error.hint}` };
}
