import { createHash } from 'node:crypto';

/**
 * One cached schema per GraphQL endpoint, whatever the spelling of its URL: `HTTPS://API.pipefy.com:443/graphql/`
 * and `https://api.pipefy.com/graphql` are the same endpoint. The fragment never reaches the server,
 * so it does not count; the query string may, so it does.
 */
export function normaliseGraphQLEndpoint(endpoint: string): string {
  const url = new URL(endpoint.trim());
  url.hash = '';
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href;
}

/**
 * The file name (without extension) of an endpoint's cached schema: a hash, so any URL gives a
 * safe name of fixed length and the file name does not reveal which endpoints were used.
 */
export function schemaCacheKey(endpoint: string): string {
  return createHash('sha256').update(normaliseGraphQLEndpoint(endpoint)).digest('hex');
}
