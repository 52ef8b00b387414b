import axios, { type AxiosError } from 'axios';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'http';
// Plain `http` and `https`, never `node:`-prefixed: VS Code's extension host hands extensions its
// proxy-aware copies of these two names only, and that copy is what routes every request through
// the user's proxy settings (see networkRoute.ts).
import * as http from 'http';
import * as https from 'https';
import type { TLSSocket } from 'tls';
import { type HttpPost, type HttpPostRequest, TransportFailure } from './httpPost';
import type { TransportFailureKind } from './transport';

/** The one place that knows axios: every POST core makes goes through here. */
export const axiosPost: HttpPost = async (request) => {
  const started = performance.now();
  const seen: Seen = {};
  // A wall clock over the whole request: a proxy lookup or a CONNECT that hangs comes before the
  // socket that axios's own timeout watches.
  const deadline = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await axios.request<string>({
      method: 'POST',
      url: request.url,
      headers: { ...request.headers },
      data: request.body,
      timeout: request.timeoutMs,
      signal: request.signal ? AbortSignal.any([request.signal, deadline]) : deadline,
      // The editor's proxy support routes the request; axios proxying it too (from HTTPS_PROXY)
      // would send it through two layers, or in clear to the proxy.
      proxy: false,
      // Node's http, through the transport below; the bundle leaves out axios's other adapters.
      adapter: 'http',
      transport: observedTransport(request, seen),
      // A redirect could carry a secret or a token to another host: the caller sees it and decides.
      maxRedirects: 0,
      maxContentLength: request.maxResponseBytes,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
    });
    const proxyAnswer = seen.proxyAnswer ?? (response.status === 407 ? { status: 407, reason: response.statusText } : undefined);
    if (proxyAnswer) throw proxyFailure(proxyAnswer, seen.route);
    return {
      status: response.status,
      headers: flattenHeaders(response.headers),
      bodyText: String(response.data ?? ''),
      durationMs: Math.round(performance.now() - started),
      route: seen.route,
    };
  } catch (error) {
    if (error instanceof TransportFailure) throw error;
    throw asTransportFailure(error, seen.route, deadline.aborted && !request.signal?.aborted);
  }
};

/** What the request itself showed on its way: the route the proxy support chose, and a proxy's own answer. */
interface Seen {
  route?: string;
  proxyAnswer?: { status: number; reason: string };
}

/**
 * Node's `request()` for one POST, which hands the trusted CAs to it and watches what comes back.
 * VS Code's proxy agent tells the request its route with a `proxy` event. When a proxy answers a
 * CONNECT with anything but 200, the tunnelling agent replays that answer as the response, on a
 * socket that never spoke TLS: an https response without TLS is the proxy's, not the server's.
 */
function observedTransport(post: HttpPostRequest, seen: Seen) {
  const secure = post.url.trim().toLowerCase().startsWith('https:');
  const transport = secure ? https : http;
  return {
    request(options: RequestOptions, onResponse: (response: IncomingMessage) => void): ClientRequest {
      const withCa = secure && post.ca ? { ...options, ca: [...post.ca] } : options;
      const request = transport.request(withCa, (response) => {
        if (secure && (response.socket as TLSSocket | null)?.encrypted !== true) {
          seen.proxyAnswer = { status: response.statusCode ?? 0, reason: response.statusMessage ?? '' };
        }
        onResponse(response);
      });
      request.on('proxy', (event: { proxy?: unknown }) => {
        if (typeof event?.proxy === 'string') seen.route = event.proxy;
      });
      return request;
    },
  };
}

function proxyFailure(answer: { status: number; reason: string }, route: string | undefined): TransportFailure {
  return new TransportFailure(answer.status === 407 ? 'proxy_auth' : 'proxy_refused', String(answer.status), answer.reason, route);
}

/** axios headers as a plain object with lower-case names, multi-valued headers joined. */
function flattenHeaders(headers: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  const source = headers && typeof headers === 'object' && 'toJSON' in headers ? (headers as { toJSON(): unknown }).toJSON() : headers;
  for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

const TLS_CODES = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i;

/** Network-level failures, told apart by their Node error codes. */
function asTransportFailure(error: unknown, route: string | undefined, timedOut: boolean): TransportFailure {
  const axiosError = error as AxiosError | undefined;
  const code = axiosError?.code ?? '';
  const message = axiosError?.message ?? '';
  return new TransportFailure(timedOut ? 'timeout' : failureKind(error, code, message), code, message, route);
}

function failureKind(error: unknown, code: string, message: string): TransportFailureKind {
  if (axios.isCancel(error) || code === 'ERR_CANCELED') return 'cancelled';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'timeout';
  if (/maxContentLength/i.test(message) || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') return 'response_too_large';
  if (TLS_CODES.test(code)) return 'tls';
  return 'network';
}
