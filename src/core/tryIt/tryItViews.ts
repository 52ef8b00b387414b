/**
 * Turns token exchanges, cached tokens and errors into the shapes the Try It panel shows.
 * This is where the panel's redaction rules live, in one reviewable place.
 */
import type { AccountMetadata } from '../accounts/account';
import { encodedForms, redactSecrets } from '../log/redact';
import { previewTokenRequest, type ReceivedResponse } from '../oauth/requestToken';
import { TokenRequestError } from '../oauth/tokenError';
import type { CachedToken } from '../token/cachedToken';
import type { PreviewTarget, SendTarget } from '../../protocol/tryIt/webviewMessages';
import type { AccountSummary, ErrorView, FieldProblemView, RequestView, ResponseView, ResultView, TokenTimesView } from '../../protocol/tryIt/views';

/**
 * The preview is built from a stand-in secret that is then redacted, so it never depends on the
 * real one: a saved secret need not be read to draw it, and a secret too short for the redactor
 * to match (it skips strings under 4 characters) still cannot show through.
 */
const SECRET_STAND_IN = 'PipefyTryItSecretStandIn';

type RequestFields = { tokenEndpoint: string; clientId: string; authMode: AccountMetadata['authMode'] };

export function requestView(fields: RequestFields, secretEntered: boolean): RequestView {
  const { tokenEndpoint, clientId, authMode } = fields;
  const preview = previewTokenRequest({ tokenEndpoint, clientId: clientId.trim(), authMode, clientSecret: secretEntered ? SECRET_STAND_IN : '' });
  return { method: preview.method, url: preview.url, headers: { ...preview.headers }, body: preview.body };
}

/** The non-secret request fields of a target: a saved account's come from the store, not the webview. */
export function requestFieldsOf(target: PreviewTarget | SendTarget, account: AccountMetadata | undefined): RequestFields | undefined {
  if (target.kind === 'account') return account && { tokenEndpoint: account.tokenEndpoint, clientId: account.clientId, authMode: account.authMode };
  return { tokenEndpoint: target.tokenEndpoint, clientId: target.clientId, authMode: target.authMode };
}

/**
 * The response exactly as received (the token JSON is what the user came for), except that the
 * client secret is scrubbed should a server ever echo it back.
 */
export function responseView(response: ReceivedResponse, clientSecret: string | undefined): ResponseView {
  const secrets = secretForms(clientSecret);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name] = redactSecrets(value, secrets);
  return {
    status: response.status,
    durationMs: response.durationMs,
    sizeBytes: response.sizeBytes,
    headers,
    bodyText: redactSecrets(response.bodyText, secrets),
  };
}

export function tokenTimesView(token: CachedToken): TokenTimesView {
  return { obtainedAt: token.obtainedAt, expiresAt: token.expiresAt, tokenType: token.tokenType };
}

/** Any failure as message + hint; the texts are scrubbed of the secret, whatever produced them. */
export function errorView(error: unknown, clientSecret?: string): ErrorView {
  const secrets = secretForms(clientSecret);
  const scrub = (text: string) => redactSecrets(text, secrets);
  if (error instanceof TokenRequestError) {
    return { code: error.code, message: scrub(error.message), hint: scrub(error.hint), status: error.details.status };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'error', message: scrub(message), hint: 'See "Pipefy: Show Logs" for details, then try again.' };
}

export function fieldProblemsError(problems: readonly FieldProblemView[]): ErrorView {
  return {
    code: 'invalid_config',
    message: problems.length === 1 ? problems[0].message : `${problems.length} fields need attention before the request can be sent.`,
    hint: 'Fix the marked fields and press Send again.',
    fieldProblems: problems,
  };
}

export function cancelledError(): ErrorView {
  return { code: 'cancelled', message: 'The request was cancelled.', hint: 'Press Send to try again.' };
}

/** Send named a saved account that is gone (removed in another window, say). */
export function goneAccountResult(now: number): ResultView {
  return {
    ok: false,
    source: { kind: 'adhoc' },
    finishedAt: now,
    error: {
      code: 'unknown_account',
      message: 'That service account no longer exists; it may have been removed in another window.',
      hint: 'Pick another account, or enter the values ad hoc.',
    },
  };
}

export function accountSummary(account: AccountMetadata, hasSecret: boolean, activeId: string | undefined): AccountSummary {
  return {
    id: account.id,
    label: account.label,
    description: account.description,
    tokenEndpoint: account.tokenEndpoint,
    clientId: account.clientId,
    authMode: account.authMode,
    hasSecret,
    active: account.id === activeId,
  };
}

/** Every form the secret takes in what is sent, the same list the log's redactor uses. */
function secretForms(secret: string | undefined): string[] {
  return secret ? encodedForms(secret) : [];
}
