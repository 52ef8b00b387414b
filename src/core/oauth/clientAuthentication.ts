import type { ClientAuthMode } from '../accounts/account';
import { formEncode } from './formEncode';

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
 * How the ID and secret are written into a Basic header. RFC 6749 §2.3.1 form-encodes each before
 * joining them; Doorkeeper (which Pipefy likely runs) reads them as sent, and Pipefy's own SDK
 * sends them unencoded. The two differ only for characters such as `+ / = % :` and spaces.
 */
export type BasicEncoding = 'as-is' | 'form-encoded';

/**
 * Client authentication as a strategy (RFC 6749 §2.3.1): the secret goes in the form body, the
 * JSON body or a Basic header, never in the URL. Pipefy accepts all three.
 */
export function buildTokenRequest(mode: ClientAuthMode, credentials: ClientCredentials, basicEncoding: BasicEncoding = 'as-is'): TokenRequestParts {
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
          Authorization: `Basic ${basicCredentials(credentials, basicEncoding)}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      };
  }
}

function basicCredentials({ clientId, clientSecret }: ClientCredentials, encoding: BasicEncoding): string {
  const encode = encoding === 'form-encoded' ? formEncode : (value: string) => value;
  return Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`, 'utf8').toString('base64');
}

/**
 * The Basic encodings worth trying, in order: as sent (Pipefy's own SDK, and what Doorkeeper reads),
 * then form-encoded (RFC 6749) when that is different. An ID with a colon cannot go as-is: the
 * server would split it there.
 */
export function basicEncodingsToTry({ clientId, clientSecret }: ClientCredentials): BasicEncoding[] {
  const differ = formEncode(clientId) !== clientId || formEncode(clientSecret) !== clientSecret;
  if (clientId.includes(':')) return ['form-encoded'];
  return differ ? ['as-is', 'form-encoded'] : ['as-is'];
}
