import type { TransportFailure } from './httpPost';

/** What can go wrong below HTTP, for the token request and the GraphQL runner alike. */
export type TransportFailureKind = 'dns' | 'connection_refused' | 'timeout' | 'tls' | 'network' | 'cancelled' | 'response_too_large';

/** A TLS handshake that met something other than TLS: https:// to a port that speaks plain HTTP. */
const NOT_TLS = /EPROTO|wrong version number|packet length too long/i;

/**
 * A transport failure in words. `timeoutSetting` names the setting that sets `timeoutMs`, so the
 * hint says which one to raise.
 */
export function describeTransportFailure(
  failure: TransportFailure,
  url: string,
  timeoutMs: number,
  timeoutSetting: string,
): { kind: TransportFailureKind; message: string; hint: string } {
  const { kind, code, reason } = failure;
  const host = safeHost(url);
  switch (kind) {
    case 'cancelled':
      return { kind, message: 'The request was cancelled.', hint: 'Send it again when ready.' };
    case 'dns':
      return { kind, message: `The host ${host} could not be found (DNS lookup failed).`, hint: 'Check the URL for typos and check your network or VPN.' };
    case 'connection_refused':
      return { kind, message: `${host} refused the connection.`, hint: 'Check the URL and port, and that the server is running.' };
    case 'timeout':
      return {
        kind,
        message: `${host} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
        hint: `Try again; if it keeps happening, check your network or raise the timeout (${timeoutSetting}) in the settings.`,
      };
    case 'response_too_large':
      return { kind, message: `${host} sent a response larger than allowed.`, hint: 'Check the URL; this is not what the endpoint should answer.' };
    case 'tls':
      return {
        kind,
        message: `The secure connection to ${host} failed (${code}).`,
        hint: NOT_TLS.test(`${code} ${reason}`)
          ? 'The server did not answer with TLS: check https:// against http:// and the port in the URL.'
          : 'The server\'s certificate was not accepted. Check the URL, and any proxy that intercepts HTTPS.',
      };
    case 'network':
      return { kind, message: `The request to ${host} failed (${code || reason || 'network error'}).`, hint: 'Check your network and the URL, then try again.' };
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
