import type { AccountMetadata } from '../../core/accounts/account';
import type { HttpPost } from '../../core/http/httpPost';
import { GraphQLRunner } from '../../core/graphql/graphqlRunner';
import { allowedOriginsFor } from '../../core/graphql/originAllowlist';
import type { OriginGate } from '../../core/graphql/originGate';
import { readSettings } from '../settings';
import type { TokenService } from './tokenService';

/**
 * A GraphQL runner for one account as the settings say now: its token, the origins allowed to
 * receive it, the timeout, and the rate-limit gate every runner of this extension host shares.
 */
export function accountRunner(deps: { readonly tokens: TokenService; readonly rateLimits: OriginGate; readonly http: HttpPost }, account: AccountMetadata): GraphQLRunner {
  const settings = readSettings();
  return new GraphQLRunner({
    tokens: deps.tokens.sourceFor(account),
    http: deps.http,
    allowedOrigins: allowedOriginsFor(account.graphqlEndpoint, settings.allowedApiOrigins),
    timeoutMs: settings.graphqlTimeoutMs,
    pacing: { gate: deps.rateLimits, requestsPerWindow: settings.requestsPer30Seconds },
  });
}
