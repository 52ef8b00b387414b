/**
 * The two ways Send gets a token. A saved account goes through the TokenService, so the cache,
 * the status bar and other windows follow; ad hoc values are sent once and stored nowhere.
 * What is shown is decided in core (`sendTryIt`).
 */
import type { HttpPost } from '../../core/http/httpPost';
import type { AccountMetadata } from '../../core/accounts/account';
import { requestToken } from '../../core/oauth/requestToken';
import { type Acquired, acquiredOnce } from '../../core/token/tokenCache';
import { type AdHocSendTarget, sendTryIt } from '../../core/tryIt/tryItSend';
import type { ResultView } from '../../protocol/tryIt/views';
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

export async function sendForAccount(services: TryItServices, account: AccountMetadata, signal: AbortSignal): Promise<ResultView> {
  // Read only to scrub it from anything shown; it never leaves the host.
  const clientSecret = await services.accounts.readSecret(account.id);
  // forceRefresh: pressing Send means "get me a token now", even if a cached one is still valid.
  return sendTryIt({ kind: 'account', account, clientSecret }, (aborted) => services.tokens.acquire(account, { forceRefresh: true, signal: aborted }), signal);
}

export function sendAdHoc(services: TryItServices, target: AdHocSendTarget, signal: AbortSignal): Promise<ResultView> {
  return sendTryIt(target, (aborted) => requestOnce(services, target, aborted), signal);
}

async function requestOnce({ log, http }: TryItServices, target: AdHocSendTarget, signal: AbortSignal): Promise<Acquired> {
  log.redactor.remember(target.clientSecret);
  log.info(`Try It: ad hoc token request to ${target.tokenEndpoint.trim()} (${target.authMode}); nothing is stored.`);
  const outcome = await requestToken({
    tokenEndpoint: target.tokenEndpoint,
    clientId: target.clientId.trim(),
    clientSecret: target.clientSecret,
    authMode: target.authMode,
    timeoutMs: readSettings().tokenTimeoutMs,
    signal,
  }, http);
  if (outcome.ok) {
    log.redactor.remember(outcome.token.accessToken);
    log.info(`Try It: ad hoc token received (${outcome.exchange.response.status}, ${outcome.exchange.response.durationMs} ms).`);
  } else if (!signal.aborted) {
    log.error('Try It: ad hoc token request failed', outcome.error);
  }
  return acquiredOnce(outcome);
}
