/**
 * Endpoint URLs: HTTPS everywhere, plain HTTP only on loopback, so that a local
 * sandbox works while a typo like `http://app.pipefy.com` can never send a secret in clear text.
 */

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (LOOPBACK_NAMES.has(host) || host.endsWith('.localhost')) return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/** Returns a message saying what is wrong with the URL, or undefined when it may be used. */
export function checkEndpointUrl(value: string, what = 'URL'): string | undefined {
  const text = value.trim();
  if (!text) return `The ${what} is empty. Enter a full URL such as https://app.pipefy.com/oauth/token.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `The ${what} "${text}" is not a valid URL. Enter a full URL such as https://app.pipefy.com/oauth/token.`;
  }
  if (url.username || url.password) {
    return `The ${what} must not contain a user name or password; credentials belong in the client ID and secret fields.`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return undefined;
    return `The ${what} uses http:// to ${url.hostname}, which is not a loopback address. Use https:// so that credentials and tokens are not sent in clear text.`;
  }
  return `The ${what} must start with https:// (or http:// on localhost); "${url.protocol}" is not supported.`;
}

/** `scheme://host[:port]`, the unit the token allowlist is written in. */
export function originOf(value: string): string {
  return new URL(value).origin;
}
