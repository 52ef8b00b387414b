import { type HttpPost, type HttpPostResponse, TransportFailure } from '../http/httpPost';
import { type TransportFailureKind, describeTransportFailure } from '../http/transport';
import { parseRetryAfter } from '../oauth/tokenResponse';
import { CachedToken, isSendable } from '../token/cachedToken';
import { Clock, type InvalidateOutcome, systemClock } from '../token/tokenCache';
import { describeHeld } from './lockoutView';
import { type Lockout, OriginGate } from './originGate';
import { type GraphQLErrorSummary, readApiErrors } from './errorEnvelope';
import { checkTokenDestination } from './originAllowlist';

export type { GraphQLErrorSummary };

export const DEFAULT_GRAPHQL_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_GRAPHQL_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_SAME_ORIGIN_REDIRECTS = 3;
/** Sends of one request: the first, the one with a token fetched after a 401, and a few with tokens others renewed meanwhile. */
const MAX_SENDS = 4;

/** The runner's view of the token cache, bound to one account. */
export interface TokenSource {
  acquire(options?: { forceRefresh?: boolean }): Promise<CachedToken>;
  /** 'superseded' when a newer token than the refused one is already held, so nothing need be fetched. */
  invalidate(accessToken: string): Promise<InvalidateOutcome | void>;
}

export interface GraphQLRequest {
  readonly endpoint: string;
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
  /** Cancels the request wherever it is: waiting for the rate-limit window, or in flight. */
  readonly signal?: AbortSignal;
  /**
   * Cancels only the wait for room in the rate-limit window: once sent, the request runs to its
   * answer. Run All Pages cancels this way, so a page the server may already be answering is
   * still taken, while a page not yet sent never is.
   */
  readonly waitSignal?: AbortSignal;
  /** Send even if the origin is locked out after a 429 (pacing still applies). */
  readonly sendAnyway?: boolean;
}

export type GraphQLProblemCode = 'unauthorized' | 'rate_limited' | 'not_json' | 'http_error';

/** An HTTP answer that came back but is not a usable GraphQL result; the body is still shown. */
export interface GraphQLProblem {
  readonly code: GraphQLProblemCode;
  readonly message: string;
  readonly hint: string;
  readonly retryAfterSeconds?: number;
}

export interface GraphQLResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  readonly json?: unknown;
  readonly durationMs: number;
  readonly sizeBytes: number;
  /** Every error the answer reports, whichever envelope it came in (see errorEnvelope.ts). */
  readonly errors: readonly GraphQLErrorSummary[];
  /** True when the first attempt got a 401 and the request was sent again with a new token. */
  readonly retriedAfter401: boolean;
  readonly problem?: GraphQLProblem;
  /** How long the request waited for the rate-limit window before it was sent (0 without pacing). */
  readonly pacedMs: number;
  /** Set when this answer was a 429: the origin is held until then. */
  readonly lockout?: Lockout;
}

export type GraphQLErrorCode = TransportFailureKind | 'origin_not_allowed' | 'redirect' | 'redirect_cross_origin' | 'held';

