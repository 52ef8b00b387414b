/**
 * The route a request took, in the words of the editor's proxy support. VS Code's extension host
 * routes every request of every extension through `@vscode/proxy-agent`, which reads `http.proxy`,
 * `http.noProxy`, `HTTPS_PROXY`/`NO_PROXY` and, on the desktop, the OS's proxy settings and PAC
 * files; it tells the request which route it chose as a PAC entry: `DIRECT`, `PROXY host:port`,
 * `HTTPS host:port`, `SOCKS5 host:port`. The product takes that route as it comes (one decision for
 * the whole editor) and only names it. Outside VS Code nothing routes, so the route is absent.
 */

export interface ProxyRoute {
  /** `PROXY`, `HTTPS`, `SOCKS`, `SOCKS4` or `SOCKS5`. */
  readonly type: string;
  /** `host:port`, never the credentials a proxy URL may carry. */
  readonly address: string;
}

/** The proxy a route names, or undefined for a direct one. */
export function proxyOf(route: string | undefined): ProxyRoute | undefined {
  const [type = '', target = ''] = (route ?? '').trim().split(/\s*;\s*/)[0].split(/\s+/);
  if (!target || type.toUpperCase() === 'DIRECT') return undefined;
  // `PROXY user:password@host:port/` is how a proxy URL with credentials (and a path) reaches the resolver.
  return { type: type.toUpperCase(), address: target.slice(target.lastIndexOf('@') + 1).split('/')[0] };
}

/** For the log: `direct`, `through the proxy 127.0.0.1:3128`. */
export function describeRoute(route: string | undefined): string {
  if (route === undefined) return 'direct (no proxy support outside VS Code)';
  const proxy = proxyOf(route);
  if (!proxy) return 'direct';
  return proxy.type.startsWith('SOCKS') ? `through the SOCKS proxy ${proxy.address}` : `through the proxy ${proxy.address}`;
}
