/**
 * Send, one way for both kinds of target: check what can be checked before anything goes out,
 * get a token the way the host says (through the shared cache for a saved account; once, stored
 * nowhere, for values typed ad hoc), and turn what came back, or the cancel, into the result the
 * panel shows. The host only passes the way in and shows what comes back.
 */
import type { AccountMetadata } from '../accounts/account';
import { checkEndpointUrl } from '../accounts/endpointUrl';
import { checkClientId, checkClientSecret } from '../accounts/validateAccount';
import { missingSecretError } from '../oauth/tokenError';
import type { Acquired } from '../token/tokenCache';
import type { SendTarget } from '../../protocol/tryIt/webviewMessages';
import type { ErrorView, FieldProblemView, ResultView } from '../../protocol/tryIt/views';
import { cancelledError, errorView, fieldProblemsError, requestView, responseView, tokenTimesView } from './tryItViews';

export type AdHocSendTarget = Extract<SendTarget, { kind: 'adhoc' }>;

/** A saved account comes with its stored secret (undefined when none is), read only to scrub it from what is shown. */
export type TryItTarget = { readonly kind: 'account'; readonly account: AccountMetadata; readonly clientSecret: string | undefined } | AdHocSendTarget;

export type AcquireForSend = (signal: AbortSignal) => Promise<Acquired>;

export async function sendTryIt(target: TryItTarget, acquire: AcquireForSend, signal: AbortSignal, now: () => number = Date.now): Promise<ResultView> {
  const source = target.kind === 'account' ? ({ kind: 'account', accountId: target.account.id, label: target.account.label } as const) : ({ kind: 'adhoc' } as const);
  const request = target.kind === 'account' ? requestView(target.account, true) : requestView(target, target.clientSecret.length > 0);
  const secret = target.clientSecret;
  const refused = (error: ErrorView): ResultView => ({ ok: false, source, request, error, finishedAt: now() });

  const problem = problemBeforeSending(target);
  if (problem) return refused(problem);
  const acquired = await untilAborted(acquire(signal), signal);
  if (acquired === 'aborted' || signal.aborted) return refused(cancelledError());
  const response = acquired.exchange?.response && responseView(acquired.exchange.response, secret);
  if (!acquired.ok) return { ok: false, source, request, response, error: errorView(acquired.error, secret), finishedAt: now() };
  return { ok: true, source, request, response, token: tokenTimesView(acquired.token), finishedAt: now() };
}

/** A saved account without its secret, or ad hoc values with an invalid URL or an empty ID or secret, are named before anything is sent. */
function problemBeforeSending(target: TryItTarget): ErrorView | undefined {
  if (target.kind === 'account') {
    if (target.clientSecret) return undefined;
    return { ...errorView(missingSecretError(target.account.label)), fieldProblems: [{ field: 'clientSecret', message: 'No secret is stored for this account.' }] };
  }
  const checks: Array<[string, string | undefined]> = [
    ['tokenEndpoint', checkEndpointUrl(target.tokenEndpoint, 'token endpoint')],
    ['clientId', checkClientId(target.clientId)],
    ['clientSecret', checkClientSecret(target.clientSecret)],
  ];
  const problems: FieldProblemView[] = checks.flatMap(([field, message]) => (message ? [{ field, message }] : []));
  return problems.length ? fieldProblemsError(problems) : undefined;
}

/**
 * Cancel must answer at once even when Send joined a token request someone else started (the
 * cache shares one flight per account), which the signal passed down cannot stop.
 */
function untilAborted(acquiring: Promise<Acquired>, signal: AbortSignal): Promise<Acquired | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    acquiring
      .then(resolve, (error: unknown) => resolve({ ok: false, error }))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
