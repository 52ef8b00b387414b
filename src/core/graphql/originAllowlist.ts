import { checkEndpointUrl } from '../accounts/endpointUrl';

export const DEFAULT_ALLOWED_API_ORIGINS: readonly string[] = ['https://api.pipefy.com', 'https://app.pipefy.com'];

/** Normalises `https://API.pipefy.com:443/` and friends to `https://api.pipefy.com`; drops what is not a URL. */
export function normaliseOrigins(origins: Iterable<string>): string[] {
  const result = new Set<string>();
  for (const origin of origins) {
    try {
      const url = new URL(origin.trim());
      if (url.protocol === 'https:' || url.protocol === 'http:') result.add(url.origin);
    } catch {
      // A malformed entry allows nothing.
    }
  }
  return [...result];
}

/** Where the token may go: the account's own GraphQL origin plus the configured origins, and nowhere else. */
export function allowedOriginsFor(graphqlEndpoint: string, configured: Iterable<string>): string[] {
  return normaliseOrigins([graphqlEndpoint, ...configured]);
}

/** Why the token may not go to `url`, or undefined when it may. */
export function checkTokenDestination(url: string, allowedOrigins: readonly string[]): string | undefined {
  const problem = checkEndpointUrl(url, 'GraphQL endpoint');
  if (problem) return problem;
  const origin = new URL(url).origin;
  if (normaliseOrigins(allowedOrigins).includes(origin)) return undefined;
  return `The token is not sent to ${origin}: it is not an allowed origin. Add it to the setting pipefy.allowedApiOrigins if you trust it, or point the request at the account's GraphQL endpoint.`;
}
