import type { TransportFailureKind } from './transport';

/** One POST as core sends it: the body as text, no redirects followed, a bounded answer. */
export interface HttpPostRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  /** A longer answer is refused (a `response_too_large` failure) rather than read whole. */
  readonly maxResponseBytes: number;
  readonly signal?: AbortSignal;
}

/** Whatever status came back, redirects included: the caller decides what they mean. */
export interface HttpPostResponse {
  readonly status: number;
  /** Lower-case names; a multi-valued header joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  readonly durationMs: number;
}

/** The seam between core and the network: the token client, the GraphQL runner and the schema fetch all post through one. */
export type HttpPost = (request: HttpPostRequest) => Promise<HttpPostResponse>;

/** No answer came back: what went wrong below HTTP, and the low-level code or message that says so. */
export class TransportFailure extends Error {
  override readonly name = 'TransportFailure';
  constructor(
    readonly kind: TransportFailureKind,
    /** The system or library code (`ECONNREFUSED`, `EPROTO`), or '' when there is none. */
    readonly code: string,
    /** The low-level library's own words. */
    readonly reason: string,
  ) {
    super(`${kind}: ${code || reason}`);
  }
}
