import type { IncomingMessage } from 'node:http';

/** Credentials as an RFC 6749 server reads them: a Basic header first, each part form-decoded; else the body. */
export function rfc6749Credentials(request: IncomingMessage & { body: Record<string, unknown> }): { clientId: string; clientSecret: string } | undefined {
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (basic) {
    const joined = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = joined.indexOf(':');
    if (colon < 0) return undefined;
    try {
      const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
      return { clientId: formDecode(joined.slice(0, colon)), clientSecret: formDecode(joined.slice(colon + 1)) };
    } catch {
      return undefined;
    }
  }
  const { client_id: clientId, client_secret: clientSecret } = request.body;
  return typeof clientId === 'string' && typeof clientSecret === 'string' ? { clientId, clientSecret } : undefined;
}
