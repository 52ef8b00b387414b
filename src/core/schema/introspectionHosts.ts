import { GraphQLRequestError, type GraphQLResponse } from '../graphql/graphqlRunner';
import { describeLockout } from '../graphql/lockoutView';

/**
 * Origins that serve the same GraphQL API. Pipefy's own tools introspect against app.pipefy.com,
 * and whether api.pipefy.com answers introspection is not known, so each is the other's fallback.
 */
export const PIPEFY_HOST_PAIRS: ReadonlyArray<readonly [string, string]> = [['https://api.pipefy.com', 'https://app.pipefy.com']];

/** The endpoints to introspect, in order: the account's, then the same path on its paired origin, if it has one. */
export function introspectionEndpoints(endpoint: string, pairs: ReadonlyArray<readonly [string, string]> = PIPEFY_HOST_PAIRS): string[] {
  const url = new URL(endpoint);
  for (const [a, b] of pairs) {
    const other = sameOrigin(url.origin, a) ? b : sameOrigin(url.origin, b) ? a : undefined;
    if (other === undefined) continue;
    const fallback = new URL(`${url.pathname}${url.search}`, new URL(other).origin);
    return [endpoint, fallback.href];
  }
  return [endpoint];
}

function sameOrigin(origin: string, candidate: string): boolean {
  try {
    return new URL(candidate).origin === origin;
  } catch {
    return false;
  }
}

/**
 * One introspection attempt: the schema; refused (introspection refused, or the host failed to
 * answer): the other host may serve it; or final: trying elsewhere cannot help (cancelled, held
 * by a rate limit, the token refused, not an allowed origin).
 */
export type IntrospectionAttempt<Schema> =
  | { readonly kind: 'schema'; readonly schema: Schema; readonly sizeBytes: number; readonly durationMs: number }
  | { readonly kind: 'refused'; readonly reason: string }
  /** `error`: the runner's, when it threw one (a held request, a cancellation). */
  | { readonly kind: 'final'; readonly reason: string; readonly error?: unknown };

/** A schema, or what is wrong with the body: the host's way of refusing introspection. */
export type SchemaLoader<Schema> = (body: unknown) => { readonly schema: Schema } | { readonly problem: string };

/** The runner's answer to an introspection query, judged. */
export function judgeIntrospection<Schema>(response: GraphQLResponse, load: SchemaLoader<Schema>, now: number): IntrospectionAttempt<Schema> {
  const { problem } = response;
  // The same token and the same caller go to the other host: neither a refused token nor a rate limit would be different there.
  if (problem && (problem.code === 'unauthorized' || problem.code === 'rate_limited')) {
    const lockout = response.lockout ? ` ${describeLockout(response.lockout, now)}` : '';
    return { kind: 'final', reason: `${problem.message} ${problem.hint}${lockout}` };
  }
  if (problem) return { kind: 'refused', reason: problem.message };
  const loaded = load(response.json ?? response.bodyText);
  if ('problem' in loaded) return { kind: 'refused', reason: loaded.problem };
  return { kind: 'schema', schema: loaded.schema, sizeBytes: response.sizeBytes, durationMs: response.durationMs };
}

const UNREACHABLE: ReadonlySet<string> = new Set(['dns', 'connection_refused', 'timeout', 'tls', 'network', 'response_too_large']);

/** A runner failure, judged: a host that could not be reached may have a twin that can. Anything else is rethrown. */
export function judgeIntrospectionFailure(error: unknown): IntrospectionAttempt<never> {
  if (!(error instanceof GraphQLRequestError)) throw error;
  if (UNREACHABLE.has(error.code)) return { kind: 'refused', reason: error.message };
  return { kind: 'final', reason: `${error.message} ${error.hint}`, error };
}

export type IntrospectionResult<Schema> =
  | {
      readonly kind: 'served';
      /** The endpoint that served the schema. */
      readonly endpoint: string;
      readonly schema: Schema;
      readonly sizeBytes: number;
      readonly durationMs: number;
      /** The endpoints tried before it, and why each gave no schema. */
      readonly refusals: ReadonlyArray<{ readonly endpoint: string; readonly reason: string }>;
    }
  | { readonly kind: 'refused'; readonly refusals: ReadonlyArray<{ readonly endpoint: string; readonly reason: string }> }
  | {
      readonly kind: 'final';
      readonly endpoint: string;
      readonly reason: string;
      readonly error?: unknown;
      readonly refusals: ReadonlyArray<{ readonly endpoint: string; readonly reason: string }>;
    };

/** Tries each endpoint in turn until one serves the schema or a failure makes trying further pointless. */
export async function introspectInTurn<Schema>(
  endpoints: readonly string[],
  attempt: (endpoint: string) => Promise<IntrospectionAttempt<Schema>>,
): Promise<IntrospectionResult<Schema>> {
  const refusals: Array<{ endpoint: string; reason: string }> = [];
  for (const endpoint of endpoints) {
    const outcome = await attempt(endpoint);
    if (outcome.kind === 'schema') return { kind: 'served', endpoint, schema: outcome.schema, sizeBytes: outcome.sizeBytes, durationMs: outcome.durationMs, refusals };
    if (outcome.kind === 'final') return { kind: 'final', endpoint, reason: outcome.reason, error: outcome.error, refusals };
    refusals.push({ endpoint, reason: outcome.reason });
  }
  return { kind: 'refused', refusals };
}
