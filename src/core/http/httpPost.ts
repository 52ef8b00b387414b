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
  /**
   * The CA certificates (PEM) that may vouch for an HTTPS server, replacing the defaults; absent,
   * the runtime's defaults apply (in VS Code: Node's bundled CAs and, by its setting, the OS store).
   */
  readonly ca?: readonly string[];
}

/** Whatever status came back, redirects included: the caller decides what they mean. */
export interface HttpPostResponse {
  readonly status: number;
  /** Lower-case names; a multi-valued header joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  readonly durationMs: number;
  /** How the editor's proxy support routed the request (see networkRoute.ts). */
  readonly route?: string;
}

/** The seam between core and the network: the token client, the GraphQL runner and the schema fetch all post through one. */
export type HttpPost = (request: HttpPostRequest) => Promise<HttpPostResponse>;

/** No answer came back: what went wrong below HTTP, and the low-level code or message that says so. */
export class TransportFailure extends Error {
  override readonly name = 'TransportFailure';
  constructor(
    readonly kind: TransportFailureKind,
    /** The system or library code (`ECONNREFUSED`, `EPROTO`), a proxy's status (`407`), or '' when there is none. */
    readonly code: string,
    /** The low-level library's own words, or a proxy's reason phrase. */
    readonly reason: string,
    /** How the editor's proxy support routed the request, when it said (see networkRoute.ts). */
    readonly route?: string,
  ) {
    super(`${kind}: ${code || reason}`);
  }
}
