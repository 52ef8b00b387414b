import type { Sandbox, SandboxClient, TokenFault } from '../../fixtures/sandbox';
import type { SecurityLineId } from '../specLines';
import { bearerTokenOf } from './savedRequests';

/**
 * What the token endpoint can send back (5.token.* and 4.7b in docs/security-rules.md), one row per fault, with what the user
 * must be told: `message` says what failed, `hint` says what to do, and `code` is the stable code
 * the product gives the failure (src/core/oauth/tokenError.ts), which the Try It panel keeps on
 * its error section. Each row becomes one test on each path that can reach it (Try It, the palette).
 */
export interface TokenFaultCase {
  readonly line: SecurityLineId;
  /** How the title names it. */
  readonly name: string;
  readonly code: string;
  readonly message: RegExp;
  readonly hint: RegExp;
  /** The status line Try It shows for what came back; undefined when nothing did. */
  readonly responseStatus?: string;
}

/** A fault the sandbox serves on its next token POST. */
export interface SandboxFaultCase extends TokenFaultCase {
  readonly fault: TokenFault;
}

/** Faults below HTTP, each at an endpoint a test builds (a host that does not resolve, a closed port…). */
export interface NetworkFaultCase extends TokenFaultCase {
  readonly kind: 'dns' | 'connection_refused' | 'timeout' | 'tls';
}

export const SANDBOX_FAULTS: readonly SandboxFaultCase[] = [
  {
    line: '5.token.oauth',
    name: '400 invalid_request',
    fault: 'invalid_request',
    code: 'invalid_request',
    message: /^The token endpoint refused the request \(400 invalid_request\): The request is missing a required parameter/,
    hint: /Check the token endpoint URL and try another client authentication mode/,
    responseStatus: '400 Bad Request',
  },
  {
    line: '5.token.oauth',
    name: '401 invalid_client',
    fault: 'invalid_client',
    code: 'invalid_client',
    message: /^The token endpoint refused the request \(401 invalid_client\): Client authentication failed/,
    hint: /Check the client ID, the client secret and the client authentication mode\. Pipefy shows a secret only once: if it was lost, create a new secret/,
    responseStatus: '401 Unauthorized',
  },
  {
    line: '5.token.body',
    name: 'an HTML error page (502)',
    fault: 'html',
    code: 'html_response',
    message: /^The token endpoint answered 502 with an HTML page instead of JSON\./,
    hint: /Check the token endpoint URL: it should be the OAuth token URL/,
    responseStatus: '502 Bad Gateway',
  },
  {
    line: '5.token.body',
    name: 'a 200 whose body is not JSON',
    fault: 'not_json',
    code: 'not_json',
    message: /^The token endpoint answered 200 with a body that is not a JSON object\./,
    hint: /Check the token endpoint URL; an OAuth token endpoint answers with JSON/,
    responseStatus: '200 OK',
  },
  {
    line: '5.token.body',
    name: 'JSON without access_token',
    fault: 'no_access_token',
    code: 'missing_access_token',
    message: /^The token endpoint answered without an access_token\./,
    hint: /Check that the URL is the service account's token endpoint/,
    responseStatus: '200 OK',
  },
  {
    line: '5.token.body',
    name: 'a bad expires_in ("soon")',
    fault: 'bad_expires_in',
    code: 'invalid_expires_in',
    message: /^The token endpoint sent an expires_in that is not a number of seconds \("soon"\)\./,
    hint: /The token cannot be trusted without a valid lifetime/,
    responseStatus: '200 OK',
  },
  {
    line: '5.token.body',
    name: 'a token_type other than bearer ("mac")',
    fault: 'mac_token_type',
    code: 'unsupported_token_type',
    message: /^The token endpoint issued a token of type "mac"; only "Bearer" is usable\./,
    hint: /Pipefy's API accepts only tokens of type "Bearer"/,
    responseStatus: '200 OK',
  },
  {
    line: '5.token.busy',
    name: '429 with Retry-After: 7',
    fault: 'rate_limited',
    code: 'rate_limited',
    message: /^The token endpoint is rate limiting requests \(429\); it asks to retry after 7 s\./,
    hint: /Wait before asking for another token/,
    responseStatus: '429 Too Many Requests',
  },
  {
    line: '5.token.busy',
    name: '503 (5xx)',
    fault: 'server_error',
    code: 'server_error',
    message: /^The token endpoint had a server error \(503\)\./,
    hint: /Try again in a moment; a token that is still valid stays in use meanwhile/,
    responseStatus: '503 Service Unavailable',
  },
  {
    line: '4.7b',
    name: 'a token response over 1 MB',
    fault: 'huge',
    code: 'response_too_large',
    message: /^127\.0\.0\.1:\d+ sent a response larger than allowed\./,
    hint: /Token responses over 1 MB are refused/,
  },
];

/** The host name of the DNS-failure row: `.invalid` never resolves (RFC 6761). */
export const UNRESOLVABLE_HOST = 'pipefy-test.invalid';

export const NETWORK_FAULTS: readonly NetworkFaultCase[] = [
  {
    line: '5.token.network',
    name: 'DNS failure (a host under .invalid)',
    kind: 'dns',
    code: 'dns',
    message: /^The host pipefy-test\.invalid could not be found \(DNS lookup failed\)\./,
    hint: /Check the URL for typos and check your network or VPN/,
  },
  {
    line: '5.token.network',
    name: 'connection refused (a closed loopback port)',
    kind: 'connection_refused',
    code: 'connection_refused',
    message: /^127\.0\.0\.1:\d+ refused the connection\./,
    hint: /Check the URL and port, and that the server is running/,
  },
  {
    line: '5.token.network',
    name: 'timeout (an endpoint that never answers, default 15 s)',
    kind: 'timeout',
    code: 'timeout',
    message: /^127\.0\.0\.1:\d+ did not answer within 15 s\./,
    hint: /raise the timeout \(pipefy\.tokenRequestTimeoutSeconds\) in the settings/,
  },
  {
    line: '5.token.network',
    name: 'TLS error (https:// to a port that speaks plain HTTP)',
    kind: 'tls',
    code: 'tls',
    message: /^The secure connection to 127\.0\.0\.1:\d+ failed \(\w+\)\./,
    hint: /The server did not answer with TLS: check https:\/\/ against http:\/\/ and the port in the URL/,
  },
];

/** A client only this test file uses, so every token its sandbox issues is one of this file's. */
export function uniqueClient(name: string): SandboxClient {
  return { clientId: `${name}-${globalThis.crypto.randomUUID()}`, clientSecret: `${name}-secret-${globalThis.crypto.randomUUID()}` };
}

/** The bearer token of the last GraphQL request the sandbox received, if any. */
export function lastGraphQLBearer(sandbox: Sandbox): string | undefined {
  const last = [...sandbox.requests].reverse().find((request) => request.path.startsWith('/graphql'));
  return bearerTokenOf(last?.authorization);
}