/** The request could not be made or got no answer worth showing. */
export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
  constructor(
    readonly code: GraphQLErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Not sent: the origin answered 429 and is held until `lockout.until`; send anyway to override. */
export class OriginHeldError extends GraphQLRequestError {
  constructor(
    readonly lockout: Lockout,
    now: number,
  ) {
    super('held', describeHeld(lockout, now), 'Wait until then, or send anyway.');
  }
}

/** The rate-limit gate the runner shares with every other runner of the extension host. */
export interface RunnerPacing {
  readonly gate: OriginGate;
  /** At most this many requests per window (30 s) to one origin; default Pipefy's 500. */
  readonly requestsPerWindow?: number;
}

export interface GraphQLRunnerOptions {
  readonly tokens: TokenSource;
  /** Origins that may receive the bearer token: the account's GraphQL origin and those the user allowed. */
  readonly allowedOrigins: readonly string[];
  /** How to POST: the host passes the editor's network (host/network), tests the axios adapter; core never picks one. */
  readonly http: HttpPost;
  readonly clock?: Clock;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Without it, requests are neither paced nor held. */
  readonly pacing?: RunnerPacing;
}

/** What happened to one run's requests on their way through the gate. */
interface GateTrace {
  pacedMs: number;
  lockout?: Lockout;
}

/**
 * Sends GraphQL requests with the bearer token: only to allowed origins, never across a redirect
 * to another origin, never with an expired token, and once more with a new token after a 401.
 */
export class GraphQLRunner {
  private readonly http: HttpPost;
  private readonly clock: Clock;

  constructor(private readonly options: GraphQLRunnerOptions) {
    this.http = options.http;
    this.clock = options.clock ?? systemClock;
  }

  async run(request: GraphQLRequest): Promise<GraphQLResponse> {
    const refusal = checkTokenDestination(request.endpoint, this.options.allowedOrigins);
    if (refusal) throw new GraphQLRequestError('origin_not_allowed', refusal, 'Only allowed origins receive the token.');
    const body = JSON.stringify({ query: request.query, variables: request.variables ?? {}, operationName: request.operationName });

    const trace: GateTrace = { pacedMs: 0 };
    let sent = await this.sendWithToken(request, body, await this.usableToken(), trace);
    let retried = false;
    let fetchedAfter401 = false;
    for (let sends = 1; sent.response.status === 401 && sends < MAX_SENDS; sends++) {
      // Dropping the refused token is enough when the cache already holds a newer one (a refresh,
      // or another window, replaced it while this request was out): a 401 for a replaced token
      // says nothing about the account, and asking the endpoint for yet another token would only
      // revoke the newer one on a server that revokes on every new token. Otherwise a new token is
      // fetched once; a 401 for that one is the answer.
      const outcome = await this.options.tokens.invalidate(sent.token.accessToken);
      if (outcome !== 'superseded') {
        if (fetchedAfter401) break;
        fetchedAfter401 = true;
      }
      retried = true;
      sent = await this.sendWithToken(request, body, await this.usableToken(), trace);
    }
    return { ...summarise(sent.response, retried), ...trace };
  }

  private async usableToken(): Promise<CachedToken> {
    const token = await this.options.tokens.acquire();
    return isSendable(token, this.clock.now()) ? token : this.options.tokens.acquire({ forceRefresh: true });
  }

  private async sendWithToken(request: GraphQLRequest, body: string, token: CachedToken, trace: GateTrace) {
    let url = request.endpoint;
    for (let redirects = 0; ; redirects++) {
      const response = await this.paced(url, request, trace, () => this.post(url, body, token.accessToken, request.signal));
      const location = response.headers.location;
      if (response.status < 300 || response.status >= 400 || !location) return { response, token };
      const target = new URL(location, url);
      if (target.origin !== new URL(url).origin) {
        throw new GraphQLRequestError(
          'redirect_cross_origin',
          `The GraphQL endpoint redirected to ${target.origin}, another origin. The redirect was not followed, so the token was not sent there.`,
          'Use the final GraphQL endpoint URL in the account settings.',
        );
      }
      if ((response.status !== 307 && response.status !== 308) || redirects >= MAX_SAME_ORIGIN_REDIRECTS) {
        throw new GraphQLRequestError(
          'redirect',
          `The GraphQL endpoint answered ${response.status} with a redirect to ${target.href}, which a GraphQL POST cannot follow.`,
          'Use the final GraphQL endpoint URL in the account settings.',
        );
      }
      url = target.href;
    }
  }

  /** Sends through the gate when there is one: waits for room in the window, or refuses while the origin is held. */
  private async paced(url: string, request: GraphQLRequest, trace: GateTrace, send: () => Promise<Sent>): Promise<Sent> {
    const pacing = this.options.pacing;
    if (!pacing) return send();
    const admission = await pacing.gate.admit(new URL(url).origin, {
      requestsPerWindow: pacing.requestsPerWindow,
      sendAnyway: request.sendAnyway,
      signal: eitherSignal(request.signal, request.waitSignal),
    });
    if (admission.kind === 'held') throw new OriginHeldError(admission.lockout, this.clock.now());
    if (admission.kind === 'cancelled') throw new GraphQLRequestError('cancelled', 'The request was cancelled while it waited for the rate limit.', 'Send it again when ready.');
    trace.pacedMs += admission.waitedMs;
    let sent: Sent | undefined;
    try {
      sent = await send();
      return sent;
    } finally {
      const lockout = pacing.gate.finish(admission.slot, { status: sent?.status, retryAfter: sent?.headers['retry-after'] });
      if (lockout) trace.lockout = lockout;
    }
  }

  private async post(url: string, body: string, accessToken: string, signal: AbortSignal | undefined): Promise<Sent> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_GRAPHQL_TIMEOUT_MS;
    const maxResponseBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_GRAPHQL_RESPONSE_BYTES;
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${accessToken}` };
    try {
      return await this.http({ url, headers, body, timeoutMs, maxResponseBytes, signal });
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      const failure = describeTransportFailure(error, url, timeoutMs, 'pipefy.graphqlTimeoutSeconds');
      const limitMb = Math.round(maxResponseBytes / 1024 / 1024);
      const hint = failure.kind === 'response_too_large' ? `Responses over ${limitMb} MB are refused. Ask for fewer items per page.` : failure.hint;
      throw new GraphQLRequestError(failure.kind, failure.message, hint);
    }
  }
}

type Sent = HttpPostResponse;

/** One signal that aborts when either given one does. */
function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

function summarise(sent: Sent, retriedAfter401: boolean): Omit<GraphQLResponse, 'pacedMs' | 'lockout'> {
  const json = parseJson(sent.bodyText);
  const base = {
    ...sent,
    json,
    sizeBytes: Buffer.byteLength(sent.bodyText, 'utf8'),
    errors: readApiErrors(sent.status, json),
    retriedAfter401,
  };
  return { ...base, problem: problemOf(sent, json !== undefined) };
}

function problemOf(sent: Sent, isJson: boolean): GraphQLProblem | undefined {
  if (sent.status === 401) {
    return {
      code: 'unauthorized',
      message: 'The API refused the token (401) even after a new token was fetched.',
      hint: 'Check that the service account still exists and has access, and that the token endpoint and GraphQL endpoint belong together.',
    };
  }
  if (sent.status === 429) {
    const retryAfterSeconds = parseRetryAfter(sent.headers['retry-after']);
    return {
      code: 'rate_limited',
      message: `The API rate limit was hit (429)${retryAfterSeconds !== undefined ? `; retry after ${retryAfterSeconds} s` : ''}.`,
      hint: 'Pipefy allows about 500 requests per 30 seconds. Wait, then send fewer requests.',
      retryAfterSeconds,
    };
  }
  if (!isJson) {
    return {
      code: 'not_json',
      message: `The API answered ${sent.status} with a body that is not JSON.`,
      hint: 'Check that the GraphQL endpoint URL is right (for Pipefy: https://api.pipefy.com/graphql).',
    };
  }
  if (sent.status >= 400) {
    return { code: 'http_error', message: `The API answered ${sent.status}.`, hint: 'See the response body for details.' };
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
