import axios, { type AxiosError } from 'axios';
import { type HttpPost, TransportFailure } from './httpPost';
import type { TransportFailureKind } from './transport';

/** The one place that knows axios: every POST core makes goes through here. */
export const axiosPost: HttpPost = async (request) => {
  const started = performance.now();
  try {
    const response = await axios.request<string>({
      method: 'POST',
      url: request.url,
      headers: { ...request.headers },
      data: request.body,
      timeout: request.timeoutMs,
      signal: request.signal,
      // A redirect could carry a secret or a token to another host: the caller sees it and decides.
      maxRedirects: 0,
      maxContentLength: request.maxResponseBytes,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
    });
    return {
      status: response.status,
      headers: flattenHeaders(response.headers),
      bodyText: String(response.data ?? ''),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    throw asTransportFailure(error);
  }
};

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
function asTransportFailure(error: unknown): TransportFailure {
  const axiosError = error as AxiosError | undefined;
  const code = axiosError?.code ?? '';
  const message = axiosError?.message ?? '';
  return new TransportFailure(failureKind(error, code, message), code, message);
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
