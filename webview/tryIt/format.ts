/** How numbers and requests read in the panel. Pure, so they are unit-tested under Node. */
import { formatBytes } from '../../src/core/http/byteSize';
import { statusText } from '../../src/core/http/statusText';
import type { RequestView } from '../../src/protocol/tryIt/views';

/** The same size wording as the response view of saved requests. */
export { formatBytes };

export function formatDuration(ms: number): string {
  return `${Math.round(ms)} ms`;
}

/** `200 OK`: the same wording as the response view of saved requests. */
export const formatStatus = statusText;

/** The request as an HTTP message: request line, headers, blank line, body. */
export function formatRequest(request: RequestView): string {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
  return [`${request.method} ${request.url || '(no token endpoint yet)'}`, ...headers, '', request.body].join('\n');
}

/** `obtained 14:02:07 · expires 15:02:07`: the same wording as the status bar. */
export { formatLocalTime } from '../../src/core/token/localTime';
