import type { TransportFailure } from './httpPost';
import { proxyOf } from './networkRoute';

/**
 * What can go wrong below HTTP, for the token request and the GraphQL runner alike. The two proxy
 * kinds are answers from a proxy, never from Pipefy: a 407 (only a proxy sends one) and a refused
 * CONNECT (a proxy's answer to "connect me to app.pipefy.com:443").
 */
export type TransportFailureKind =
  | 'dns'
  | 'connection_refused'
  | 'timeout'
  | 'tls'
  | 'proxy_auth'
  | 'proxy_refused'
  | 'network'
  | 'cancelled'
  | 'response_too_large';

/** A TLS handshake that met something other than TLS: https:// to a port that speaks plain HTTP. */
const NOT_TLS = /EPROTO|wrong version number|packet length too long/i;
/** Node's codes for a certificate no trusted CA vouches for: the mark of a TLS-inspecting proxy. */
const UNTRUSTED = /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE/;
const WRONG_NAME = /ALTNAME|HOSTNAME_MISMATCH/;
const OUT_OF_DATE = /CERT_HAS_EXPIRED|CERT_NOT_YET_VALID/;

/** Where a user trusts a company's CA, in the words every TLS hint uses. */
const TRUST_A_COMPANY_CA =
  'If your company inspects HTTPS with its own CA, trust that CA: name its PEM file in the pipefy.caCertificatesFile setting (or in NODE_EXTRA_CA_CERTS before VS Code starts), or add it to the OS store with http.systemCertificates on. Certificate checks are never turned off.';

/** Where the proxy comes from, for the hints that send the user there. */
const PROXY_SETTINGS = 'the http.proxy setting (or HTTPS_PROXY in the environment VS Code started in)';

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
  const proxy = proxyOf(failure.route);
  const through = proxy ? ` through the proxy ${proxy.address}` : '';
  const theProxy = proxy ? `The proxy ${proxy.address}` : 'A proxy';
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
      return { kind, ...describeTlsFailure(code, reason, host, through) };
    case 'proxy_auth':
      return {
        kind,
        message: `${theProxy} asks for a user name and password (${code} ${reason || 'Proxy Authentication Required'}) before it connects to ${host}. ${host} never saw the request.`,
        hint: `Give the proxy's credentials in ${PROXY_SETTINGS}, as http://user:password@host:port. The client ID and secret are not in question.`,
      };
    case 'proxy_refused':
      return {
        kind,
        message: `${theProxy} refused to connect to ${host} (${code}${reason ? ` ${reason}` : ''}). This is the proxy's answer; ${host} never saw the request.`,
        hint: `Ask whoever runs the proxy to allow ${host}, or, if ${host} is reachable without it, add it to http.noProxy (or NO_PROXY). The proxy comes from ${PROXY_SETTINGS}.`,
      };
    case 'network':
      return {
        kind,
        message: `The request to ${host}${through} failed (${code || reason || 'network error'}).`,
        hint: proxy ? `Check that the proxy ${proxy.address} is running and reachable, and ${PROXY_SETTINGS}.` : 'Check your network and the URL, then try again.',
      };
  }
}

/** A refused handshake, said by its cause: not TLS at all, an untrusted CA, another name, a date. */
function describeTlsFailure(code: string, reason: string, host: string, through: string): { message: string; hint: string } {
  if (code === 'CA_FILE') return { message: `Nothing was sent to ${host}: ${reason}`, hint: 'Fix the path in the pipefy.caCertificatesFile setting, or clear the setting.' };
  const failed = `The secure connection to ${host}${through} failed (${code || reason})`;
  if (NOT_TLS.test(`${code} ${reason}`)) {
    return { message: `${failed}.`, hint: 'The server did not answer with TLS: check https:// against http:// and the port in the URL.' };
  }
  if (UNTRUSTED.test(code)) {
    return { message: `${failed}: its certificate is not signed by a CA this editor trusts. Nothing was sent.`, hint: TRUST_A_COMPANY_CA };
  }
  if (WRONG_NAME.test(code)) {
    return {
      message: `${failed}: its certificate is for another host name. Nothing was sent.`,
      hint: `Check the host in the URL. A proxy that inspects HTTPS must issue its certificate for ${host}.`,
    };
  }
  if (OUT_OF_DATE.test(code)) {
    return { message: `${failed}: its certificate has expired or is not valid yet. Nothing was sent.`, hint: 'Check this computer\'s clock; otherwise the server\'s certificate needs renewing.' };
  }
  return { message: `${failed}: its certificate was not accepted. Nothing was sent.`, hint: `Check the URL. ${TRUST_A_COMPANY_CA}` };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
