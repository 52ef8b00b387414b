import axios, { AxiosError } from 'axios';

/** What can go wrong below HTTP, for the token request and the GraphQL runner alike. */
export type TransportFailureKind = 'dns' | 'connection_refused' | 'timeout' | 'tls' | 'network' | 'cancelled' | 'response_too_large';

/** axios headers as a plain object with lower-case names, multi-valued headers joined. */
export function flattenHeaders(headers: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  const source = headers && typeof headers === 'object' && 'toJSON' in headers ? (headers as { toJSON(): unknown }).toJSON() : headers;
  for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

const TLS_CODES = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i;

/** A TLS handshake that met something other than TLS: https:// to a port that speaks plain HTTP. */
const NOT_TLS = /EPROTO|wrong version number|packet length too long/i;

/**
 * Network-level failures, told apart by their Node error codes. `timeoutSetting` names the setting
 * that sets `timeoutMs`, so the hint says which one to raise.
 */
export function describeTransportFailure(
  error: unknown,
  url: string,
  timeoutMs: number,
  timeoutSetting: string,
): { kind: TransportFailureKind; message: string; hint: string } {
  const axiosError = error as AxiosError;
  const code = axiosError?.code ?? '';
  const host = safeHost(url);
  if (axios.isCancel(error) || code === 'ERR_CANCELED') {
    return { kind: 'cancelled', message: 'The request was cancelled.', hint: 'Send it again when ready.' };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { kind: 'dns', message: `The host ${host} could not be found (DNS lookup failed).`, hint: 'Check the URL for typos and check your network or VPN.' };
  }
  if (code === 'ECONNREFUSED') {
    return { kind: 'connection_refused', message: `${host} refused the connection.`, hint: 'Check the URL and port, and that the server is running.' };
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(axiosError?.message ?? '')) {
    return {
      kind: 'timeout',
      message: `${host} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
      hint: `Try again; if it keeps happening, check your network or raise the timeout (${timeoutSetting}) in the settings.`,
    };
  }
  if (/maxContentLength/i.test(axiosError?.message ?? '') || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') {
    return { kind: 'response_too_large', message: `${host} sent a response larger than allowed.`, hint: 'Check the URL; this is not what the endpoint should answer.' };
  }
  if (TLS_CODES.test(code)) {
    return {
      kind: 'tls',
      message: `The secure connection to ${host} failed (${code}).`,
      hint: NOT_TLS.test(`${code} ${axiosError?.message ?? ''}`)
        ? 'The server did not answer with TLS: check https:// against http:// and the port in the URL.'
        : 'The server\'s certificate was not accepted. Check the URL, and any proxy that intercepts HTTPS.',
    };
  }
  return { kind: 'network', message: `The request to ${host} failed (${code || axiosError?.message || 'network error'}).`, hint: 'Check your network and the URL, then try again.' };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
