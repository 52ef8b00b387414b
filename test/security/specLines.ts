/**
 * The security rules (4.x) and the bad inputs and faults (5.x) the security run proves, line by
 * line; docs/security-rules.md lists the same lines for readers (a unit test keeps the two equal).
 * A test of the security run covers a line by starting its title with the line's id, e.g.
 * `§4.2b refuses …`; the run fails if a line has no passing test (hooks.ts), so the README's
 * mapping cannot go stale.
 */
export const SECURITY_LINES = {
  '4.1': 'the client secret and tokens live only in SecretStorage',
  '4.2a': 'the allowed origins are the account\'s GraphQL origin plus pipefy.allowedApiOrigins',
  '4.2b': 'a request aimed anywhere else is refused with a clear message',
  '4.2c': 'Authorization is never forwarded on a redirect to another origin',
  '4.3': 'HTTPS is required except on loopback',
  '4.4a': 'the manifest declares untrustedWorkspaces "limited"',
  '4.4b': 'in Restricted Mode, workspace settings that change endpoints or origins are ignored',
  '4.4c': 'in Restricted Mode, saved requests do not run until the workspace is trusted',
  '4.5a': 'the webview CSP: default-src \'none\', scripts by nonce, styles and fonts from the extension only',
  '4.5b': 'localResourceRoots is limited to the built assets',
  '4.5c': 'every webview message is checked; a bad one is rejected and logged',
  '4.5d': 'once an account is saved, the webview never receives its secret again',
  '4.6': 'logs go to a LogOutputChannel with secrets and tokens redacted',
  '4.7a': 'timeouts: token request and GraphQL, both configurable',
  '4.7b': 'a token response over 1 MB is rejected',
  '4.7c': 'the viewer says so when a body is larger than it shows',
  '5.input.url': 'an invalid URL, or http:// to a host that is not loopback',
  '5.input.credentials': 'an empty client ID or secret',
  '5.input.lengths': 'a label over 20 characters or a description over 140',
  '5.input.lifetime': 'a lifetime outside 5 minutes to 30 days',
  '5.token.network': 'token endpoint: DNS failure, connection refused, timeout, TLS error',
  '5.token.oauth': 'token endpoint: 400 invalid_request, 401 invalid_client',
  '5.token.body': 'token endpoint: an HTML error page, a body that is not JSON, JSON without access_token, a bad expires_in',
  '5.token.busy': 'token endpoint: 429 with Retry-After, 5xx',
  '5.graphql.errors': 'GraphQL endpoint: errors[] on a 200',
  '5.graphql.401': 'GraphQL endpoint: 401 invalid_token',
  '5.graphql.busy': 'GraphQL endpoint: 429',
  '5.graphql.huge': 'GraphQL endpoint: a huge body',
  '5.graphql.notJson': 'GraphQL endpoint: a body that is not JSON',
  '5.workspace.files': 'a malformed .graphql file or variables file',
  '5.webview.message': 'a malformed message from the webview',
  '5.outage': 'when the token endpoint fails: a valid token stays in use, the status bar shows the error, the next success clears it',
} as const;

export type SecurityLineId = keyof typeof SECURITY_LINES;

/** What a 5.x test counts as in the figures: input somebody typed or holds, or a fault a server injected. */
export function figureKind(id: SecurityLineId): 'rule' | 'badInput' | 'fault' {
  if (id.startsWith('4.')) return 'rule';
  return /^5\.(input|workspace|webview)\./.test(id) ? 'badInput' : 'fault';
}

/** The ids a test title starts with: `§4.2b §4.3 refuses …` → ['4.2b', '4.3']. */
export function securityLinesOfTitle(title: string): SecurityLineId[] {
  const ids: SecurityLineId[] = [];
  for (const match of title.matchAll(/§(\S+)\s/gy)) {
    if (!(match[1] in SECURITY_LINES)) throw new Error(`"${title}" names §${match[1]}, which is not a security rule or bad-input line (docs/security-rules.md, test/security/specLines.ts).`);
    ids.push(match[1] as SecurityLineId);
  }
  return ids;
}
