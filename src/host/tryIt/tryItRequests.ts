/**
 * What Send does. A saved account goes through the TokenService, so the cache, the status bar and
 * other windows follow; an ad hoc request calls core directly and stores nothing.
 */
import type { HttpPost } from '../../core/http/httpPost';
import type { AccountMetadata } from '../../core/accounts/account';
import { checkEndpointUrl } from '../../core/accounts/endpointUrl';
import { checkClientId, checkClientSecret } from '../../core/accounts/validateAccount';
import { FailedTokenExchange, requestToken } from '../../core/oauth/requestToken';
import { TokenRequestError, missingSecretError } from '../../core/oauth/tokenError';
import { toCachedToken } from '../../core/token/cachedToken';
import { cancelledError, errorView, fieldProblemsError, requestView, responseView, tokenTimesView } from '../../core/tryIt/tryItViews';
import type { FieldProblemView, ResultView } from '../../protocol/tryIt/views';
import type { SendTarget } from '../../protocol/tryIt/webviewMessages';
import type { AccountStore } from '../accounts/accountStore';
import type { Log } from '../log';
import { readSettings } from '../settings';
import type { TokenService } from '../tokens/tokenService';

export interface TryItServices {
  readonly accounts: AccountStore;
  readonly tokens: TokenService;
  readonly log: Log;
  readonly http: HttpPost;
}

type AdHocTarget = Extract<SendTarget, { kind: 'adhoc' }>;

export async function sendForAccount(services: TryItServices, account: AccountMetadata, signal: AbortSignal): Promise<ResultView> {
  const source = { kind: 'account', accountId: account.id, label: account.label } as const;
  const request = requestView(account, true);
  // Read only to scrub it from anything shown; it never leaves the host.
  const clientSecret = await services.accounts.readSecret(account.id);
  if (!clientSecret) {
    return {
      ok: false,
      source,
      request,
      finishedAt: Date.now(),
      error: { ...errorView(missingSecretError(account.label)), fieldProblems: [{ field: 'clientSecret', message: 'No secret is stored for this account.' }] },
    };
  }
  try {
    // forceRefresh: pressing Send means "get me a token now", even if a cached one is still valid.
    const { token, exchange } = await untilAborted(services.tokens.acquire(account, { forceRefresh: true, signal }), signal);
    const response = exchange?.response && responseView(exchange.response, clientSecret);
    return { ok: true, source, request, response, token: tokenTimesView(token), finishedAt: Date.now() };
  } catch (error) {
    if (signal.aborted) return { ok: false, source, request, error: cancelledError(), finishedAt: Date.now() };
    const exchange = error instanceof FailedTokenExchange ? error.exchange : undefined;
    return {
      ok: false,
      source,
      request,
      response: exchange?.response && responseView(exchange.response, clientSecret),
      error: errorView(error, clientSecret),
      finishedAt: Date.now(),
    };
  }
}

export async function sendAdHoc(services: TryItServices, target: AdHocTarget, signal: AbortSignal): Promise<ResultView> {
  const source = { kind: 'adhoc' } as const;
  const request = requestView(target, target.clientSecret.length > 0);
  const problems = adHocProblems(target);
  if (problems.length) return { ok: false, source, request, error: fieldProblemsError(problems), finishedAt: Date.now() };

  const { log } = services;
  log.redactor.remember(target.clientSecret);
  log.info(`Try It: ad hoc token request to ${target.tokenEndpoint.trim()} (${target.authMode}); nothing is stored.`);
  try {
    const result = await requestToken({
      tokenEndpoint: target.tokenEndpoint,
      clientId: target.clientId.trim(),
      clientSecret: target.clientSecret,
      authMode: target.authMode,
      timeoutMs: readSettings().tokenTimeoutMs,
      signal,
    }, services.http);
    log.redactor.remember(result.token.accessToken);
    log.info(`Try It: ad hoc token received (${result.exchange.response.status}, ${result.exchange.response.durationMs} ms).`);
    return {
      ok: true,
      source,
      request,
      response: responseView(result.exchange.response, target.clientSecret),
      token: tokenTimesView(toCachedToken(result.token, result.exchange)),
      finishedAt: Date.now(),
    };
  } catch (error) {
    if (signal.aborted) return { ok: false, source, request, error: cancelledError(), finishedAt: Date.now() };
    log.error('Try It: ad hoc token request failed', error);
    const exchange = error instanceof FailedTokenExchange ? error.exchange : undefined;
    return {
      ok: false,
      source,
      request,
      response: exchange?.response && responseView(exchange.response, target.clientSecret),
      error: errorView(error, target.clientSecret),
      finishedAt: Date.now(),
    };
  }
}

/** An invalid URL or an empty client ID or secret is named before anything is sent. */
function adHocProblems(target: AdHocTarget): FieldProblemView[] {
  const checks: Array<[string, string | undefined]> = [
    ['tokenEndpoint', checkEndpointUrl(target.tokenEndpoint, 'token endpoint')],
    ['clientId', checkClientId(target.clientId)],
    ['clientSecret', checkClientSecret(target.clientSecret)],
  ];
  return checks.flatMap(([field, message]) => (message ? [{ field, message }] : []));
}

/**
 * Cancel must answer at once even when Send joined a token request someone else started (the
 * cache shares one flight per account), which the signal passed down cannot stop.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TokenRequestError('cancelled', 'The request was cancelled.', 'Press Send to try again.'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
