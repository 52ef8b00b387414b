/**
 * Every way a token request can fail, each with a stable code (so callers and tests branch on the
 * code, never on the wording), a message saying what happened, and a hint saying what to do.
 */
import type { TransportFailureKind } from '../http/transport';

export type TokenErrorCode =
  | TransportFailureKind
  | 'invalid_config'
  | 'missing_secret'
  | 'redirect'
  | 'invalid_request'
  | 'invalid_client'
  | 'unauthorized_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'oauth_error'
  | 'html_response'
  | 'not_json'
  | 'missing_access_token'
  | 'invalid_expires_in'
  | 'unsupported_token_type'
  | 'rate_limited'
  | 'server_error'
  | 'http_error';

export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
  /** The saved account whose request failed, when there is one (the host's token service says), so the notice can offer to edit it. */
  accountId?: string;

  constructor(
    readonly code: TokenErrorCode,
    message: string,
    readonly hint: string,
    readonly details: { status?: number; retryAfterSeconds?: number; oauthError?: string; oauthDescription?: string } = {},
  ) {
    super(message);
  }
}

/** A saved account without its client secret: nothing can be asked for until it is entered again. */
export function missingSecretError(accountLabel: string): TokenRequestError {
  return new TokenRequestError(
    'missing_secret',
    `The account "${accountLabel}" has no client secret stored.`,
    'Run "Pipefy: Edit Service Account" and enter the client secret. Pipefy shows a secret only once: if it was lost, create a new secret for the service account.',
  );
}
