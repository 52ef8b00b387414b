import type { ClientAuthMode } from '../accounts/account';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The parts of the token POST that depend on how the client authenticates. */
export interface TokenRequestParts {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Client authentication as a strategy (RFC 6749 §2.3.1): the secret goes in the form body, the
 * JSON body or a Basic header, never in the URL. Pipefy accepts all three.
 */
export function buildTokenRequest(mode: ClientAuthMode, credentials: ClientCredentials): TokenRequestParts {
  const accept = { Accept: 'application/json' };
  switch (mode) {
    case 'form':
      return {
        headers: { ...accept, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
        }).toString(),
      };
    case 'json':
      return {
        headers: { ...accept, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
        }),
      };
    case 'basic':
      return {
        headers: {
          ...accept,
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${basicCredentials(credentials)}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      };
  }
}

/** RFC 6749 §2.3.1: each part is form-urlencoded before it is joined and base64-encoded. */
function basicCredentials({ clientId, clientSecret }: ClientCredentials): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`, 'utf8').toString('base64');
}
